import Foundation

/// The tokens `fetch` uses: each `--token-file` and every file of `--token-dir`, else the
/// `GITHUB_TOKEN` variable, else none.
package enum GitHubTokens {
    package static func resolve(files: [String], directory: String? = nil, environment: [String: String]) throws(ConfigurationProblem) -> [Secret] {
        let paths = files + (try directory.map(filesOf) ?? [])
        if !paths.isEmpty {
            var tokens: [Secret] = []
            for path in paths { tokens.append(try Secret.read(file: path, origin: "token file \(path)")) }
            return tokens
        }
        if let token = environment["GITHUB_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty {
            return [Secret(token, origin: "the GITHUB_TOKEN variable")]
        }
        return []
    }

    /// The token files of a directory the way Kubernetes mounts a Secret: each key a link to
    /// `..data/KEY`, `..data` a link to a timestamped folder. Dotted names (those links and
    /// folders, editors' files) are skipped; links are followed; folders are not tokens.
    static func filesOf(_ directory: String) throws(ConfigurationProblem) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ConfigurationProblem("cannot read the token directory \(directory): \((error as NSError).localizedDescription)")
        }
        let files = names.filter { !$0.hasPrefix(".") }.sorted().map { (directory as NSString).appendingPathComponent($0) }.filter { path in
            var isDirectory: ObjCBool = false
            let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            return FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        guard !files.isEmpty else { throw ConfigurationProblem("the token directory \(directory) holds no token files") }
        return files
    }

    /// `--github-url`: an http(s) URL with a host; GitHub Enterprise's ends in `/api/v3`.
    package static func apiURL(_ text: String) throws(UsageError) -> URL {
        try .service(text, option: "--github-url", example: "https://api.github.com or https://HOST/api/v3")
    }
}
