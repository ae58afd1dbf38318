import Foundation
import Logging

/// Sends requests to InfluxDB, retrying what may pass on a second try (5xx, connection trouble)
/// through the shared `Retry` policy; an answer InfluxDB gives on purpose (4xx) fails at once.
struct InfluxWriter: Sendable {
    let transport: any HTTPTransport
    let sleeper: any Sleeper
    let logger: Logger
    var retry: Retry

    init(transport: any HTTPTransport, sleeper: any Sleeper, jitter: Jitter, logger: Logger) {
        self.transport = transport
        self.sleeper = sleeper
        self.logger = logger
        retry = Retry(attempts: 5, backoff: Backoff(base: .seconds(1), cap: .seconds(30)), jitter: jitter)
    }

    func send(_ request: HTTPRequest, expecting success: Set<Int>, what: String) async throws -> HTTPResponse {
        try await retry.run(
            sleeper: sleeper,
            onRetry: { reason, _, delay in logger.warning("InfluxDB failed \(what), retrying in \(DurationText.format(delay)): \(reason)") },
            giveUp: { reason, failures in SinkError("InfluxDB failed \(what) \(failures) times; last: \(reason)") }
        ) { () async throws -> Retry.Step<HTTPResponse> in
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch let error as TransportError {
                return .failed(error.message)
            }
            if success.contains(response.status) { return .done(response) }
            guard response.status >= 500 else {
                throw SinkError("InfluxDB refused \(what) (\(response.status)): \(response.explanation)")
            }
            return .failed("\(response.status) \(response.explanation)")
        }
    }

    /// One request, not retried: whether InfluxDB answers at all, before any work is done. It
    /// carries the credentials, which InfluxDB 3 asks for even here.
    func ping(_ url: URL, headers: [(String, String)]) async throws {
        do {
            let response = try await transport.send(HTTPRequest(url: url.appendingEndpoint("/ping"), headers: headers))
            guard response.status == 204 || response.status == 200 else {
                throw SinkError("InfluxDB at \(url.absoluteString) answered /ping with \(response.status): \(response.explanation)")
            }
        } catch let error as TransportError {
            throw SinkError("cannot reach InfluxDB at \(url.absoluteString): \(error.message)")
        }
    }
}
