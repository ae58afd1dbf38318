import Synchronization

/// `--graphql`: where fetch reads issues' histories through GraphQL instead of a REST request
/// per issue.
package enum GraphQLMode: String, Sendable, CaseIterable {
    /// Where a token allows it and the server answers GraphQL; REST where not.
    case auto
    case never
    /// GraphQL or fail: for checking that a deployment can use it.
    case always
}

/// Whether GraphQL is in use, for every repository of one fetch: `auto` stops using it, for
/// the rest of the process, once the server shows it cannot (no GraphQL on a GitHub Enterprise
/// server, a token without access).
package final class GraphQLUse: Sendable {
    let mode: GraphQLMode
    private let refusal = Mutex<String?>(nil)

    package init(settings: FetchSettings) {
        mode = settings.graphQL
        // GitHub answers GraphQL to tokens only.
        if mode == .auto, settings.tokens.isEmpty { refusal.withLock { $0 = "no token" } }
    }

    package var isOn: Bool { mode != .never && refusal.withLock { $0 } == nil }

    /// With `auto`, turns GraphQL off after `error` if it says GraphQL cannot be used here, and
    /// says whether it did; otherwise the error stands.
    func giveUp(after error: any Error) -> String? {
        guard mode == .auto, let github = error as? GitHubError else { return nil }
        let reason: String
        switch github {
        case .notFound: reason = "the server has no GraphQL API"
        case .unauthorized, .forbidden: reason = "the token may not use GraphQL (\(github))"
        case .graphQL(let message): reason = "GitHub refused the query (\(message))"
        default: return nil
        }
        refusal.withLock { $0 = reason }
        return reason
    }
}
