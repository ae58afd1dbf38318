import Foundation

/// GitHub's `Link` header: `<url>; rel="next", <url>; rel="last"`. The URLs are followed as given
/// (GitHub points them at `/repositories/{id}/...`, and at `after=` cursors on large lists).
package struct LinkHeader: Sendable, Equatable {
    package private(set) var relations: [String: URL] = [:]

    package init(_ text: String?) {
        guard let text else { return }
        for part in text.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let target = fields.first, target.hasPrefix("<"), target.hasSuffix(">"),
                  let url = URL(string: String(target.dropFirst().dropLast())) else { continue }
            for field in fields.dropFirst() where field.hasPrefix("rel=") {
                let names = field.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                for name in names.split(separator: " ") { relations[String(name)] = url }
            }
        }
    }

    package var next: URL? { relations["next"] }
    package var last: URL? { relations["last"] }
}

extension LinkHeader {
    /// Cursor links (`after=`, `before=`) stay valid while the list changes, and GitHub always
    /// continues them with `next`; page numbers shift as items move.
    static func isCursor(_ url: URL) -> Bool {
        query(of: url).contains { $0.name == "after" || $0.name == "before" }
    }

    /// The `page` number of a page-number link, nil for a link without one.
    static func pageNumber(of url: URL) -> Int? {
        query(of: url).first { $0.name == "page" }?.value.flatMap(Int.init)
    }

    private static func query(of url: URL) -> [URLQueryItem] {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
    }
}
