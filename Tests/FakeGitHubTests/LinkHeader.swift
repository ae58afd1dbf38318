import Foundation

/// Parses `Link` headers with one grammar for the fixtures and the fake:
/// `<URL>; rel="name"` entries separated by ", ".
enum LinkHeader {
    static func parse(_ header: String) -> [String: String] {
        var result: [String: String] = [:]
        for entry in entries(header) { result[entry.rel] = entry.url }
        return result
    }

    /// Entries in order; nil when any entry does not follow the grammar.
    static func strictEntries(_ header: String) -> [(url: String, rel: String)]? {
        var out: [(url: String, rel: String)] = []
        for part in header.components(separatedBy: ", ") {
            guard part.hasPrefix("<"), let close = part.firstIndex(of: ">") else { return nil }
            let url = String(part[part.index(after: part.startIndex)..<close])
            let rest = part[part.index(after: close)...]
            guard rest.hasPrefix("; rel=\""), rest.hasSuffix("\"") else { return nil }
            let rel = rest.dropFirst("; rel=\"".count).dropLast()
            guard !rel.isEmpty, rel.allSatisfy({ $0.isLetter }) else { return nil }
            out.append((url, String(rel)))
        }
        return out
    }

    static func entries(_ header: String) -> [(url: String, rel: String)] {
        header.isEmpty ? [] : (strictEntries(header) ?? [])
    }
}
