import Foundation

/// Query strings and form bodies, encoded once for every client: `+` is encoded too, since servers
/// read a bare `+` as a space (a timestamp's offset, an organization's name).
package enum HTTPQuery {
    package static func encode(_ items: [(String, String)]) -> String {
        var components = URLComponents()
        components.queryItems = items.map { URLQueryItem(name: $0.0, value: $0.1) }
        return (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    }
}

extension URL {
    /// This URL with `path` appended to its own path (kept: GitHub Enterprise's `/api/v3`, an
    /// InfluxDB behind a proxy's prefix) and `query` as its query.
    package func appendingEndpoint(_ path: String, query: [(String, String)] = []) -> URL {
        var components = URLComponents(url: self, resolvingAgainstBaseURL: false)!
        components.path = (components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path) + path
        components.percentEncodedQuery = query.isEmpty ? nil : HTTPQuery.encode(query)
        return components.url!
    }
}
