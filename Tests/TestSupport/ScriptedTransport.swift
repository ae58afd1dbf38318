import Foundation
import Synchronization
import VelodromeKit

/// Answers from a script and records requests: for what no real server here can show
/// (InfluxDB 2/3's API, authentication, retries of server errors).
package final class ScriptedTransport: HTTPTransport {
    private let requests = Mutex<[HTTPRequest]>([])
    private let statuses: Mutex<[Int]>

    package init(statuses: [Int]) { self.statuses = Mutex(statuses) }

    package func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        requests.withLock { $0.append(request) }
        let status = statuses.withLock { $0.isEmpty ? 204 : $0.removeFirst() }
        return HTTPResponse(status: status, headers: [:], body: status >= 300 ? Data(#"{"error":"boom"}"#.utf8) : Data(), url: request.url)
    }

    package var recorded: [HTTPRequest] { requests.withLock { $0 } }
}
