import Foundation

/// The recorded GitHub exchanges in shared/fixtures/github/octokit-fixtures.
enum Fixtures {
    /// Finds the fixtures folder: $GITHUB_FIXTURES, or a `shared/fixtures/github` found by
    /// walking up from this file (works here and once copied into the main project).
    static let directory: URL? = {
        let fm = FileManager.default
        if let path = ProcessInfo.processInfo.environment["GITHUB_FIXTURES"] {
            return URL(fileURLWithPath: path)
        }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            for candidate in ["shared/fixtures/github/octokit-fixtures", "fixtures/github/octokit-fixtures"] {
                let url = dir.appendingPathComponent(candidate)
                if fm.fileExists(atPath: url.path) { return url }
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    static func load(_ name: String) throws -> [Exchange] {
        guard let directory else { throw CocoaError(.fileNoSuchFile) }
        let data = try Data(contentsOf: directory.appendingPathComponent("\(name).raw-fixture.json"))
        let items = try JSONSerialization.jsonObject(with: data) as! [[String: Any]]
        return items.map { item in
            let raw = item["rawHeaders"] as? [String] ?? []
            var headers: [(name: String, value: String)] = []
            var i = 0
            while i + 1 < raw.count {
                headers.append((raw[i], raw[i + 1]))
                i += 2
            }
            return Exchange(
                method: (item["method"] as? String ?? "").uppercased(), path: item["path"] as? String ?? "",
                status: item["status"] as? Int ?? 0, response: item["response"] ?? NSNull(), headers: headers)
        }
    }

    /// The GET exchanges of the paginate-issues recording (five pages of three issues).
    static func issuePages() throws -> [Exchange] {
        try load("paginate-issues").filter { $0.method == "GET" }
    }
}
