import Foundation

/// An item of a list sorted by `updated_at`: issues, issue comments, review comments.
protocol UpdatedItem: Sendable {
    /// Identifies the item within its list (issue number, comment id).
    var key: Int64 { get }
    var updatedAt: Timestamp { get }
    func add(to batch: inout MirrorBatch)
}

extension IssueRecord: UpdatedItem {
    var key: Int64 { number }
    func add(to batch: inout MirrorBatch) { batch.issues.append(self) }
}

extension CommentRecord: UpdatedItem {
    var key: Int64 { id }
    func add(to batch: inout MirrorBatch) { batch.comments.append(self) }
}

/// Where a walk of a `sort=updated` list stands, stored with every page it commits.
struct UpdatedListCursor: Codable, Equatable {
    /// The newest `updated_at` stored: the next query asks `since` it (inclusive).
    var since: Timestamp?
    /// A `next` link inside a run of items sharing `since` (more than a page of them).
    var next: String?
    /// The ETag of the first page of `since`, when that page was the whole answer.
    var etag: String?
    /// A run at this time was walked by page numbers while an item of it changed: read it again.
    var recheck: Timestamp?
}

/// Mirrors one `sort=updated&direction=asc` list exactly while GitHub changes under it.
///
/// Walking by page number loses items: an item updated mid-walk jumps to the end and every later
/// item shifts back a place, so one is skipped. This walker asks again with `since` = the newest
/// `updated_at` it stored after every page, and follows `next` links only through a run of items
/// that share one `updated_at` (where `since` cannot advance). GitHub's cursor links (`after=`) are
/// stable; page-number links within a run are checked for churn and the run is read again when an
/// item already read in it shows up later with a newer time.
struct UpdatedListWalker<Item: UpdatedItem> {
    /// The `sync_cursors` key: `issues`, `issue_comments`, `review_comments`.
    let name: String
    let path: String
    let query: [(String, String)]
    let decode: @Sendable (Data) throws -> [Item]

    /// `reachBack`, for a new series of attempts, is the watermark of the last complete sync:
    /// every item older than it is in the mirror, but one GitHub showed late may sit between it
    /// and `since`.
    func sync(_ environment: SyncEnvironment, from stored: String?, reachBack: Timestamp?) async throws {
        var cursor = CursorCoding.decode(UpdatedListCursor.self, stored) ?? UpdatedListCursor()
        // A page-number link cannot be resumed exactly after a restart: read the run from its start.
        if let next = cursor.next.flatMap(URL.init(string:)), !LinkHeader.isCursor(next) { cursor.next = nil }
        if let since = cursor.since, let reachBack, reachBack < since {
            cursor = UpdatedListCursor(since: reachBack, recheck: cursor.recheck)
        }
        var readInRuns: [Int64: Timestamp] = [:]
        while true {
            try environment.stop.check()
            let querySince = cursor.since
            let isFirstPage = cursor.next == nil
            let url = cursor.next.flatMap(URL.init(string:)) ?? listURL(environment, since: querySince)
            let answer = try await environment.client.get(url, etag: isFirstPage ? cursor.etag : nil, stop: environment.stop, decode: decode)
            environment.progress.saw(answer.info)
            guard case .page(let items, let info) = answer else { return }

            var next = cursor
            var batch = MirrorBatch()
            for item in items {
                item.add(to: &batch)
                if let runTime = readInRuns[item.key], item.updatedAt > runTime {
                    next.recheck = min(next.recheck ?? runTime, runTime)
                }
            }
            let newest = items.map(\.updatedAt).max()
            let advanced = newest.map { $0 > (querySince ?? Timestamp(seconds: .min)) } ?? false
            var finished = false
            if advanced {
                // Re-anchor on the newest time; with no next link, one more query confirms nothing is newer.
                next.since = newest
                next.next = nil
                next.etag = nil
            } else if let link = info.links.next {
                // A whole page shares `since`: walk the run by the links GitHub gives.
                next.next = link.absoluteString
                next.etag = nil
                if !LinkHeader.isCursor(link), let run = querySince {
                    for item in items { readInRuns[item.key] = run }
                }
            } else {
                // Nothing newer than `since`: the list is mirrored to its end.
                next.next = nil
                next.etag = isFirstPage ? info.etag : nil
                if let recheck = next.recheck {
                    environment.logger.info("\(name): a run of items changed while it was read by page; reading it again", metadata: ["since": "\(recheck)"])
                    next = UpdatedListCursor(since: recheck)
                    readInRuns = [:]
                } else {
                    finished = true
                }
            }
            batch.cursors[name] = CursorCoding.encode(next)
            try await environment.commit(batch)
            environment.progress.stored(items.count, in: name)
            cursor = next
            if finished { return }
        }
    }

    private func listURL(_ environment: SyncEnvironment, since: Timestamp?) -> URL {
        var parameters = query + [("sort", "updated"), ("direction", "asc"), ("per_page", "\(SyncEnvironment.pageSize)")]
        if let since { parameters.append(("since", since.iso8601)) }
        return environment.client.url(environment.repositoryPath + path, query: parameters)
    }
}

enum MirrorLists {
    static let issues = UpdatedListWalker<IssueRecord>(name: "issues", path: "/issues", query: [("state", "all")]) { data in
        try JSONDecoder().decode([IssuePayload].self, from: data).map { try $0.record() }
    }

    static let issueComments = UpdatedListWalker<CommentRecord>(name: "issue_comments", path: "/issues/comments", query: []) { data in
        try JSONDecoder().decode([CommentPayload].self, from: data).map { try $0.record(isReviewComment: false) }
    }

    static let reviewComments = UpdatedListWalker<CommentRecord>(name: "review_comments", path: "/pulls/comments", query: []) { data in
        try JSONDecoder().decode([CommentPayload].self, from: data).map { try $0.record(isReviewComment: true) }
    }
}
