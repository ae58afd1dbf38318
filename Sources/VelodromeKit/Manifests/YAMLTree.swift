import Yams

/// A YAML value built in code, mapping keys in the order written: the Kubernetes objects
/// gen-manifests prints, so that two runs print the same bytes and a diff shows only changes.
package indirect enum YAMLTree: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case list([YAMLTree])
    case map([Entry])

    package struct Entry: Sendable, Equatable {
        package var key: String
        package var value: YAMLTree

        package init(_ key: String, _ value: YAMLTree) {
            self.key = key
            self.value = value
        }
    }

    /// The value at `key` of a map, nil elsewhere.
    package subscript(key: String) -> YAMLTree? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    var node: Node {
        switch self {
        case .string(let text): Self.string(text)
        case .integer(let value): Node(String(value), Tag(.int))
        case .boolean(let value): Node(value ? "true" : "false", Tag(.bool))
        case .list(let items): Node.sequence(.init(items.map(\.node)))
        case .map(let entries): Node.mapping(.init(entries.map { (Self.string($0.key), $0.value.node) }))
        }
    }

    /// Text that a reader would take for another type ("8080", "true", "null") is quoted, and
    /// text of several lines (a configuration file in a ConfigMap) is a literal block.
    private static func string(_ text: String) -> Node {
        if text.contains("\n") { return Node.scalar(.init(text, Tag(.str), .literal)) }
        let plain = Resolver.default.resolveTag(of: Node(text)) == .str
        return Node.scalar(.init(text, Tag(.str), plain ? .any : .singleQuoted))
    }

    /// One YAML document, without the leading `---`.
    package func yaml() throws -> String {
        try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true, sequenceStyle: .block, mappingStyle: .block)
    }
}

extension YAMLTree: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
                    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int) { self = .integer(value) }
    package init(booleanLiteral value: Bool) { self = .boolean(value) }
    package init(arrayLiteral elements: YAMLTree...) { self = .list(elements) }
    /// Keys keep the order written, unlike a Swift dictionary's.
    package init(dictionaryLiteral elements: (String, YAMLTree)...) { self = .map(elements.map { Entry($0.0, $0.1) }) }
}
