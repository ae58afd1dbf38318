/// Which issue events an option names: `opened`, `labeled:lgtm`, ...
///
/// Each matcher has an opposite (the event that undoes it), as the original defined them:
/// a state part toggles between a matcher and its opposite.
package enum EventMatcher: Sendable, Hashable, CustomStringConvertible {
    case never
    case always
    case opened
    case commented
    case closed
    case reopened
    case merged
    case labeled(String)
    case unlabeled(String)

    package static let names = ["opened", "commented", "closed", "reopened", "merged", "labeled:NAME", "unlabeled:NAME"]

    /// Parses one event description; the empty string matches nothing, as in the original.
    /// `others` are words the caller accepts besides (latency's `responded`), for the error.
    package init(parsing text: String, others: [String] = []) throws(UsageError) {
        let name = text.prefix { $0 != ":" }
        let label = text.dropFirst(name.count + 1)
        switch name {
        case "" where text.isEmpty: self = .never
        case "opened": self = .opened
        case "commented": self = .commented
        case "closed": self = .closed
        case "reopened": self = .reopened
        case "merged": self = .merged
        case "labeled", "unlabeled":
            guard text.contains(":"), !label.isEmpty else {
                throw UsageError("event \"\(text)\" needs a label name, as in \(name):lgtm")
            }
            self = name == "labeled" ? .labeled(String(label)) : .unlabeled(String(label))
        default:
            let hint = Suggestion.hint(for: String(name), among: ["opened", "commented", "closed", "reopened", "merged", "labeled", "unlabeled"] + others)
            throw UsageError("unknown event \"\(text)\"\(hint) (expected one of \((Self.names + others).joined(separator: ", ")))")
        }
        if case .opened = self, text != "opened" { throw UsageError("event \"\(text)\" takes no label") }
        if !text.isEmpty, !text.hasPrefix("labeled"), !text.hasPrefix("unlabeled"), text.contains(":") {
            throw UsageError("event \"\(text)\" takes no label")
        }
    }

    package func matches(event: String, label: String?) -> Bool {
        switch self {
        case .never: false
        case .always: true
        case .opened: event == "opened"
        case .commented: event == "commented"
        case .closed: event == "closed"
        case .reopened: event == "reopened"
        case .merged: event == "merged"
        case .labeled(let name): event == "labeled" && label == name
        case .unlabeled(let name): event == "unlabeled" && label == name
        }
    }

    package var opposite: EventMatcher {
        switch self {
        case .never: .always
        case .always: .never
        case .opened, .reopened: .closed
        case .closed: .reopened
        case .commented, .merged: .never
        case .labeled(let name): .unlabeled(name)
        case .unlabeled(let name): .labeled(name)
        }
    }

    package var description: String {
        switch self {
        case .never: ""
        case .always: "*"
        case .opened: "opened"
        case .commented: "commented"
        case .closed: "closed"
        case .reopened: "reopened"
        case .merged: "merged"
        case .labeled(let name): "labeled:\(name)"
        case .unlabeled(let name): "unlabeled:\(name)"
        }
    }
}
