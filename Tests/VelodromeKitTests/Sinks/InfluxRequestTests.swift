import Foundation
import Logging
import Synchronization
import TestSupport
import Testing
@testable import VelodromeKit

@Suite struct InfluxRequestTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test func influxDB2WritesWithTokenOrgAndBucket() async throws {
        let transport = ScriptedTransport(statuses: [204, 204])
        let sink = InfluxV2Sink(url: URL(string: "http://influx:8086")!, organization: "k8s", bucket: "github",
                                token: Secret("tok-123", origin: "test"), transport: transport, logger: logger)
        try await sink.write([point("merge", 1, 0, ["event": 1])])
        try await sink.dropSeries(measurement: "needs-rebase", repository: "kubernetes/kubernetes")
        let requests = transport.recorded
        #expect(requests.map(\.method) == ["POST", "POST"])
        #expect(requests[0].url.absoluteString == "http://influx:8086/api/v2/write?org=k8s&bucket=github&precision=ns")
        #expect(requests[0].headers.first { $0.0 == "Authorization" }?.1 == "Token tok-123")
        #expect(String(decoding: requests[0].body!, as: UTF8.self) == "merge,repository=acme/widgets event=1i 1600000001000000000\n")
        #expect(requests[1].url.absoluteString == "http://influx:8086/api/v2/delete?org=k8s&bucket=github")
        #expect(String(decoding: requests[1].body!, as: UTF8.self)
                == #"{"start":"1970-01-01T00:00:00Z","stop":"2200-01-01T00:00:00Z","predicate":"_measurement=\"needs-rebase\" AND repository=\"kubernetes/kubernetes\""}"#)
        #expect(sink.target == "influxdb2:http://influx:8086/k8s/github")
    }

    @Test func plusSignsInQueryValuesAreEncoded() {
        #expect(URL(string: "http://influx:8086/prefix/")!.appendingEndpoint("/api/v2/write", query: [("org", "k8s+infra"), ("bucket", "a b")]).absoluteString
                == "http://influx:8086/prefix/api/v2/write?org=k8s%2Binfra&bucket=a%20b")
        #expect(HTTPQuery.encode([("q", "SELECT 1+1")]) == "q=SELECT%201%2B1")
    }

    @Test func influxDB1AuthenticatesWithBasicAuthNotTheURL() async throws {
        let transport = ScriptedTransport(statuses: [204])
        let sink = InfluxV1Sink(host: URL(string: "http://influx:8086")!, database: "github", user: "root", password: Secret("s3cret", origin: "test"),
                                createDatabase: false, transport: transport, logger: logger)
        try await sink.write([point("merge", 1, 0, ["event": 1])])
        let request = try #require(transport.recorded.first)
        #expect(request.url.absoluteString == "http://influx:8086/write?db=github&precision=ns")
        #expect(request.headers.first { $0.0 == "Authorization" }?.1 == "Basic " + Data("root:s3cret".utf8).base64EncodedString())
    }

    @Test func serverErrorsAreRetriedClientErrorsAreNot() async throws {
        let retried = ScriptedTransport(statuses: [500, 503, 204])
        let sleeper = InstantSleeper()
        let sink = InfluxV1Sink(host: URL(string: "http://influx:8086")!, database: "github", user: "root", password: nil,
                                createDatabase: false, transport: retried, sleeper: sleeper, jitter: .fixed(0), logger: logger)
        try await sink.write([point("merge", 1, 0, ["event": 1])])
        #expect(retried.recorded.count == 3)
        #expect(sleeper.recorded == [.seconds(1), .seconds(2)])

        let refused = ScriptedTransport(statuses: [400])
        let failing = InfluxV1Sink(host: URL(string: "http://influx:8086")!, database: "github", user: "root", password: nil,
                                   createDatabase: false, transport: refused, sleeper: sleeper, logger: logger)
        await #expect(throws: SinkError("InfluxDB refused a write of 1 points (400): boom")) { try await failing.write([point("merge", 1, 0, ["event": 1])]) }
        #expect(refused.recorded.count == 1)
    }

    /// The start-up check carries the credentials: InfluxDB 3 refuses an anonymous /ping.
    @Test func pingCarriesTheCredentials() async throws {
        let v2 = ScriptedTransport(statuses: [204])
        try await InfluxV2Sink(url: URL(string: "http://influx:8086")!, organization: "k8s", bucket: "github",
                               token: Secret("tok-123", origin: "test"), transport: v2, logger: logger).prepare()
        #expect(v2.recorded.map(\.url.absoluteString) == ["http://influx:8086/ping"])
        #expect(v2.recorded.first?.headers.first { $0.0 == "Authorization" }?.1 == "Token tok-123")
        let v1 = ScriptedTransport(statuses: [204])
        try await InfluxV1Sink(host: URL(string: "http://influx:8086")!, database: "github", user: "root", password: Secret("pw", origin: "test"),
                               createDatabase: false, transport: v1, logger: logger).prepare()
        #expect(v1.recorded.first?.headers.first { $0.0 == "Authorization" }?.1 == "Basic cm9vdDpwdw==")
        let refused = ScriptedTransport(statuses: [401])
        await #expect(throws: SinkError("InfluxDB at http://influx:8086 answered /ping with 401: boom")) {
            try await InfluxV2Sink(url: URL(string: "http://influx:8086")!, organization: "k8s", bucket: "github",
                                   token: Secret("tok-123", origin: "test"), transport: refused, logger: logger).prepare()
        }
    }
}
