/// Maps paths to answers: `/user`, and the repository endpoints under both
/// `/repos/{owner}/{name}` and `/repositories/{id}` (the form GitHub's Link URLs use).
extension ServerState {
    mutating func route(_ request: IncomingRequest, login: String?, now: Int64) -> RouteResult {
        guard request.method == "GET" else { return RouteResult(status: 404, message: .notFound) }
        let raw = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let segments = raw.map { QueryString.decode($0, plusIsSpace: false) }
        switch segments.first {
        case "user" where segments.count == 1:
            guard let login else { return RouteResult(status: 401, message: .requiresAuthentication) }
            return RouteResult(status: 200, body: UserJSON.encodeProfile(FakeUser(login), api: apiBase))
        case "repos" where segments.count >= 3:
            let key = "\(segments[1])/\(segments[2])".lowercased()
            let rawRest = Self.rest(raw, from: 3)
            if let id = idByName[key] {
                return routeRepository(id, rest: Array(segments.dropFirst(3)), rawRest: rawRest, request: request, now: now)
            }
            if let id = redirects[key], repositories[id] != nil {
                return moved(id: id, rawRest: rawRest, request: request)
            }
            return RouteResult(status: 404, message: .notFound)
        case "repositories" where segments.count >= 2:
            guard let id = Int64(segments[1]), repositories[id] != nil else {
                return RouteResult(status: 404, message: .notFound)
            }
            return routeRepository(
                id, rest: Array(segments.dropFirst(2)), rawRest: Self.rest(raw, from: 2), request: request, now: now)
        default:
            return RouteResult(status: 404, message: .notFound)
        }
    }

    /// "/a/b" from the raw segments starting at `from`, or "" when there are none.
    private static func rest(_ raw: [String], from: Int) -> String {
        raw.count > from ? "/" + raw[from...].joined(separator: "/") : ""
    }

    /// 301 for a renamed repository, pointing at the same endpoint by id, as GitHub does.
    private func moved(id: Int64, rawRest: String, request: IncomingRequest) -> RouteResult {
        var location = "\(apiBase)/repositories/\(id)\(rawRest)"
        if let query = request.rawQuery, !query.isEmpty { location += "?\(query)" }
        return RouteResult(
            status: 301, body: ErrorMessage.moved(to: location).json,
            extraHeaders: [(name: "Location", value: location)])
    }

    private mutating func routeRepository(
        _ id: Int64, rest: [String], rawRest: String, request: IncomingRequest, now: Int64
    ) -> RouteResult {
        guard var entry = repositories[id] else { return RouteResult(status: 404, message: .notFound) }
        let cache = entry.freshCache(api: apiBase)
        repositories[id] = entry
        let shown = knobs.listingLag > 0 ? entry.repository.listed(asOf: now, lag: knobs.listingLag) : entry.repository
        let list = ListContext(
            repository: shown, cache: cache,
            paginator: Paginator(
                knobs: knobs, query: QueryString(request.rawQuery),
                linkBase: "\(apiBase)/repositories/\(id)\(rawRest)"))
        switch rest.count {
        case 0:
            return RouteResult(status: 200, body: RepositoryJSON.encode(entry.repository, api: apiBase))
        case 1 where rest[0] == "issues":
            return list.issues()
        case 2 where rest == ["issues", "comments"]:
            return list.comments(review: false)
        case 2 where rest == ["pulls", "comments"]:
            return list.comments(review: true)
        case 2 where rest == ["issues", "events"]:
            return list.repositoryEvents()
        case 2 where rest[0] == "issues":
            guard let number = Int(rest[1]) else { break }
            return list.issue(number)
        case 3 where rest[0] == "issues" && rest[2] == "events":
            guard let number = Int(rest[1]) else { break }
            return list.issueEvents(number)
        default:
            break
        }
        return RouteResult(status: 404, message: .notFound)
    }
}
