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
        if let project { pairs.append(("project", project)) }
        if let organization { pairs.append(("gh-organization", Self.value(organization))) }
        if let repository { pairs.append(("gh-repository", Self.value(repository))) }
        if let metric { pairs.append(("transform-metric", Self.value(metric))) }
        pairs += [
            ("app.kubernetes.io/name", app),
            ("app.kubernetes.io/part-of", "velodrome"),
            ("app.kubernetes.io/managed-by", "velodrome-gen-manifests"),
        ]
        if let project { pairs.append(("app.kubernetes.io/instance", project)) }
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
    /// ending with a letter or digit. GitHub names fit (they are letters, digits, `-`, `_`, `.`),
    /// but may be longer; those keep their start and a hash of the whole.
    static func value(_ text: String) -> String {
        KubernetesName.bounded(text, limit: 63)
    }
}

/// Names of Kubernetes objects: DNS labels (lower-case letters, digits and `-`, at most 63).
package enum KubernetesName {
    package static func dnsLabel(_ parts: String...) -> String {
        let joined = parts.joined(separator: "-").lowercased()
        var name = String(joined.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        while name.contains("--") { name = name.replacingOccurrences(of: "--", with: "-") }
        name = String(name.drop { $0 == "-" })
        while name.last == "-" { name.removeLast() }
        return bounded(name, limit: 63)
    }

    /// `text` if it fits in `limit` characters, else its start, `-` and 10 hex digits of an FNV-1a hash of it.
    static func bounded(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        var start = String(text.prefix(limit - 11))
        while let last = start.last, !(last.isLetter || last.isNumber) { start.removeLast() }
        return start + "-" + String(String(FNV1a.hash(text), radix: 16).suffix(10))
    }
}
