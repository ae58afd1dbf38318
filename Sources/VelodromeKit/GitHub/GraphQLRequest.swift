import Foundation

/// One GraphQL query and its variables, as the body `POST /graphql` takes.
package struct GraphQLRequest: Sendable {
    package let body: Data

    package init(query: String, variables: [String: String]) {
        body = (try? JSONSerialization.data(withJSONObject: ["query": query, "variables": variables], options: [.sortedKeys])) ?? Data()
    }
}

/// What every GraphQL answer holds besides its data: `errors`, and the query's cost when the
/// query asked for `rateLimit { cost }` (Velodrome's always do).
struct GraphQLEnvelope: Decodable {
    struct Failure: Decodable {
        let type: String?
        let message: String
    }

    private struct Data: Decodable {
        struct Rate: Decodable { let cost: Int }
        let rateLimit: Rate?
    }

    enum Problem: Error {
        /// The login's points are spent.
        case rateLimited
        /// No data at all: the query was refused (a bad query, a node limit).
        case refused(String)
    }

    private let data: Data?
    let errors: [Failure]?

    var cost: Int { data?.rateLimit?.cost ?? 1 }

    init(_ body: Foundation.Data) throws {
        self = try JSONDecoder().decode(Self.self, from: body)
        let errors = errors ?? []
        if errors.contains(where: { $0.type == "RATE_LIMITED" }) { throw Problem.rateLimited }
        if data == nil, !errors.isEmpty { throw Problem.refused(errors.map(\.message).joined(separator: "; ")) }
    }
}
