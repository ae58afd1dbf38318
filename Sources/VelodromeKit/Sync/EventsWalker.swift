import Foundation

/// Where the events sync stands, stored with every page it commits.
struct EventsCursor: Codable, Equatable {
    /// Every event created before this time is stored (the start of the last complete walk).
    var doneThrough: Timestamp?
    /// The ETag of the first page of the last complete walk: a 304 means no event since.
    var etag: String?
    var walk: Walk?
    var backfill: Backfill?

    /// Every issue the walk did not reach is read: the events are complete through the walk's start.
    mutating func finishBackfill() {
        guard let backfill else { return }
        doneThrough = backfill.startedAt
        etag = backfill.firstPageETag
        self.backfill = nil
    }

    /// A walk of the repository-wide list, newest first, in progress.
    struct Walk: Codable, Equatable {
        var startedAt: Timestamp
        var firstPageETag: String?
        var next: String?
        var oldestSeen: Timestamp?
    }

    /// Reading events issue by issue, for the part of history the repository-wide list did not reach.
    struct Backfill: Codable, Equatable {
        var startedAt: Timestamp
        var firstPageETag: String?
        /// Issues created after this have all their events in the walk.
        var createdBy: Timestamp
        /// Issues not updated since the last complete walk have no new events (nil: all issues).
        var updatedSince: Timestamp?
        /// Issues up to this number are done.
        var after: Int64 = 0
        var issue: Int64?
        var next: String?
    }
}

/// Mirrors issue events with the repository-wide list (`/issues/events`, newest first), walking
/// back until it reaches events already stored. GitHub stops paging that list short on large
/// repositories (its `last` page is full, and the page after it answers 422); then the events of
/// the issues updated in the gap are read issue by issue.
struct EventsWalker {
    static let name = "events"

    /// Syncs the events, and runs `alongside` (the sync's other REST lists) after them, or while
    /// GraphQL backfills: then a sync spends GraphQL's points and REST's requests at once.
    func sync(_ environment: SyncEnvironment, from stored: String?, alongside: @Sendable () async throws -> Void) async throws {
        var cursor = CursorCoding.decode(EventsCursor.self, stored) ?? EventsCursor()
        if cursor.backfill == nil {
            try await walk(environment, &cursor)
        }
        guard cursor.backfill != nil, environment.graphQL.isOn else {
            if cursor.backfill != nil { try await backfill(environment, &cursor) }
            try await alongside()
            return
        }
        async let alongsideDone: Void = alongside()
        if try await !TimelineBackfill().run(environment, &cursor) {
            try await backfill(environment, &cursor)
        }
        try await alongsideDone
    }

    private func walk(_ environment: SyncEnvironment, _ cursor: inout EventsCursor) async throws {
        // Overlap the previous walk by the settle margin: an event GitHub had not shown yet when
        // that walk read past its time is younger than the walk's start less the margin.
        let stopBefore = cursor.doneThrough?.adding(seconds: -environment.settleSeconds)
        while true {
            try environment.stop.check()
            let walk = cursor.walk
            let url = walk?.next.flatMap(URL.init(string:))
                ?? environment.client.url(environment.repositoryPath + "/issues/events", query: [("per_page", "\(SyncEnvironment.pageSize)")])
            let answer: GitHubAnswer<[EventRecord]>
            do {
                answer = try await environment.client.get(url, etag: walk == nil ? cursor.etag : nil, stop: environment.stop) { data in
                    try JSONDecoder().decode([EventPayload].self, from: data).map { try $0.record() }
                }
            } catch GitHubError.unprocessable(_, let message) where walk != nil {
                environment.logger.info("the repository-wide events list stops here (\(message)); reading the rest issue by issue")
                cursor.walk = nil
                cursor.backfill = startBackfill(walk!, stopBefore: stopBefore, environment)
                try await Self.save(cursor, environment)
                return
            }
            environment.progress.saw(answer.info)
            let startedAt = walk?.startedAt ?? environment.progress.syncStart
            guard case .page(let events, let info) = answer else {
                cursor.doneThrough = startedAt
                cursor.walk = nil
                try await Self.save(cursor, environment)
                return
            }
            var current = walk ?? EventsCursor.Walk(startedAt: startedAt, firstPageETag: info.etag)
            if let oldest = events.map(\.createdAt).min() { current.oldestSeen = min(current.oldestSeen ?? oldest, oldest) }
            var batch = MirrorBatch()
            batch.events = events
            let reachedStored = stopBefore.map { stop in events.contains { $0.createdAt < stop } } ?? false
            // A full last page is ambiguous: the list may end there, or GitHub may have cut it short.
            // The page after it tells: empty, or a 422.
            let following = info.links.next ?? (events.count < SyncEnvironment.pageSize ? nil : Self.pageAfter(url))
            var finished = true
            if reachedStored || following == nil {
                cursor.doneThrough = current.startedAt
                cursor.etag = current.firstPageETag
                cursor.walk = nil
            } else {
                current.next = following!.absoluteString
                cursor.walk = current
                finished = false
            }
            batch.cursors[Self.name] = CursorCoding.encode(cursor)
            try await environment.commit(batch)
            environment.progress.stored(events.count, in: Self.name)
            if finished { return }
        }
    }

