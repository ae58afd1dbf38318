import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// URLSession set up as the brief asks: ephemeral, no cache. Invalidated when released: on
/// Linux a session that is never invalidated lives on, with its kept-alive sockets.
final class HTTPClient: Sendable {
    let session: URLSession
    let base: URL

    init(base: URL, followRedirects: Bool = true) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        session =
            followRedirects
            ? URLSession(configuration: configuration)
            : URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
        self.base = base
    }

    deinit { session.invalidateAndCancel() }

    /// GET a path ("/repos/o/r/issues?x=1") or an absolute URL (from a Link header).
    func get(
        _ pathOrURL: String, token: String? = nil, scheme: String = "Bearer", headers: [String: String] = [:]
    ) async throws -> Answer {
        let url =
            pathOrURL.hasPrefix("http") ? URL(string: pathOrURL)! : URL(string: base.absoluteString + pathOrURL)!
        var request = URLRequest(url: url)
        request.setValue("velodrome-tests", forHTTPHeaderField: "User-Agent")
        request.setValue("application/vnd.github+json", forHTTPHeaderField: "Accept")
        if let token { request.setValue("\(scheme) \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        return Answer(status: http.statusCode, response: http, body: data)
    }

    /// POSTs a GraphQL query (`{"query": ..., "variables": ...}`) to `/graphql`.
    func graphQL(_ query: String, variables: [String: Any] = [:], token: String?) async throws -> Answer {
        var request = URLRequest(url: URL(string: base.absoluteString + "/graphql")!)
        request.httpMethod = "POST"
        request.setValue("velodrome-tests", forHTTPHeaderField: "User-Agent")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = try JSONSerialization.data(withJSONObject: ["query": query, "variables": variables])
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        return Answer(status: http.statusCode, response: http, body: data)
    }

    /// Follows `next` links from `path`, returning every page.
    func all(_ path: String, token: String? = nil) async throws -> [Answer] {
        var pages: [Answer] = []
        var next: String? = path
        while let url = next {
            let page = try await get(url, token: token)
            pages.append(page)
            guard page.status == 200 else { break }
            next = page.links["next"]
        }
        return pages
    }
}
