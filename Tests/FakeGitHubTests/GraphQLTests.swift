import Foundation
import Testing
@testable import FakeGitHub

/// The fake's GraphQL endpoint, against GitHub's documentation: prices, limits, errors, and
/// timelines whose node ids are the REST answers' `node_id`.
@Suite struct GraphQLTests {
    /// GitHub's documented example ("Rate limits and query limits for the GraphQL API"):
    /// 1 + 100 + 5,000 requests, 51 points, 305,100 nodes.
    @Test func theDocumentedExampleCostsWhatGitHubSays() throws {
        let query = try GraphQLQuery("""
            query {
              viewer {
                login
                repositories(first: 100) {
                  edges { node { id issues(first: 50) { edges { node { id labels(first: 60) { edges { node { id name } } } } } } } }
                }
              }
            }
            """, variables: [:])
        #expect(try GraphQLCost(query) == GraphQLCost(requests: 5101, nodes: 305_100))
        #expect(try GraphQLCost(query).points == 51)
    }

    @Test(arguments: [
        ("query { repository(owner: \"o\", name: \"r\") { issues { nodes { id } } } }",
         "You must provide a `first` or `last` value to properly paginate the `issues` connection."),
        ("query { repository(owner: \"o\", name: \"r\") { issues(first: 101) { nodes { id } } } }",
         "Requesting 101 records on the `issues` connection exceeds the `first` limit of 100 records."),
        ("query { repository(owner: \"o\", name: \"r\") { issues(first: 100) { nodes { comments(first: 100) { nodes { reactions(first: 100) { totalCount } } } } } } }",
         ""),
    ])
    func connectionsOutOfBoundsAreRefused(query text: String, message: String) throws {
        let query = try GraphQLQuery(text, variables: [:])
        if message.isEmpty {
            // reactions is no connection the fake knows: 1 + 100 requests, 10,100 nodes.
            #expect(try GraphQLCost(query) == GraphQLCost(requests: 101, nodes: 10_100))
        } else {
            #expect(throws: GraphQLQuery.Failure.self) { try GraphQLCost(query) }
            do { _ = try GraphQLCost(query) } catch let failure as GraphQLQuery.Failure { #expect(failure.message == message) }
        }
    }

    @Test func aQueryOverHalfAMillionNodesIsRefused() throws {
        let query = try GraphQLQuery("""
            query { repository(owner: "o", name: "r") { issues(first: 100) { nodes { comments(first: 100) { nodes { labels(first: 100) { nodes { name } } } } } } } }
            """, variables: [:])
        do {
            _ = try GraphQLCost(query)
            Issue.record("a query of 1,010,100 nodes was priced")
        } catch let failure as GraphQLQuery.Failure {
            #expect(failure.message == "This query requests up to 1010100 possible nodes which exceeds the maximum limit of 500000.")
        }
    }

    static let timelineQuery = """
        query($owner: String!, $name: String!, $after: String) {
          rateLimit { cost remaining limit nodeCount resetAt }
          repository(owner: $owner, name: $name) {
            i1: issueOrPullRequest(number: 1) { __typename ... on Issue { number timelineItems(first: 2, after: $after, itemTypes: [LABELED_EVENT, CLOSED_EVENT, REOPENED_EVENT, UNLABELED_EVENT]) {
              pageInfo { hasNextPage endCursor }
              nodes { __typename ... on Node { id } ... on LabeledEvent { createdAt actor { login } label { name } } ... on ClosedEvent { createdAt actor { login } } ... on ReopenedEvent { actor { login } } } } } }
            i9: issueOrPullRequest(number: 9) { __typename }
          }
        }
        """

    @Test func timelinesPageByCursorWithTheRESTNodeIDs() async throws {
        try await Scenario.run(EventTests.build) { s async throws in
            let rest = try await s.get("\(s.repoPath)/issues/1/events").array
            let restIDs = rest.map { $0["node_id"] as! String }
            let first = try await s.client.graphQL(Self.timelineQuery, variables: ["owner": "octo", "name": "repo"], token: Scenario.token)
            #expect(first.status == 200)
            #expect(first.header("X-RateLimit-Resource") == "graphql")
            #expect(first.header("X-RateLimit-Remaining") == "4999")
            let data = try #require(first.object["data"] as? [String: Any])
            let rate = try #require(data["rateLimit"] as? [String: Any])
            #expect(rate["cost"] as? Int == 1)
            #expect(rate["nodeCount"] as? Int == 2)
            let repository = try #require(data["repository"] as? [String: Any])
            #expect(repository["i9"] is NSNull)
            let errors = try #require(first.object["errors"] as? [[String: Any]])
            #expect(errors.map { $0["type"] as? String } == ["NOT_FOUND"])
            #expect(errors.first?["message"] as? String == "Could not resolve to an issue or pull request with the number of 9.")
            let issue = try #require(repository["i1"] as? [String: Any])
            #expect(issue["__typename"] as? String == "Issue")
            let timeline = try #require(issue["timelineItems"] as? [String: Any])
            let nodes = try #require(timeline["nodes"] as? [[String: Any]])
            #expect(nodes.map { $0["__typename"] as? String } == ["LabeledEvent", "ClosedEvent"])
            #expect(nodes[0]["label"] as? [String: String] == ["name": "bug"])
            // The ghost closed it: GraphQL names the deleted account `ghost`.
            #expect((nodes[1]["actor"] as? [String: String])?["login"] == "ghost")
            let page = try #require(timeline["pageInfo"] as? [String: Any])
            #expect(page["hasNextPage"] as? Bool == true)

            let second = try await s.client.graphQL(Self.timelineQuery, variables: ["owner": "octo", "name": "repo", "after": page["endCursor"]!],
                                                    token: Scenario.token)
            let more = ((second.object["data"] as? [String: Any])?["repository"] as? [String: Any])?["i1"] as? [String: Any]
            let rest2 = (more?["timelineItems"] as? [String: Any])?["nodes"] as? [[String: Any]] ?? []
            #expect(rest2.map { $0["__typename"] as? String } == ["ReopenedEvent", "UnlabeledEvent"])
            // A reopening by a null actor (REST) is by `ghost` here too.
            #expect((rest2[0]["actor"] as? [String: String])?["login"] == "ghost")
            #expect((nodes + rest2).map { $0["id"] as? String } == restIDs)
            #expect(s.server.quotaUsed(login: "alice", resource: "graphql") == 2)
            #expect(s.server.quotaUsed(login: "alice") == 1)
        }
    }

    @Test func anonymousQueriesAndBadFieldsAreRefused() async throws {
        try await Scenario.run(EventTests.build) { s async throws in
            let anonymous = try await s.client.graphQL("query { rateLimit { cost } }", token: nil)
            #expect(anonymous.status == 401)
            #expect(anonymous.object["message"] as? String == "This endpoint requires you to be authenticated.")
            let unknown = try await s.client.graphQL("query { repository(owner: \"octo\", name: \"repo\") { stars } }", token: Scenario.token)
            #expect(unknown.status == 200)
            #expect((unknown.object["errors"] as? [[String: Any]])?.first?["message"] as? String == "Field 'stars' doesn't exist on type 'Repository'")
            let broken = try await s.client.graphQL("query { repository(owner: ", token: Scenario.token)
            #expect((broken.object["errors"] as? [[String: Any]])?.isEmpty == false)
        }
    }

    /// A query too big for GitHub's 10 s answers 502, and its points are spent all the same.
    @Test func aTimeoutStillCosts() async throws {
        try await Scenario.run(EventTests.build) { s async throws in
            s.server.graphQLTimeoutNodes = 1
            let answer = try await s.client.graphQL(Self.timelineQuery, variables: ["owner": "octo", "name": "repo"], token: Scenario.token)
            #expect(answer.status == 502)
            #expect(s.server.quotaUsed(login: "alice", resource: "graphql") == 1)
        }
    }

    @Test func aSpentQuotaIsRateLimited() async throws {
        try await Scenario.run(EventTests.build) { s async throws in
            s.server.setQuota(login: "alice", resource: "graphql", limit: 5000, remaining: 0, resetAt: 1_700_003_600)
            let answer = try await s.client.graphQL(Self.timelineQuery, variables: ["owner": "octo", "name": "repo"], token: Scenario.token)
            #expect(answer.status == 200)
            #expect((answer.object["errors"] as? [[String: Any]])?.first?["type"] as? String == "RATE_LIMITED")
            #expect(answer.header("X-RateLimit-Remaining") == "0")
        }
    }
}
