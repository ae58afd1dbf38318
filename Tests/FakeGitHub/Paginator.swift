/// Pagination as GitHub does it: `per_page` (default 30, at most 100), `page` numbers with
/// `prev`/`next`/`last`/`first` links, and `after=` cursors (no `last`) for large lists.
/// Links are absolute, on `/repositories/{id}/...`, and keep every other query parameter.
struct Paginator {
    /// Extra limits some lists have on real GitHub.
    enum Limit {
        case none
        /// Comment lists: no page may reach past this many items.
        case items(Int)
        /// The repository-wide events list: pages beyond this are refused, `last` stops here.
        case eventPages(Int)
    }

    let knobs: Knobs
    let query: QueryString
    /// "<base>/repositories/<id>/<rest of the path>"
    let linkBase: String

    var perPage: Int {
        guard let text = query["per_page"], let value = Int(text), value > 0 else { return 30 }
        return min(value, 100)
    }

    /// Serves one page of `view`. `kind` names the list's order inside cursors;
    /// `render` turns the page's item positions into the JSON array.
    func page(
        _ view: ListView, kind: String, limit: Limit = .none, render: ([Int32]) -> [UInt8]
    ) -> RouteResult {
        let perPage = perPage
        let start: Int
        let pageNumber: Int
        let usesCursor: Bool
        if let after = query["after"] {
            guard let cursor = Cursor(decoding: after, kind: kind) else {
                return RouteResult(status: 422, message: .invalid(resource: "Pagination", field: "after"))
            }
            start = view.start(after: (cursor.primary, cursor.tie))
            pageNumber = start / perPage + 1
            usesCursor = true
        } else {
            let requested = query["page"].flatMap { Int($0) } ?? 1
            pageNumber = max(1, requested)
            if pageNumber > knobs.pageDepthLimit {
                return RouteResult(status: 422, message: .deepPage)
            }
            let (offset, overflow) = (pageNumber - 1).multipliedReportingOverflow(by: perPage)
            start = overflow ? Int.max - perPage : offset
            usesCursor = false
        }
        switch limit {
        case .none:
            break
        case .items(let maximum):
            if start + perPage > maximum { return RouteResult(status: 422, message: .commentListLimit) }
        case .eventPages(let maximum):
            if pageNumber > maximum { return RouteResult(status: 422, message: .eventsPageLimit) }
        }
        let end = min(view.count, start + perPage)
        let positions = start < end ? (start..<end).map(view.position) : []
        var links: [(String, String)] = []
        if usesCursor || view.count > knobs.cursorThreshold {
            var more = end < view.count
            if case .eventPages(let maximum) = limit, pageNumber >= maximum { more = false }
            if more, end > 0 {
                let key = view.key(end - 1)
                let cursor = Cursor(kind: kind, primary: key.primary, tie: key.tie)
                links.append(("next", url(query.removing("page").setting("after", rawValue: QueryString.encode(cursor.encoded)))))
            }
        } else {
            var lastPage = max(1, (view.count + perPage - 1) / perPage)
            if case .eventPages(let maximum) = limit { lastPage = min(lastPage, maximum) }
            if pageNumber > 1 { links.append(("prev", pageURL(pageNumber - 1))) }
            if pageNumber < lastPage {
                links.append(("next", pageURL(pageNumber + 1)))
                links.append(("last", pageURL(lastPage)))
            }
            if pageNumber > 1 { links.append(("first", pageURL(1))) }
        }
        var headers: [(name: String, value: String)] = []
        if !links.isEmpty {
            headers.append(("Link", links.map { "<\($0.1)>; rel=\"\($0.0)\"" }.joined(separator: ", ")))
        }
        return RouteResult(status: 200, body: render(positions), extraHeaders: headers)
    }

    private func pageURL(_ page: Int) -> String {
        url(query.removing("after").setting("page", rawValue: String(page)))
    }

    private func url(_ query: QueryString) -> String {
        let text = query.text
        return text.isEmpty ? linkBase : "\(linkBase)?\(text)"
    }
}
