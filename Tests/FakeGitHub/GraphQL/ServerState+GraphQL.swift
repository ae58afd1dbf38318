import Foundation

/// `POST /graphql`: GitHub's GraphQL API over the same repositories as the REST routes, with
/// its own quota of points per login (`x-ratelimit-resource: graphql`), its prices and limits,
/// and its timeouts (a 502 that still costs the points).
extension ServerState {
    static let graphQLDocumentation = "https://docs.github.com/graphql"

    mutating func graphQL(_ request: IncomingRequest, login: String?, now: Int64, requestID: String) -> Reply {
        var quota = resourceQuotas["graphql"]?[login] ?? QuotaBucket(limit: 5000)
        quota.roll(now: now)
        defer { resourceQuotas["graphql", default: [:]][login] = quota }
        func answer(_ status: Int, _ body: [String: Any]) -> Reply {
            let bytes = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
            return reply(RouteResult(status: status, body: Array(bytes)), rate: quota.snapshot(now: now), now: now, requestID: requestID,
                         resource: "graphql")
        }
        guard let login else {
            return answer(401, ["message": "This endpoint requires you to be authenticated.", "documentation_url": Self.graphQLDocumentation])
        }
        guard let payload = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
              let text = payload["query"] as? String else {
            return answer(400, ["message": "Problems parsing JSON", "documentation_url": Self.graphQLDocumentation])
        }
        let query: GraphQLQuery, cost: GraphQLCost
        do {
            query = try GraphQLQuery(text, variables: payload["variables"] as? [String: Any] ?? [:])
            cost = try GraphQLCost(query)
        } catch let failure as GraphQLQuery.Failure {
            let type = failure.message.contains("possible nodes") ? "MAX_NODE_LIMIT_EXCEEDED" : nil
            return answer(200, ["errors": [["message": failure.message] .merging(type.map { ["type": $0] } ?? [:]) { $1 }]])
        } catch {
            return answer(200, ["errors": [["message": "\(error)"]]])
        }
        guard quota.remaining >= cost.points else {
            return answer(200, ["errors": [["type": "RATE_LIMITED", "message": "API rate limit already exceeded for user ID \(FakeUser(login).id)."]]])
        }
        quota.used += cost.points
        if let limit = knobs.graphQLTimeoutNodes, cost.nodes > limit {
            return answer(502, ["data": NSNull(), "errors": [["message": "Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include `\(requestID)` when reporting this issue."]]])
        }
        let snapshot = quota.snapshot(now: now)
        let (byName, entries) = (idByName, repositories)
        var execution = GraphQLExecution(
            repositories: { owner, name in byName["\(owner)/\(name)".lowercased()].flatMap { entries[$0]?.repository } },
            rateLimit: ["cost": cost.points, "limit": snapshot.limit, "remaining": snapshot.remaining, "used": snapshot.used,
                        "nodeCount": cost.nodes, "resetAt": TimeFormat.iso8601(snapshot.reset)])
        let data = execution.run(query)
        var body: [String: Any] = ["data": data]
        if !execution.errors.isEmpty { body["errors"] = execution.errors }
        return answer(200, body)
    }
}
