import Foundation
import Logging

/// Sends requests to InfluxDB, retrying what may pass on a second try (5xx, connection trouble)
/// with capped exponential backoff and jitter; an answer InfluxDB gives on purpose (4xx) fails at once.
struct InfluxWriter: Sendable {
    let transport: any HTTPTransport
    let sleeper: any Sleeper
    let logger: Logger
    var attempts = 5
    var backoff = Backoff(base: .seconds(1), cap: .seconds(30))

    func send(_ request: HTTPRequest, expecting success: Set<Int>, what: String) async throws -> HTTPResponse {
        var failures = 0
        while true {
            let reason: String
            do {
                let response = try await transport.send(request)
                if success.contains(response.status) { return response }
                let message = Self.message(response.body)
                guard response.status >= 500 else {
                    throw SinkError("InfluxDB refused \(what) (\(response.status)): \(message)")
                }
                reason = "\(response.status) \(message)"
            } catch let error as TransportError {
                reason = error.message
            }
            failures += 1
            guard failures < attempts else {
                throw SinkError("InfluxDB failed \(what) \(failures) times; last: \(reason)")
            }
            let delay = backoff.delay(attempt: failures)
            logger.warning("InfluxDB failed \(what), retrying in \(DurationText.format(delay)): \(reason)")
            do { try await sleeper.sleep(for: delay) } catch { throw StopRequested() }
        }
    }

    /// InfluxDB's `{"error": ...}` (1.x) or `{"message": ...}` (2.x), or the start of the body.
    static func message(_ body: Data) -> String {
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            if let error = object["error"] as? String { return error }
            if let message = object["message"] as? String { return message }
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "(empty body)" : text
    }

}
