import Foundation
import TestSupport
@testable import FakeGitHub

/// A started server with one repository, a token for "alice" and a client.
struct Scenario {
    let server: FakeGitHub
    let clock: FakeClock
    let client: HTTPClient
    let repoID: Int64 = 515_435_940

    static let owner = "octo"
    static let name = "repo"
    static let token = "tok-alice"

    static func start(_ build: (inout FakeRepository) -> Void = { _ in }) async throws -> Scenario {
        let clock = FakeClock()
        let server = FakeGitHub(clock: clock.closure)
        var repo = FakeRepository(owner: owner, name: name, id: 515_435_940)
        build(&repo)
        server.addRepository(repo)
        server.addToken(token, login: "alice")
        try await server.start()
        return Scenario(server: server, clock: clock, client: HTTPClient(base: server.baseURL))
    }

    var port: Int { server.baseURL.port ?? 0 }
    var base: String { server.baseURL.absoluteString }
    var repoPath: String { "/repos/\(Self.owner)/\(Self.name)" }
    var idPath: String { "\(base)/repositories/\(repoID)" }

    func get(_ path: String, token: String? = Scenario.token, headers: [String: String] = [:]) async throws -> Answer {
        try await client.get(path, token: token, headers: headers)
    }

    func stop() async throws {
        try await server.stop()
    }

    /// `count` issues created one second apart from `start`, titled "Issue N".
    static func issues(_ count: Int, start: Int64 = 1_700_000_000) -> (inout FakeRepository) -> Void {
        { repo in
            for i in 0..<count {
                repo.addIssue(title: "Issue \(i + 1)", user: "alice", at: start + Int64(i))
            }
        }
    }
}

extension Scenario {
    /// Starts a scenario, runs `body`, and stops the server whatever happens.
    static func run(
        _ build: (inout FakeRepository) -> Void = { _ in }, _ body: (Scenario) async throws -> Void
    ) async throws {
        try await ServerSlots.shared.with { try await run(build: build, body) }
    }

    private static func run(build: (inout FakeRepository) -> Void, _ body: (Scenario) async throws -> Void) async throws {
        let scenario = try await start(build)
        do {
            try await body(scenario)
        } catch {
            try? await scenario.stop()
            throw error
        }
        try await scenario.stop()
    }
}
