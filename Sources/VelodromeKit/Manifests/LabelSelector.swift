/// A label selector in kubectl's syntax (`-l`): requirements joined by commas, all of which must
/// hold. `key=value` (or `==`), `key!=value`, `key in (a,b)`, `key notin (a,b)`, `key` (has
/// the label) and `!key` (has not). As in Kubernetes, `!=` and `notin` hold for an object
/// without the label.
package struct LabelSelector: Sendable, Equatable, CustomStringConvertible {
    package enum Requirement: Sendable, Equatable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, [String])
        case notIn(String, [String])
        case exists(String)
        case absent(String)

        func holds(for labels: [String: String]) -> Bool {
            switch self {
            case .equals(let key, let value): labels[key] == value
            case .notEquals(let key, let value): labels[key] != value
            case .isIn(let key, let values): labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): !(labels[key].map(values.contains) ?? false)
            case .exists(let key): labels[key] != nil
            case .absent(let key): labels[key] == nil
            }
        }
    }

    package var requirements: [Requirement]

    package init(requirements: [Requirement]) {
        self.requirements = requirements
    }

    /// In kubectl's syntax again, for messages.
    package var description: String {
        requirements.map { requirement in
            switch requirement {
            case .equals(let key, let value): "\(key)=\(value)"
            case .notEquals(let key, let value): "\(key)!=\(value)"
            case .isIn(let key, let values): "\(key) in (\(values.joined(separator: ",")))"
            case .notIn(let key, let values): "\(key) notin (\(values.joined(separator: ",")))"
            case .exists(let key): key
            case .absent(let key): "!\(key)"
            }
        }.joined(separator: ",")
    }

    package func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { $0.holds(for: labels) }
    }

    package init(parsing text: String) throws(UsageError) {
        var requirements: [Requirement] = []
        for part in Self.split(text) {
            let requirement = part.trimmingSpaces
            guard !requirement.isEmpty else { throw Self.error(text, "an empty requirement") }
            requirements.append(try Self.requirement(requirement, in: text))
        }
        guard !requirements.isEmpty else { throw Self.error(text, "no requirement") }
        self.init(requirements: requirements)
    }

    /// Splits on the commas outside parentheses.
    private static func split(_ text: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == ",", depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }

    private static func requirement(_ text: String, in whole: String) throws(UsageError) -> Requirement {
        if text.hasPrefix("!") {
            return .absent(try key(String(text.dropFirst()).trimmingSpaces, in: whole))
        }
        for (operator_, make) in [("!=", Requirement.notEquals), ("==", Requirement.equals), ("=", Requirement.equals)] {
            if let range = text.range(of: operator_) {
                let key = try key(String(text[..<range.lowerBound]).trimmingSpaces, in: whole)
                return make(key, try value(String(text[range.upperBound...]).trimmingSpaces, in: whole))
            }
        }
        let words = text.split(separator: " ", maxSplits: 1).map(String.init)
        if words.count == 2 {
            let rest = words[1].trimmingSpaces
            for (word, make) in [("notin", Requirement.notIn), ("in", Requirement.isIn)] where rest.hasPrefix(word) {
                let list = rest.dropFirst(word.count).trimmingSpaces
                guard list.hasPrefix("("), list.hasSuffix(")") else { throw error(whole, "\(word) needs a list in parentheses: \(text)") }
                let values = try list.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
                    .map { (item: Substring) throws(UsageError) -> String in try value(String(item).trimmingSpaces, in: whole) }
                return make(try key(words[0], in: whole), values)
            }
            throw error(whole, "unknown operator in \"\(text)\" (expected =, ==, !=, in or notin)")
        }
        return .exists(try key(text, in: whole))
    }

    /// A label key: an optional DNS prefix and `/`, then a name of letters, digits, `-`, `_`, `.`.
    private static func key(_ text: String, in whole: String) throws(UsageError) -> String {
        let name = text.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        guard !name.isEmpty, name.count <= 63, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) }) else {
            throw error(whole, "\"\(text)\" is not a label key")
        }
        return text
    }

    private static func value(_ text: String, in whole: String) throws(UsageError) -> String {
        guard text.count <= 63, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw error(whole, "\"\(text)\" is not a label value")
        }
        return text
    }

    private static func error(_ whole: String, _ why: String) -> UsageError {
        UsageError("--selector \"\(whole)\": \(why)")
    }
}

private extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
