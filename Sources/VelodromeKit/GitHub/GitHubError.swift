/// Why a GitHub request failed for good (after any retries).
package enum GitHubError: Error, CustomStringConvertible, Equatable {
    /// 401: the token is wrong or revoked. Names where the token came from, never the token.
    case unauthorized(tokenOrigin: String)
    case notFound(path: String)
    case forbidden(path: String, message: String)
    /// 422: GitHub refused the request as asked (deep pages, limited lists).
    case unprocessable(path: String, message: String)
    case rateLimited(String)
    /// 5xx, dropped or stalled connections, truncated or malformed bodies, beyond the retries.
    case unavailable(path: String, reason: String, attempts: Int)
    /// No connection could be made at all: the address, not GitHub, is likely at fault.
    case unreachable(apiURL: String, reason: String, attempts: Int)
    case unexpectedStatus(path: String, status: Int, message: String)
    /// A GraphQL query GitHub refused or could not answer at all (`errors`, no `data`).
    case graphQL(String)
    /// A GraphQL query that ran past GitHub's time limit (502): smaller ones may not.
    case timedOut(path: String)

    package var description: String {
        switch self {
        case .unauthorized(let origin):
            "GitHub refused the token from \(origin) (401 Bad credentials): check that it is valid and not revoked"
        case .notFound(let path):
            "GitHub has no \(path) (404): check the repository name and that the token can read it"
        case .forbidden(let path, let message):
            "GitHub refused \(path) (403): \(message)"
        case .unprocessable(let path, let message):
            "GitHub refused \(path) (422): \(message)"
        case .rateLimited(let message):
            message
        case .unavailable(_, let reason, let attempts):
            // The reason names the request: "502 Bad Gateway (GET /repos/o/r/issues)".
            "GitHub failed \(attempts) times; last: \(reason)"
        case .unreachable(let apiURL, let reason, let attempts):
            "cannot reach GitHub's API at \(apiURL) (\(attempts) tries; last: \(reason)): check the network and proxy, "
                + "or point --github-url (GITHUB_API_URL) at your GitHub Enterprise, https://HOST/api/v3"
        case .unexpectedStatus(let path, let status, let message):
            "GitHub answered \(path) with \(status): \(message)"
        case .graphQL(let message):
            "GitHub's GraphQL API refused the query: \(message)"
        case .timedOut(let path):
            "GitHub gave up on a query to \(path) (502: it ran past its time limit)"
        }
    }
}
