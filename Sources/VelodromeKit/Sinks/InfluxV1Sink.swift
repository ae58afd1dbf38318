import Foundation
import Logging

/// InfluxDB 1.x: `POST /write?db=...&precision=ns`, InfluxQL through `POST /query`.
package struct InfluxV1Sink: PointSink {
    package let host: URL
    package let database: String
    package let user: String
    package let password: Secret?
    package let createDatabase: Bool
    private let writer: InfluxWriter

    package init(host: URL, database: String, user: String, password: Secret?, createDatabase: Bool,
                transport: any HTTPTransport, sleeper: any Sleeper = TaskSleeper(), jitter: Jitter = .random, logger: Logger) {
        self.host = host
        self.database = database
        self.user = user
        self.password = password
        self.createDatabase = createDatabase
        writer = InfluxWriter(transport: transport, sleeper: sleeper, jitter: jitter, logger: logger)
    }

    package var target: String { "influxdb:\(host.absoluteString)/\(database)" }
    package var keepsCheckpoints: Bool { true }

    package func prepare() async throws {
        try await writer.ping(host, headers: authorization)
        guard createDatabase else { return }
        try await query("CREATE DATABASE \(InfluxQL.identifier(database))", what: "creating database \(database)")
    }

    package func write(_ points: [MetricPoint]) async throws {
        guard !points.isEmpty else { return }
        let url = host.appendingEndpoint("/write", query: [("db", database), ("precision", "ns")])
        do {
            _ = try await writer.send(HTTPRequest(method: "POST", url: url, headers: headers(contentType: "text/plain; charset=utf-8"),
                                                  body: Data(LineProtocol.lines(points).utf8)),
                                      expecting: [204], what: "a write of \(points.count) points")
        } catch let error as SinkError where error.message.contains("database not found") {
            throw SinkError("\(error.message); create it, or pass --create-database")
        }
    }

    package func dropSeries(measurement: String, repository: String) async throws {
        try await query(InfluxQL.dropSeries(measurement: measurement, repository: repository), what: "dropping series \(measurement) of \(repository)")
    }

    /// Runs InfluxQL; InfluxDB answers 200 with per-statement errors in the body, which count as failures.
    func query(_ statement: String, what: String) async throws {
        let response = try await writer.send(
            HTTPRequest(method: "POST", url: host.appendingEndpoint("/query", query: [("db", database)]),
                        headers: headers(contentType: "application/x-www-form-urlencoded"), body: Data(HTTPQuery.encode([("q", statement)]).utf8)),
            expecting: [200], what: what)
        struct Answer: Decodable {
            struct Result: Decodable { let error: String? }
            let results: [Result]?
            let error: String?
        }
        let answer = try? JSONDecoder().decode(Answer.self, from: response.body)
        if let error = answer?.error ?? answer?.results?.compactMap(\.error).first {
            throw SinkError("InfluxDB refused \(what): \(error)")
        }
    }

    private func headers(contentType: String) -> [(String, String)] {
        [("Content-Type", contentType)] + authorization
    }

    private var authorization: [(String, String)] {
        password.map { [("Authorization", "Basic " + Data("\(user):\($0.value)".utf8).base64EncodedString())] } ?? []
    }
}
