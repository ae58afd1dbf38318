import Testing
@testable import FakeGitHub

@Suite struct FormatTests {
    @Test func iso8601() {
        #expect(TimeFormat.iso8601(0) == "1970-01-01T00:00:00Z")
        #expect(TimeFormat.iso8601(1_658_205_556) == "2022-07-19T04:39:16Z")
        #expect(TimeFormat.iso8601(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(TimeFormat.parseISO8601("2022-07-19T04:39:16Z") == 1_658_205_556)
        #expect(TimeFormat.parseISO8601("2022-07-19T04:39:16.999Z") == 1_658_205_556)
        #expect(TimeFormat.parseISO8601("2022-07-19T06:39:16+02:00") == 1_658_205_556)
        #expect(TimeFormat.parseISO8601("2022-07-19T06:39:16 02:00") == 1_658_205_556)
        #expect(TimeFormat.parseISO8601("2022-07-19T04:39:16") == 1_658_205_556)
        #expect(TimeFormat.parseISO8601("2022-07-19") == 1_658_188_800)
        #expect(TimeFormat.parseISO8601("yesterday") == nil)
        #expect(TimeFormat.parseISO8601("2022-13-01T00:00:00Z") == nil)
    }

    @Test func httpDate() {
        #expect(TimeFormat.httpDate(1_658_205_556) == "Tue, 19 Jul 2022 04:39:16 GMT")
        #expect(TimeFormat.httpDate(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }

    @Test func queryStrings() {
        let query = QueryString("a=1&page=2&b=x%20y&page=3")
        #expect(query["b"] == "x y")
        #expect(query.setting("page", rawValue: "9").text == "a=1&page=9&b=x%20y")
        #expect(query.removing("page").setting("after", rawValue: "c%3D").text == "a=1&b=x%20y&after=c%3D")
        #expect(QueryString.encode("a+b/c=") == "a%2Bb%2Fc%3D")
    }

    @Test func nodeIDsMatchGitHubsLegacyFormat() {
        #expect(NodeID.make("User", 31_898_046) == "MDQ6VXNlcjMxODk4MDQ2")  // from the fixtures
    }

    @Test func etagMatching() {
        #expect(ServerState.etagMatches("\"abc\"", "abc"))
        #expect(ServerState.etagMatches("W/\"abc\"", "abc"))
        #expect(ServerState.etagMatches("\"x\", \"abc\"", "abc"))
        #expect(ServerState.etagMatches("*", "abc"))
        #expect(!ServerState.etagMatches("\"abd\"", "abc"))
    }
}
