import Logging
import Testing
@testable import VelodromeKit

@Suite struct LogLineTests {
    @Test func textLinesSortMetadataAndQuoteWhenNeeded() {
        let line = LogLine.text(time: "2026-11-25T07:53:52.123Z", level: .info, label: "fetch", message: "synced",
                                metadata: ["repository": "a/b", "requests": .stringConvertible(12), "note": "two words"])
        #expect(line == "2026-11-25T07:53:52.123Z info [fetch] synced note=\"two words\" repository=a/b requests=12")
    }

    @Test func jsonLinesAreOneObjectWithTypedNumbers() {
        let line = LogLine.json(time: "2026-11-25T07:53:52.123Z", level: .warning, label: "fetch", message: "say \"hi\"\n",
                                metadata: ["requests": .stringConvertible(12), "repository": "a/b", "tags": ["x", "y"]])
        #expect(line == #"{"time":"2026-11-25T07:53:52.123Z","level":"warning","logger":"fetch","message":"say \"hi\"\n","repository":"a/b","requests":12,"tags":["x","y"]}"#)
    }

    @Test func jsonEscapesControlCharacters() {
        #expect(JSONText.quote("a\u{1}b\tc\\") == #""a\u0001b\tc\\""#)
        #expect(JSONText.quote("plain 50% café") == #""plain 50% café""#)
        #expect(JSONText.quote("") == #""""#)
    }
}

@Suite struct SecretTests {
    @Test func neverPrints() {
        let secret = Secret("ghp_abcdef", origin: "GITHUB_TOKEN")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        #expect(secret.value == "ghp_abcdef")
    }

    @Test func readsFilesTrimmingNewlines() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("token", "ghp_abcdef\n")
        #expect(try Secret.read(file: path).value == "ghp_abcdef")
        #expect(try Secret.read(file: path).origin == "file \(path)")
        let empty = try directory.write("empty", "\n")
        #expect(throws: ConfigurationProblem("secret file \(empty) is empty")) { try Secret.read(file: empty) }
        #expect(throws: ConfigurationProblem("cannot read secret file \(directory.path("missing")): No such file or directory")) {
            try Secret.read(file: directory.path("missing"))
        }
    }
}

@Suite struct TimestampTests {
    @Test func parsesGitHubAndSQLForms() {
        #expect(Timestamp(parsing: "2022-07-19T04:39:16Z")?.seconds == 1_658_205_556)
        #expect(Timestamp(parsing: "2022-07-19 04:39:16")?.seconds == 1_658_205_556)
        #expect(Timestamp(parsing: "2022-07-19T06:39:16+02:00")?.seconds == 1_658_205_556)
        #expect(Timestamp(parsing: "2022-07-19T04:39:16.999Z")?.seconds == 1_658_205_556)
        #expect(Timestamp(parsing: "2022-13-19T04:39:16Z") == nil)
        #expect(Timestamp(parsing: "2022-07-19T04:39:16Zjunk") == nil)
        #expect(Timestamp(parsing: "yesterday") == nil)
    }

    @Test func formats() {
        let time = Timestamp(seconds: 1_658_205_556)
        #expect(time.iso8601 == "2022-07-19T04:39:16Z")
        #expect(time.sql == "2022-07-19 04:39:16")
        #expect(Timestamp.goZero.iso8601 == "0001-01-01T00:00:00Z")
    }

    @Test func httpDates() {
        #expect(HTTPDate.parse("Tue, 19 Jul 2022 04:39:16 GMT")?.seconds == 1_658_205_556)
        #expect(HTTPDate.format(Timestamp(seconds: 1_658_205_556)) == "Tue, 19 Jul 2022 04:39:16 GMT")
        #expect(HTTPDate.parse("Tuesday, 19-Jul-22 04:39:16 GMT") == nil)
    }
}
