import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [(String, String)]
    public var body: Data?

    public init(method: String = "GET", url: URL, headers: [(String, String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: Data
    /// Where the answer came from, after redirects.
    public var url: URL

    public init(status: Int, headers: [String: String], body: Data, url: URL) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Sends HTTP requests; failures to get any answer (timeouts, dropped or truncated
/// connections) throw `TransportError`.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
}

public struct TransportError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// URLSession (libcurl on Linux) with every response cache switched off: GitHub answers with
/// `Cache-Control: private, max-age=60`, and a cache would hand back stale pages. Conditional
/// requests are made explicitly with `If-None-Match`.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession

    public init(timeout: Duration) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.timeoutIntervalForRequest = timeout.inSeconds
        configuration.timeoutIntervalForResource = configuration.timeoutIntervalForRequest * 4
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
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
            throw TransportError("\(Self.describe(error)) (\(request.method) \(request.url.path))")
        } catch {
            throw TransportError("\(error.localizedDescription) (\(request.method) \(request.url.path))")
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

    private static func describe(_ error: URLError) -> String {
        switch error.code {
        case .timedOut: "timed out"
        case .networkConnectionLost: "connection lost"
        case .cannotConnectToHost: "cannot connect"
        case .cannotFindHost: "host not found"
        case .notConnectedToInternet: "no network"
        case .badServerResponse: "bad server response"
        case .cancelled: "cancelled"
        default: "network error \(error.code.rawValue)"
        }
    }
}
