/// `owner/name` of a GitHub repository. Compared and stored lower-case, as GitHub treats them.
package struct RepositoryName: Sendable, Hashable, Comparable, CustomStringConvertible {
    package let owner: String
    package let name: String

    /// The form stored in the database and used as the InfluxDB `repository` tag.
    package var key: String { "\(owner)/\(name)".lowercased() }
    package var description: String { "\(owner)/\(name)" }
    /// Where GitHub's REST API keeps it.
    package var apiPath: String { "/repos/\(owner)/\(name)" }

    package init(owner: String, name: String) {
        self.owner = owner
        self.name = name
    }

    /// Validates GitHub's rules: owners are letters, digits and single inner hyphens (at most 39);
    /// names are letters, digits, `.`, `-` and `_` (at most 100), and neither `.` nor `..`.
    package init(parsing text: String) throws(ConfigurationProblem) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw ConfigurationProblem("repository \"\(text)\" is not in owner/name form")
        }
        let owner = String(parts[0]), name = String(parts[1])
        let ownerCharacters = owner.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        guard !owner.isEmpty, owner.count <= 39, ownerCharacters, !owner.hasPrefix("-"), !owner.hasSuffix("-"), !owner.contains("--") else {
            throw ConfigurationProblem("repository \"\(text)\" has an invalid owner \"\(owner)\"")
        }
        let nameCharacters = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
        guard !name.isEmpty, name.count <= 100, nameCharacters, name != ".", name != ".." else {
            throw ConfigurationProblem("repository \"\(text)\" has an invalid name \"\(name)\"")
        }
        self.init(owner: owner, name: name)
    }

    package static func == (lhs: Self, rhs: Self) -> Bool { lhs.key == rhs.key }
    package func hash(into hasher: inout Hasher) { hasher.combine(key) }
    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.key < rhs.key }
}
