import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

package struct HTTPRequest: Sendable {
    package var method: String
    package var url: URL
    package var headers: [(String, String)]
    package var body: Data?

    package init(method: String = "GET", url: URL, headers: [(String, String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

package struct HTTPResponse: Sendable {
    package var status: Int
    /// Header names lower-cased.
    package var headers: [String: String]
    package var body: Data
    /// Where the answer came from, after redirects.
    package var url: URL

    package init(status: Int, headers: [String: String], body: Data, url: URL) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
    }

    package func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Sends HTTP requests; failures to get any answer (timeouts, dropped or truncated
/// connections) throw `TransportError`.
package protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
}

package struct TransportError: Error, CustomStringConvertible {
    package let message: String
    /// No answer could start: the host is unknown, refuses connections, or there is no network.
    /// Worth a hint about the address, which a timeout or a dropped connection is not.
    package let couldNotConnect: Bool

    package init(_ message: String, couldNotConnect: Bool = false) {
        self.message = message
        self.couldNotConnect = couldNotConnect
    }

    package var description: String { message }
}

/// URLSession (libcurl on Linux) with every response cache switched off: GitHub answers with
/// `Cache-Control: private, max-age=60`, and a cache would hand back stale pages. Conditional
/// requests are made explicitly with `If-None-Match`.
package final class URLSessionTransport: HTTPTransport {
    private let session: URLSession

    package init(timeout: Duration) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.timeoutIntervalForRequest = timeout.inSeconds
        configuration.timeoutIntervalForResource = configuration.timeoutIntervalForRequest * 4
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    package func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError {
            throw Self.failure(error, request)
        } catch {
            throw TransportError("\(error.localizedDescription) (\(request.method) \(request.url.path) on \(request.url.hostAndPort))")
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError("not an HTTP response from \(request.url.host ?? "?")")
        }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: data, url: http.url ?? request.url)
    }

    /// Names what failed and where: "cannot connect to 127.0.0.1:1 (POST /query)".
    private static func failure(_ error: URLError, _ request: HTTPRequest) -> TransportError {
        let host = request.url.hostAndPort
        let what: String
        var couldNotConnect = false
        switch error.code {
        case .timedOut: what = "timed out waiting for \(host)"
        case .networkConnectionLost: what = "connection to \(host) lost"
        case .cannotConnectToHost: (what, couldNotConnect) = ("cannot connect to \(host)", true)
        case .cannotFindHost, .dnsLookupFailed: (what, couldNotConnect) = ("host not found: \(host)", true)
        case .notConnectedToInternet: (what, couldNotConnect) = ("no network to reach \(host)", true)
        case .badServerResponse: what = "bad answer from \(host)"
        case .cancelled: what = "request to \(host) cancelled"
        default: what = "network error \(error.code.rawValue) talking to \(host)"
        }
        return TransportError("\(what) (\(request.method) \(request.url.path))", couldNotConnect: couldNotConnect)
    }
}

extension URL {
    /// `api.github.com`, or `127.0.0.1:8086` when the port is given.
    package var hostAndPort: String {
        let host = host ?? "?"
        return port.map { "\(host):\($0)" } ?? host
    }
}
