import Foundation

/// `--state=opened,!merged,labeled:lgtm`: the parts whose conjunction is the tracked state.
package struct StateDescription: Sendable, Hashable, CustomStringConvertible {
    package struct Part: Sendable, Hashable {
        /// The event that first changes this part: activates a plain part, deactivates a `!` part.
        package let event: EventMatcher
        /// `!` parts start active, with their age counted from the zero time.
        package let negated: Bool
    }

    package let parts: [Part]

    package init(parsing text: String) throws(UsageError) {
        var parts: [Part] = []
        for raw in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = raw.trimmingCharacters(in: .whitespaces)
            let negated = item.hasPrefix("!")
            let eventText = negated ? String(item.dropFirst()) : item
            guard !eventText.isEmpty else {
                throw UsageError("empty part in state \"\(text)\"")
            }
            let event = try EventMatcher(parsing: eventText)
            if event == .commented {
                throw UsageError("\"commented\" cannot be part of a state (comments do not change state): \"\(text)\"")
            }
            parts.append(Part(event: event, negated: negated))
        }
        self.parts = parts
    }

    package var description: String {
        parts.map { ($0.negated ? "!" : "") + $0.event.description }.joined(separator: ",")
    }
}
