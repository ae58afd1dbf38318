import Foundation
import Logging

/// Where transform writes, from its options: stdout (`--output -`), InfluxDB 1.x
/// (`--influx-host`), InfluxDB 2/3 (`--influx-url`), or else the embedded store.
package struct SinkSettings: Sendable {
    package var output: String?
    package var influxHost: String?
    package var database: String
    package var user: String
    package var password: Secret?
    package var createDatabase: Bool
    package var influxURL: String?
    package var token: Secret?
    package var organization: String?
    package var bucket: String?

    /// From the output options; `--influx-database` and `--influx-user` have defaults.
    /// `lineProtocolOption` names the option that sends line protocol to stdout, where the
    /// command has one (transform's `--output -`).
    package init(parsed: ParsedArguments, lineProtocolOption: String? = nil) throws {
        output = lineProtocolOption.flatMap(parsed.value)
        influxHost = parsed.value("influx-host")
        database = try parsed.string("influx-database")
        user = try parsed.string("influx-user")
        password = try parsed.secret(file: "influx-password-file", value: "influx-password")
        createDatabase = parsed.flag("create-database")
        influxURL = parsed.value("influx-url")
        token = try parsed.secret(file: "influx-token-file", value: "influx-token")
        organization = parsed.value("influx-org")
        bucket = parsed.value("influx-bucket")
    }

    /// Which output, validated, before anything is opened.
    package enum Choice: Sendable {
        case stdout
        case influxV1(host: URL, database: String, user: String, password: Secret?, createDatabase: Bool)
        case influxV2(url: URL, organization: String, bucket: String, token: Secret)
        case embedded

        package func makeSink(store: any MetricPointStore, transport: any HTTPTransport, logger: Logger) -> any PointSink {
            switch self {
            case .stdout: StdoutSink()
            case .influxV1(let host, let database, let user, let password, let createDatabase):
                InfluxV1Sink(host: host, database: database, user: user, password: password, createDatabase: createDatabase, transport: transport, logger: logger)
            case .influxV2(let url, let organization, let bucket, let token):
                InfluxV2Sink(url: url, organization: organization, bucket: bucket, token: token, transport: transport, logger: logger)
            case .embedded: EmbeddedSink(store: store)
            }
        }
    }

    package func choice() throws(UsageError) -> Choice {
        if let output {
            guard output == "-" else { throw UsageError("--output takes - (standard output), got \"\(output)\"") }
            guard influxHost == nil, influxURL == nil else { throw UsageError("--output - writes to standard output; leave out --influx-host and --influx-url") }
            return .stdout
        }
        if influxHost != nil, influxURL != nil {
            throw UsageError("give --influx-host (InfluxDB 1.x) or --influx-url (InfluxDB 2/3), not both")
        }
        if let influxHost {
            return .influxV1(host: try .service(influxHost, option: "--influx-host", example: "http://localhost:8086", assumingHTTP: true), database: database, user: user, password: password, createDatabase: createDatabase)
        }
        if let influxURL {
            guard let token else { throw UsageError("--influx-url needs a token: --influx-token-file, or INFLUX_TOKEN") }
            guard let organization, !organization.isEmpty else { throw UsageError("--influx-url needs --influx-org") }
            guard let bucket, !bucket.isEmpty else { throw UsageError("--influx-url needs --influx-bucket") }
            return .influxV2(url: try .service(influxURL, option: "--influx-url", example: "http://localhost:8086", assumingHTTP: true), organization: organization, bucket: bucket, token: token)
        }
        return .embedded
    }
}
