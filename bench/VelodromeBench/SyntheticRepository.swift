import FakeGitHub

/// A repository with a realistic mix: half pull requests, label/close/merge/assign events spread
/// over the issues, a fifth of the comments on pull-request reviews. Deterministic for a given size.
enum SyntheticRepository {
    static let start: Int64 = 1_600_000_000

    static func make(issues: Int, events: Int, comments: Int, owner: String = "bench", name: String = "big") -> FakeRepository {
        var repository = FakeRepository(owner: owner, name: name, id: 123_456)
        var generator = SplitMix(seed: 42)
        let users = (0..<200).map { "contributor-\($0)" }
        let labels = ["lgtm", "approved", "needs-rebase", "kind/bug", "size/M", "do-not-merge/hold"]
        let span = Int64(3 * 365 * 86_400)
        let step = span / Int64(issues + events + comments)
        var time = start
        for number in 1...issues {
            time += step
            repository.addIssue(title: "Synthetic issue \(number)", user: .user(FakeUser(users[number % users.count])),
                                isPullRequest: number % 2 == 0, at: time, body: "Body of issue \(number)")
        }
        let kinds = ["labeled", "unlabeled", "labeled", "assigned", "closed", "reopened", "merged", "subscribed"]
        var done = (events: 0, comments: 0)
        while done.events < events || done.comments < comments {
            time += step
            let number = Int(generator.next() % UInt64(issues)) + 1
            if done.events < events, done.comments >= comments || generator.next() % 3 != 0 {
                let kind = kinds[Int(generator.next() % UInt64(kinds.count))]
                let isPR = number % 2 == 0
                let event = (kind == "merged" && !isPR) ? "closed" : kind
                repository.addEvent(issue: number, event: event, actor: .user(FakeUser(users[Int(generator.next() % 200)])),
                                    label: event.hasSuffix("labeled") ? labels[Int(generator.next() % 6)] : nil,
                                    assignee: event == "assigned" ? users[Int(generator.next() % 200)] : nil, at: time)
                done.events += 1
            } else {
                let review = number % 2 == 0 && generator.next() % 5 < 2
                repository.addComment(issue: number, body: generator.next() % 4 == 0 ? "/lgtm" : "Looks reasonable to me.",
                                      user: .user(FakeUser(users[Int(generator.next() % 200)])), at: time, review: review)
                done.comments += 1
            }
        }
        return repository
    }
}

/// A small, fast, seedable generator: the same seed gives the same repository.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