    /// The page-number URL after `url`; nil for cursor links, which GitHub always continues with `next`.
    static func pageAfter(_ url: URL) -> URL? {
        guard !LinkHeader.isCursor(url), var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return nil }
        let page = LinkHeader.pageNumber(of: url) ?? 1
        var items = components.queryItems ?? []
        items.removeAll { $0.name == "page" }
        items.append(URLQueryItem(name: "page", value: "\(page + 1)"))
        components.queryItems = items
        return components.url
    }

    private func startBackfill(_ walk: EventsCursor.Walk, stopBefore: Timestamp?, _ environment: SyncEnvironment) -> EventsCursor.Backfill {
        EventsCursor.Backfill(startedAt: walk.startedAt, firstPageETag: walk.firstPageETag,
                              createdBy: walk.oldestSeen ?? walk.startedAt, updatedSince: stopBefore)
    }

    private func backfill(_ environment: SyncEnvironment, _ cursor: inout EventsCursor) async throws {
        var queue: [(number: Int64, isPullRequest: Bool)] = []
        while var backfill = cursor.backfill {
            try environment.stop.check()
            if backfill.issue == nil {
                if queue.isEmpty {
                    queue = try await environment.store.issueNumbers(
                        repository: environment.repository.key, createdBy: backfill.createdBy,
                        updatedSince: backfill.updatedSince, after: backfill.after, limit: 1000)
                }
                guard !queue.isEmpty else {
                    cursor.finishBackfill()
                    try await Self.save(cursor, environment)
                    return
                }
                backfill.issue = queue.removeFirst().number
                backfill.next = nil
            }
            let number = backfill.issue!
            let url = backfill.next.flatMap(URL.init(string:))
                ?? environment.client.url(environment.repositoryPath + "/issues/\(number)/events", query: [("per_page", "\(SyncEnvironment.pageSize)")])
            var batch = MirrorBatch()
            do {
                let answer = try await environment.client.get(url, etag: nil, stop: environment.stop) { data in
                    try JSONDecoder().decode([EventPayload].self, from: data).map { try $0.record(issueNumber: number) }
                }
                environment.progress.saw(answer.info)
                if case .page(let events, let info) = answer {
                    batch.events = events
                    backfill.next = info.links.next?.absoluteString
                }
            } catch GitHubError.notFound {
                // Transferred or deleted since it was mirrored: it has no events here any more.
                backfill.next = nil
            }
            if backfill.next == nil {
                backfill.after = number
                backfill.issue = nil
            }
            cursor.backfill = backfill
            batch.cursors[Self.name] = CursorCoding.encode(cursor)
            try await environment.commit(batch)
            environment.progress.stored(batch.events.count, in: Self.name)
        }
    }

    /// Commits the cursor alone (no page of events with it).
    static func save(_ cursor: EventsCursor, _ environment: SyncEnvironment) async throws {
        var batch = MirrorBatch()
        batch.cursors[Self.name] = CursorCoding.encode(cursor)
        try await environment.commit(batch)
    }
}
