import Foundation

extension URL {
    /// An option's http(s) URL with a host, or a usage error naming the option and an example.
    /// `assumingHTTP` accepts `host:port` without a scheme, as the original's InfluxDB flag did.
    package static func service(_ text: String, option: String, example: String, assumingHTTP: Bool = false) throws(UsageError) -> URL {
        let full = assumingHTTP && !text.contains("://") ? "http://\(text)" : text
        guard let url = URL(string: full), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false, url.query == nil else {
            throw UsageError("\(option): \"\(text)\" is not an http(s) URL such as \(example)")
        }
        // A URL is printed in errors, logs and /healthz: credentials have options of their own.
        guard url.user == nil, url.password == nil else {
            throw UsageError("\(option): give credentials by their own options, not in the URL (it is printed in logs and errors)")
        }
        return url
    }
}
