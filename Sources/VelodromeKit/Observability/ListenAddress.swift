/// Where the status endpoint listens: `--listen HOST:PORT`; `:PORT` is every interface, as in a
/// container; `[::1]:PORT` for an IPv6 address; port 0 takes any free port.
package struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    package var host: String
    package var port: Int

    package init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    package init(parsing text: String, option: String = "--listen") throws(UsageError) {
        let bad = UsageError("bad address \"\(text)\" for \(option): expected HOST:PORT, e.g. :9090 (every interface) or 127.0.0.1:9090")
        guard let colon = text.lastIndex(of: ":") else { throw bad }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port),
              !host.contains(where: { $0 == "/" || $0 == " " || $0 == "[" || $0 == "]" }) else { throw bad }
        self.init(host: host.isEmpty ? "0.0.0.0" : host, port: port)
    }

    package var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
