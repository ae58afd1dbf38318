/// The labels of a generated object and its pods: the original's (`app`, `project`,
/// `gh-organization`, `gh-repository`, `transform-metric`), so that its README's
/// `kubectl ... -l project=kubernetes` selections keep working, and Kubernetes' recommended
/// `app.kubernetes.io/*` labels.
package struct ManifestLabels: Sendable, Equatable {
    package var app: String
    package var project: String?
    package var organization: String?
    package var repository: String?
    package var metric: String?

    package init(app: String, project: String? = nil, organization: String? = nil, repository: String? = nil, metric: String? = nil) {
        self.app = app
        self.project = project
        self.organization = organization
        self.repository = repository
        self.metric = metric
    }

    /// In a fixed order, for byte-identical output.
    package var pairs: [(String, String)] {
        var pairs = [("app", app)]
        if let project { pairs.append(("project", Self.value(project))) }
        if let organization { pairs.append(("gh-organization", Self.value(organization))) }
        if let repository { pairs.append(("gh-repository", Self.value(repository))) }
        if let metric { pairs.append(("transform-metric", Self.value(metric))) }
        pairs += [
            ("app.kubernetes.io/name", app),
            ("app.kubernetes.io/part-of", "velodrome"),
            ("app.kubernetes.io/managed-by", "velodrome-gen-manifests"),
        ]
        if let project { pairs.append(("app.kubernetes.io/instance", Self.value(project))) }
        return pairs
    }

    package var dictionary: [String: String] { Dictionary(pairs, uniquingKeysWith: { $1 }) }

    var tree: YAMLTree { .map(pairs.map { YAMLTree.Entry($0.0, .string($0.1)) }) }

    /// The labels a Deployment or Service selects its pods by: the identifying ones only, which
    /// never change for an object (a Deployment's selector is immutable).
    var selector: YAMLTree {
        .map(pairs.filter { ["app", "project", "gh-organization", "gh-repository", "transform-metric"].contains($0.0) }
            .map { YAMLTree.Entry($0.0, .string($0.1)) })
    }

    /// A label value: at most 63 characters of letters, digits, `-`, `_` and `.`, starting and
    /// ending with a letter or digit. GitHub names fit unless they start or end otherwise
    /// (`.github`) or are longer; a metric name may hold anything. A value that had to change
    /// ends in a hash of the original, so that two names never share one value.
    static func value(_ text: String) -> String {
        let kept = String(text.map { KubernetesName.isAlphanumeric($0) || "-_.".contains($0) ? $0 : "-" })
        return KubernetesName.distinct(KubernetesName.trimmed(kept), from: text, limit: 63)
    }
}

/// Names of Kubernetes objects: DNS labels (lower-case letters, digits and `-`).
package enum KubernetesName {
    /// At most 52 characters, the bound of a CronJob's name (its Jobs add 11) and, in practice,
    /// of a StatefulSet's (its pods' revision label adds 11 to 63); every name keeps it, so
    /// that a stage's name stays the same in every mode.
    static let limit = 52

    /// The parts, lower-cased, joined by `-`. A part with other characters than letters, digits
    /// and inner single dashes is changed to fit, and the name then ends in a hash of the parts,
    /// so that `merge` and `merge-` stay two names.
    package static func dnsLabel(_ parts: String...) -> String {
        let cleaned = parts.map { part in
            var name = String(part.lowercased().map { isAlphanumeric($0) ? $0 : "-" })
            while name.contains("--") { name = name.replacingOccurrences(of: "--", with: "-") }
            return trimmed(name)
        }
        let altered = zip(parts, cleaned).contains { $0.lowercased() != $1 }
        let name = cleaned.filter { !$0.isEmpty }.joined(separator: "-")
        return altered ? hashed(name, of: parts.joined(separator: "/"), limit: limit) : bounded(name, limit: limit)
    }

    /// `text` if it is `original` and fits in `limit`, else as `hashed`.
    static func distinct(_ text: String, from original: String, limit: Int) -> String {
        text == original ? bounded(text, limit: limit) : hashed(text, of: original, limit: limit)
    }

    /// `text` if it fits in `limit` characters, else as `hashed`.
    static func bounded(_ text: String, limit: Int) -> String {
        text.count > limit ? hashed(text, of: text, limit: limit) : text
    }

    /// The start of `text`, `-` and 10 hex digits of an FNV-1a hash of `original`, in `limit` characters.
    static func hashed(_ text: String, of original: String, limit: Int) -> String {
        let hash = String(String(FNV1a.hash(original), radix: 16).suffix(10))
        let start = trimmed(String(text.prefix(limit - 11)))
        return start.isEmpty ? hash : start + "-" + hash
    }

    /// Without leading and trailing characters other than letters and digits.
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: isAlphanumeric), let last = text.lastIndex(where: isAlphanumeric) else { return "" }
        return String(text[first...last])
    }

    /// An ASCII letter or digit: what names and label values must start and end with.
    static func isAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }
}
