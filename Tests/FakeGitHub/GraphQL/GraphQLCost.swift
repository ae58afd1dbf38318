/// GitHub's price of a query, before running it ("Rate limits and query limits for the GraphQL
/// API"): every connection needs `first` or `last` of 1 to 100; a connection costs one request
/// for each parent it may have (the product of its ancestors' `first`), the query
/// the sum of those divided by 100, rounded, at least 1; and it may reach at most 500,000 nodes.
struct GraphQLCost: Equatable {
    var requests = 0
    var nodes = 0

    var points: Int { max(1, Int((Double(requests) / 100).rounded())) }

    static let nodeLimit = 500_000
    /// The fields that are connections in the part of GitHub's schema the fake serves (and the
    /// documented example's).
    static let connections: Set<String> = ["timelineItems", "comments", "issues", "pullRequests", "reviewThreads", "labels",
                                            "assignees", "repositories", "reviews"]

    init(_ query: GraphQLQuery) throws {
        try add(query.selections, parents: 1)
        if nodes > Self.nodeLimit {
            throw GraphQLQuery.Failure(message: "This query requests up to \(nodes) possible nodes which exceeds the maximum limit of \(Self.nodeLimit).")
        }
    }

    init(requests: Int, nodes: Int) {
        self.requests = requests
        self.nodes = nodes
    }

    private mutating func add(_ selections: [GraphQLQuery.Selection], parents: Int) throws {
        for selection in selections {
            switch selection {
            case .inline(_, let inner):
                try add(inner, parents: parents)
            case .field(let field):
                guard Self.connections.contains(field.name) else {
                    try add(field.selections, parents: parents)
                    continue
                }
                let argument = field.arguments["first"] ?? field.arguments["last"]
                guard let size = argument?.int else {
                    throw GraphQLQuery.Failure(message: "You must provide a `first` or `last` value to properly paginate the `\(field.name)` connection.")
                }
                guard (1...100).contains(size) else {
                    let which = field.arguments["first"] != nil ? "first" : "last"
                    throw GraphQLQuery.Failure(message: "Requesting \(size) records on the `\(field.name)` connection exceeds the `\(which)` limit of 100 records.")
                }
                requests += parents
                nodes += parents * size
                try add(field.selections, parents: parents * size)
            }
        }
    }
}
