import Foundation
import Testing
@testable import Velodrome
@testable import VelodromeKit

@Suite struct HealthCheckTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    let check = HealthCheck(stage: "fetch", staleAfter: .seconds(3 * 1800))

    func status(success: TimeInterval?, failures: Int, reason: String = "GitHub refused the token from file /etc/github/bot (401 Bad credentials)") -> StageStatus.Snapshot {
        var status = StageStatus.Snapshot()
        status.iterations = failures + (success == nil ? 0 : 1)
        status.lastSuccess = success.map { Self.now - $0 }
        status.consecutiveFailures = failures
        if failures > 0 { status.lastFailure = StageStatus.Failure(time: Self.now - 10, reason: reason) }
        return status
    }

    @Test func healthyUntilFailuresOutlastStaleAfter() {
        #expect(check.health(StageStatus.Snapshot(), now: Self.now) == .init(ok: true, text: "ok"))
        #expect(check.health(status(success: 7200, failures: 0), now: Self.now) == .init(ok: true, text: "ok"))
        // A failure soon after a success is tolerated; one after a success older than --stale-after is not.
        #expect(check.health(status(success: 1800, failures: 1), now: Self.now) == .init(ok: true, text: "ok"))
        #expect(check.health(status(success: 7200, failures: 4), now: Self.now)
            == .init(ok: false, text: "fetch: last success 2h ago; last error: GitHub refused the token from file /etc/github/bot (401 Bad credentials)"))
        #expect(check.health(status(success: nil, failures: 1, reason: "first line\nsecond line"), now: Self.now)
            == .init(ok: false, text: "fetch: no success yet; last error: first line"))
    }

    @Test func readyOnceTheFirstIterationStarted() {
        #expect(check.readiness(StageStatus.Snapshot()) == .init(ok: false, text: "fetch: first iteration not started yet"))
        var started = StageStatus.Snapshot()
        started.iterations = 1
        #expect(check.readiness(started) == .init(ok: true, text: "ok"))
    }

    @Test func oneLineAtMost300Characters() {
        #expect(HealthCheck.oneLine(String(repeating: "x", count: 500)).count == 300)
    }
}

@Suite struct EndpointSettingsTests {
    func settings(_ arguments: [String], environment: [String: String] = [:]) throws -> EndpointSettings {
        let parsed = try FetchCommand.command.parser(elsewhere: [:]).parse(["--repository=a/b"] + arguments, environment: environment)
        return try EndpointSettings(parsed: parsed, schedule: LoopSchedule(parsed: parsed))
    }

    @Test func offByDefaultStaleAfterThreeIntervals() throws {
        #expect(try settings([]) == EndpointSettings(listen: nil, staleAfter: .seconds(3 * 1800)))
        #expect(try settings(["--interval=10m", "--listen=:9090"]) == EndpointSettings(listen: ListenAddress(host: "0.0.0.0", port: 9090), staleAfter: .seconds(1800)))
        #expect(try settings(["--stale-after=2h"], environment: ["VELODROME_LISTEN": "127.0.0.1:9100"])
            == EndpointSettings(listen: ListenAddress(host: "127.0.0.1", port: 9100), staleAfter: .seconds(7200)))
        #expect(try settings(["--listen=[::1]:9090"]).listen == ListenAddress(host: "::1", port: 9090))
        #expect(ListenAddress(host: "::1", port: 9090).description == "[::1]:9090")
    }

    @Test func onceRefusesAListenOnTheCommandLineButNotFromThePod() throws {
        #expect(throws: UsageError("--listen serves a looping stage; with --once the stage exits before anyone could scrape it")) {
            try settings(["--once", "--listen=:9090"])
        }
        #expect(try settings(["--once"], environment: ["VELODROME_LISTEN": ":9090"]).listen == nil)
    }

    @Test(arguments: [
        (["--listen=9090"], #"bad address "9090" for --listen: expected HOST:PORT, e.g. :9090 (every interface) or 127.0.0.1:9090"#),
        (["--listen=:99999"], #"bad address ":99999" for --listen: expected HOST:PORT, e.g. :9090 (every interface) or 127.0.0.1:9090"#),
        (["--listen=host:http"], #"bad address "host:http" for --listen: expected HOST:PORT, e.g. :9090 (every interface) or 127.0.0.1:9090"#),
        (["--stale-after=0s"], #"bad duration "0s" for --stale-after: must be at least 1s"#),
    ])
    func badValuesNameTheCulprit(arguments: [String], message: String) {
        #expect(throws: UsageError(message)) { try settings(arguments) }
    }

    @Test func anAddressFromTheEnvironmentIsNamedSo() {
        #expect(throws: UsageError(#"bad address "x" for environment variable VELODROME_LISTEN: expected HOST:PORT, e.g. :9090 (every interface) or 127.0.0.1:9090"#)) {
            try settings([], environment: ["VELODROME_LISTEN": "x"])
        }
    }
}
