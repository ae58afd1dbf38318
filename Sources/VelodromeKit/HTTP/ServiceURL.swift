import Foundation

extension URL {
    /// An option's http(s) URL with a host, or a usage error naming the option and an example.
    /// `assumingHTTP` accepts `host:port` without a scheme, as the original's InfluxDB flag did.
    package static func service(_ text: String, option: String, example: String, assumingHTTP: Bool = false) throws(UsageError) -> URL {
        let full = assumingHTTP && !text.contains("://") ? "http://\(text)" : text
        guard let url = URL(string: full), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false, url.query == nil else {
            throw UsageError("\(option): \"\(text)\" is not an http(s) URL such as \(example)")
        }
        return url
    }
}
