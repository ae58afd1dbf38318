import Foundation

/// The tokens `fetch` uses: each `--token-file`, else the `GITHUB_TOKEN` variable, else none.
package enum GitHubTokens {
    package static func resolve(files: [String], environment: [String: String]) throws(ConfigurationProblem) -> [Secret] {
        if !files.isEmpty {
            var tokens: [Secret] = []
            for file in files { tokens.append(try Secret.read(file: file, origin: "token file \(file)")) }
            return tokens
        }
        if let token = environment["GITHUB_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty {
            return [Secret(token, origin: "the GITHUB_TOKEN variable")]
        }
        return []
    }

    /// `--github-url`: an http(s) URL with a host; GitHub Enterprise's ends in `/api/v3`.
    package static func apiURL(_ text: String) throws(UsageError) -> URL {
        try .service(text, option: "--github-url", example: "https://api.github.com or https://HOST/api/v3")
    }
}
