/// The REST issue-event names the fake's timelines serve, with their GraphQL types and the
/// `itemTypes` enum values that select them. A kind REST knows and GraphQL has no type for
/// (`some_future_event`) is in REST's lists only, as on GitHub.
enum GraphQLTimeline {
    static let kinds: [String: (typeName: String, itemType: String)] = [
        "labeled": ("LabeledEvent", "LABELED_EVENT"),
        "unlabeled": ("UnlabeledEvent", "UNLABELED_EVENT"),
        "closed": ("ClosedEvent", "CLOSED_EVENT"),
        "reopened": ("ReopenedEvent", "REOPENED_EVENT"),
        "merged": ("MergedEvent", "MERGED_EVENT"),
        "assigned": ("AssignedEvent", "ASSIGNED_EVENT"),
        "unassigned": ("UnassignedEvent", "UNASSIGNED_EVENT"),
        "renamed": ("RenamedTitleEvent", "RENAMED_TITLE_EVENT"),
        "mentioned": ("MentionedEvent", "MENTIONED_EVENT"),
        "subscribed": ("SubscribedEvent", "SUBSCRIBED_EVENT"),
        "unsubscribed": ("UnsubscribedEvent", "UNSUBSCRIBED_EVENT"),
        "referenced": ("ReferencedEvent", "REFERENCED_EVENT"),
        "milestoned": ("MilestonedEvent", "MILESTONED_EVENT"),
        "demilestoned": ("DemilestonedEvent", "DEMILESTONED_EVENT"),
        "locked": ("LockedEvent", "LOCKED_EVENT"),
        "unlocked": ("UnlockedEvent", "UNLOCKED_EVENT"),
        "head_ref_deleted": ("HeadRefDeletedEvent", "HEAD_REF_DELETED_EVENT"),
        "head_ref_restored": ("HeadRefRestoredEvent", "HEAD_REF_RESTORED_EVENT"),
        "review_requested": ("ReviewRequestedEvent", "REVIEW_REQUESTED_EVENT"),
        "review_request_removed": ("ReviewRequestRemovedEvent", "REVIEW_REQUEST_REMOVED_EVENT"),
        "review_dismissed": ("ReviewDismissedEvent", "REVIEW_DISMISSED_EVENT"),
        "ready_for_review": ("ReadyForReviewEvent", "READY_FOR_REVIEW_EVENT"),
        "convert_to_draft": ("ConvertToDraftEvent", "CONVERT_TO_DRAFT_EVENT"),
        "marked_as_duplicate": ("MarkedAsDuplicateEvent", "MARKED_AS_DUPLICATE_EVENT"),
        "unmarked_as_duplicate": ("UnmarkedAsDuplicateEvent", "UNMARKED_AS_DUPLICATE_EVENT"),
        "pinned": ("PinnedEvent", "PINNED_EVENT"),
        "unpinned": ("UnpinnedEvent", "UNPINNED_EVENT"),
        "transferred": ("TransferredEvent", "TRANSFERRED_EVENT"),
    ]

    static let typeNames: [String: String] = kinds.mapValues(\.typeName)

    /// Events only pull requests have: an issue's timeline refuses their item types.
    static let pullRequestOnly: Set<String> = ["MergedEvent", "HeadRefDeletedEvent", "HeadRefRestoredEvent", "ReviewRequestedEvent",
                                               "ReviewRequestRemovedEvent", "ReviewDismissedEvent", "ReadyForReviewEvent", "ConvertToDraftEvent"]
}
