import Foundation
import Logging
import VelodromeKit

/// A fresh database for one benchmark run: a SQLite file, or a new database on the
/// PostgreSQL server that `bench/run` started (`--postgres URL`).
struct BenchDatabase {
    let label: String
    /// What `velodrome --database` takes.
    let url: String

    static func sqlite(in directory: String) -> BenchDatabase {
        BenchDatabase(label: "SQLite", url: "sqlite:\(directory)/mirror.db")
    }

    static func postgres(server: String) async throws -> BenchDatabase {
        let name = "velodrome_bench_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try PostgresLocation(parsing: server, passwordFile: nil, environment: [:])
        try await PostgresDatabase.execute(["CREATE DATABASE \(name)"], at: admin, logger: Logger(label: "bench"))
        var components = URLComponents(string: server)!
        components.path = "/\(name)"
        return BenchDatabase(label: "PostgreSQL", url: components.string!)
    }

    /// The store, with its services running for as long as `body` runs.
    func withStore<T>(_ body: (SQLMirrorStore) async throws -> T) async throws -> T {
        let open = try await DatabaseLocation(parsing: url).open(logger: Logger(label: "bench"))
        let services = open.services
        let running = Task { await withTaskGroup(of: Void.self) { group in
            for service in services { group.addTask { try? await service.run() } }
        } }
        defer { running.cancel() }
        return try await body(open.store)
    }
}
