import GraphQL

/// A GraphQL query as the fake executes it: the operation's selections, parsed with a real
/// GraphQL parser, with variables and named fragments put in place.
struct GraphQLQuery {
    indirect enum Value: Equatable {
        case int(Int)
        case string(String)
        case enumeration(String)
        case boolean(Bool)
        case list([Value])
        case null

        var int: Int? { if case .int(let value) = self { value } else { nil } }
        var string: String? { if case .string(let value) = self { value } else { nil } }
    }

    struct Field {
        var alias: String?
        var name: String
        var arguments: [String: Value]
        var selections: [Selection]

        var key: String { alias ?? name }
    }

    indirect enum Selection {
        case field(Field)
        /// `... on Type { }`; nil: no type condition.
        case inline(String?, [Selection])
    }

    struct Failure: Error { let message: String }

    var selections: [Selection]

    init(_ text: String, variables: [String: Any]) throws {
        let document: Document
        do {
            document = try parse(source: text)
        } catch let error as GraphQLError {
            throw Failure(message: error.message)
        }
        guard let operation = document.definitions.compactMap({ $0 as? OperationDefinition }).first, operation.operation == .query else {
            throw Failure(message: "A query attribute must be specified and must be a string.")
        }
        var fragments: [String: FragmentDefinition] = [:]
        for fragment in document.definitions.compactMap({ $0 as? FragmentDefinition }) { fragments[fragment.name.value] = fragment }
        var used: Set<String> = []
        selections = try Self.selections(operation.selectionSet, variables, fragments, &used)
        if let unused = fragments.keys.sorted().first(where: { !used.contains($0) }) {
            throw Failure(message: "Fragment \(unused) was defined, but not used")
        }
    }

    private static func selections(_ set: SelectionSet?, _ variables: [String: Any], _ fragments: [String: FragmentDefinition],
                                   _ used: inout Set<String>) throws -> [Selection] {
        var out: [Selection] = []
        for selection in set?.selections ?? [] {
            if let field = selection as? GraphQL.Field {
                var arguments: [String: Value] = [:]
                for argument in field.arguments { arguments[argument.name.value] = try value(argument.value, variables) }
                out.append(.field(Field(alias: field.alias?.value, name: field.name.value, arguments: arguments,
                                        selections: try selections(field.selectionSet, variables, fragments, &used))))
            } else if let fragment = selection as? InlineFragment {
                out.append(.inline(fragment.typeCondition?.name.value, try selections(fragment.selectionSet, variables, fragments, &used)))
            } else if let spread = selection as? FragmentSpread {
                guard let fragment = fragments[spread.name.value] else { throw Failure(message: "Fragment \(spread.name.value) was used, but not defined") }
                used.insert(spread.name.value)
                out.append(.inline(fragment.typeCondition.name.value, try selections(fragment.selectionSet, variables, fragments, &used)))
            }
        }
        return out
    }

    private static func value(_ node: GraphQL.Value, _ variables: [String: Any]) throws -> Value {
        switch node {
        case let int as IntValue: return .int(Int(int.value) ?? 0)
        case let string as StringValue: return .string(string.value)
        case let enumeration as EnumValue: return .enumeration(enumeration.value)
        case let boolean as BooleanValue: return .boolean(boolean.value)
        case is NullValue: return .null
        case let list as ListValue: return .list(try list.values.map { try value($0, variables) })
        case let variable as Variable: return json(variables[variable.name.value])
        default: throw Failure(message: "Unsupported argument value")
        }
    }

    private static func json(_ value: Any?) -> Value {
        switch value {
        case let int as Int: .int(int)
        case let string as String: .string(string)
        case let boolean as Bool: .boolean(boolean)
        case let list as [Any]: .list(list.map { json($0) })
        default: .null
        }
    }
}
