import Foundation
import Logging

/// InfluxDB 2 and 3: `POST /api/v2/write?org=...&bucket=...&precision=ns` with a token;
/// series are dropped through `POST /api/v2/delete`.
package struct InfluxV2Sink: PointSink {
    package let url: URL
    package let organization: String
    package let bucket: String
    package let token: Secret
    private let writer: InfluxWriter

    package init(url: URL, organization: String, bucket: String, token: Secret,
                transport: any HTTPTransport, sleeper: any Sleeper = TaskSleeper(), jitter: Jitter = .random, logger: Logger) {
        self.url = url
        self.organization = organization
        self.bucket = bucket
        self.token = token
        writer = InfluxWriter(transport: transport, sleeper: sleeper, jitter: jitter, logger: logger)
    }

    package var target: String { "influxdb2:\(url.absoluteString)/\(organization)/\(bucket)" }
    package var keepsCheckpoints: Bool { true }

    package func prepare() async throws {
        try await writer.ping(url, headers: [("Authorization", "Token \(token.value)")])
    }

    package func write(_ points: [MetricPoint]) async throws {
        guard !points.isEmpty else { return }
        _ = try await writer.send(
            HTTPRequest(method: "POST", url: url.appendingEndpoint("/api/v2/write", query: [("org", organization), ("bucket", bucket), ("precision", "ns")]),
                        headers: [("Authorization", "Token \(token.value)"), ("Content-Type", "text/plain; charset=utf-8")],
                        body: Data(LineProtocol.lines(points).utf8)),
            expecting: [204], what: "a write of \(points.count) points")
    }

    package func dropSeries(measurement: String, repository: String) async throws {
        // The delete predicate double-quotes its values as InfluxQL quotes identifiers.
        let predicate = "_measurement=\(InfluxQL.identifier(measurement)) AND repository=\(InfluxQL.identifier(repository))"
        let body = "{\"start\":\"1970-01-01T00:00:00Z\",\"stop\":\"2200-01-01T00:00:00Z\",\"predicate\":\(JSONText.quote(predicate))}"
        _ = try await writer.send(
            HTTPRequest(method: "POST", url: url.appendingEndpoint("/api/v2/delete", query: [("org", organization), ("bucket", bucket)]),
                        headers: [("Authorization", "Token \(token.value)"), ("Content-Type", "application/json")], body: Data(body.utf8)),
            expecting: [204], what: "dropping series \(measurement) of \(repository)")
    }
}
