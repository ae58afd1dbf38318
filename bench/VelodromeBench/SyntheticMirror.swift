import VelodromeKit

/// A kubernetes-sized mirror written straight into SQLite: issues and PRs, label, merge, close
/// and other events, and comments in the kubernetes workflow's words, in time order.
enum SyntheticMirror {
    static let repository = "kubernetes/kubernetes"
    static let start: Int64 = 1_500_000_000

    /// Returns the watermark: just after the last item.
    static func write(into store: any MirrorStore, issues: Int, events: Int, comments: Int) async throws -> Timestamp {
        var random = SplitMix(seed: 7)
        let users = (0..<500).map { "contributor-\($0)" }
        let robots = ["k8s-merge-robot", "k8s-ci-robot", "k8s-reviewable"]
        let labels = ["lgtm", "approved", "needs-rebase", "size/M", "kind/bug", "do-not-merge/hold"]
        let kinds = ["labeled", "labeled", "labeled", "unlabeled", "unlabeled", "closed", "reopened", "merged", "assigned", "subscribed", "mentioned"]
        let bodies = ["/lgtm", "/approve", "@k8s-bot pull-kubernetes-e2e test this", "Thanks, looks good to me.", "/lgtm\n/approve",
                      "Could you add a test for the error path?\n\nOtherwise this is fine.", "/retest", "/hold"]
        let total = issues + events + comments
        let span: Int64 = 3 * 365 * 86_400
        var time = start
        var made = (issues: 0, events: 0, comments: 0)
        var batch = MirrorBatch()
        var eventID: Int64 = 1, commentID: Int64 = 1
        for index in 0..<total {
            time = start + span * Int64(index) / Int64(total)
            let roll = Int(random.next() % UInt64(total))
            if made.issues == 0 || (roll < issues && made.issues < issues) || (made.events >= events && made.comments >= comments) {
                made.issues += 1
                let at = Timestamp(seconds: time)
                batch.issues.append(IssueRecord(number: Int64(made.issues), githubID: 1_000_000 + Int64(made.issues), title: "Change \(made.issues)",
                                                body: "", user: users[Int(random.next() % 500)], state: "open", comments: 0,
                                                isPullRequest: made.issues % 3 != 0, closedAt: nil, createdAt: at, updatedAt: at, mergedAt: nil,
                                                labels: [], assignees: []))
            } else {
                // Activity goes mostly to recent issues, as on a busy repository.
                let window = UInt64(min(made.issues, 3000))
                let number = Int64(made.issues) - Int64(random.next() % window)
                if made.events < events, made.comments >= comments || random.next() % 6 != 0 {
                    made.events += 1
                    let kind = kinds[Int(random.next() % UInt64(kinds.count))]
                    let actor = kind == "merged" || kind.hasSuffix("labeled") ? robots[Int(random.next() % 2)] : users[Int(random.next() % 500)]
                    batch.events.append(EventRecord(id: eventID, issueNumber: number, event: kind,
                                                    label: kind.hasSuffix("labeled") ? labels[Int(random.next() % UInt64(labels.count))] : nil,
                                                    assignee: nil, actor: actor, createdAt: Timestamp(seconds: time)))
                    eventID += 1
                } else {
                    made.comments += 1
                    batch.comments.append(CommentRecord(id: commentID, issueNumber: number, body: bodies[Int(random.next() % UInt64(bodies.count))],
                                                        user: random.next() % 5 == 0 ? robots[1] : users[Int(random.next() % 500)],
                                                        createdAt: Timestamp(seconds: time), updatedAt: Timestamp(seconds: time),
                                                        isReviewComment: random.next() % 4 == 0))
                    commentID += 1
                }
            }
            if batch.issues.count + batch.events.count + batch.comments.count >= 20_000 {
                try await store.apply(batch, repository: repository)
                batch = MirrorBatch()
            }
        }
        batch.watermark = Timestamp(seconds: time + 1)
        try await store.apply(batch, repository: repository)
        return Timestamp(seconds: time + 1)
    }
}
