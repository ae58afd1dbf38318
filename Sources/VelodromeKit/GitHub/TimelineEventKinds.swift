/// GitHub's issue events as GraphQL's timelines type them, and the names REST's events lists
/// give the same events (the mirror's `event` column). A kind REST lists and GraphQL has no
/// type for stays a REST kind: a history read through GraphQL lacks it (docs/schema.md).
enum TimelineEventKinds {
    struct Kind {
        let typeName: String
        let restName: String
        /// Pull requests only: an issue's timeline refuses it as an item type.
        let pullRequestOnly: Bool
        /// What the event names besides its actor and time.
        let fields: String
    }

    static let all: [Kind] = [
        .init(typeName: "LabeledEvent", restName: "labeled", pullRequestOnly: false, fields: "label { name }"),
        .init(typeName: "UnlabeledEvent", restName: "unlabeled", pullRequestOnly: false, fields: "label { name }"),
        .init(typeName: "ClosedEvent", restName: "closed", pullRequestOnly: false, fields: ""),
        .init(typeName: "ReopenedEvent", restName: "reopened", pullRequestOnly: false, fields: ""),
        .init(typeName: "AssignedEvent", restName: "assigned", pullRequestOnly: false, fields: "assignee { ... on Actor { login } }"),
        .init(typeName: "UnassignedEvent", restName: "unassigned", pullRequestOnly: false, fields: "assignee { ... on Actor { login } }"),
        .init(typeName: "RenamedTitleEvent", restName: "renamed", pullRequestOnly: false, fields: ""),
        .init(typeName: "MentionedEvent", restName: "mentioned", pullRequestOnly: false, fields: ""),
        .init(typeName: "SubscribedEvent", restName: "subscribed", pullRequestOnly: false, fields: ""),
        .init(typeName: "UnsubscribedEvent", restName: "unsubscribed", pullRequestOnly: false, fields: ""),
        .init(typeName: "ReferencedEvent", restName: "referenced", pullRequestOnly: false, fields: ""),
        .init(typeName: "MilestonedEvent", restName: "milestoned", pullRequestOnly: false, fields: ""),
        .init(typeName: "DemilestonedEvent", restName: "demilestoned", pullRequestOnly: false, fields: ""),
        .init(typeName: "LockedEvent", restName: "locked", pullRequestOnly: false, fields: ""),
        .init(typeName: "UnlockedEvent", restName: "unlocked", pullRequestOnly: false, fields: ""),
        .init(typeName: "MarkedAsDuplicateEvent", restName: "marked_as_duplicate", pullRequestOnly: false, fields: ""),
        .init(typeName: "UnmarkedAsDuplicateEvent", restName: "unmarked_as_duplicate", pullRequestOnly: false, fields: ""),
        .init(typeName: "PinnedEvent", restName: "pinned", pullRequestOnly: false, fields: ""),
        .init(typeName: "UnpinnedEvent", restName: "unpinned", pullRequestOnly: false, fields: ""),
        .init(typeName: "TransferredEvent", restName: "transferred", pullRequestOnly: false, fields: ""),
        .init(typeName: "MergedEvent", restName: "merged", pullRequestOnly: true, fields: ""),
        .init(typeName: "HeadRefDeletedEvent", restName: "head_ref_deleted", pullRequestOnly: true, fields: ""),
        .init(typeName: "HeadRefRestoredEvent", restName: "head_ref_restored", pullRequestOnly: true, fields: ""),
        .init(typeName: "ReviewRequestedEvent", restName: "review_requested", pullRequestOnly: true, fields: ""),
        .init(typeName: "ReviewRequestRemovedEvent", restName: "review_request_removed", pullRequestOnly: true, fields: ""),
        .init(typeName: "ReviewDismissedEvent", restName: "review_dismissed", pullRequestOnly: true, fields: ""),
        .init(typeName: "ReadyForReviewEvent", restName: "ready_for_review", pullRequestOnly: true, fields: ""),
        .init(typeName: "ConvertToDraftEvent", restName: "convert_to_draft", pullRequestOnly: true, fields: ""),
    ]

    static let restNames: [String: String] = Dictionary(uniqueKeysWithValues: all.map { ($0.typeName, $0.restName) })

    /// `LabeledEvent` as the `itemTypes` enums spell it: `LABELED_EVENT`.
    static func itemType(_ typeName: String) -> String {
        var out = ""
        for character in typeName {
            if character.isUppercase, !out.isEmpty { out += "_" }
            out += character.uppercased()
        }
        return out
    }
}
