import Foundation
import TestSupport

/// The recorded GitHub exchanges in shared/fixtures/github/octokit-fixtures.
enum Fixtures {
    static func load(_ name: String) throws -> [Exchange] {
        let data = try SharedFixtures.octokit("\(name).raw-fixture.json")
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
