import Foundation

/// The events of the issues the repository-wide list does not reach, read through GraphQL:
/// a query carries the timelines of up to 100 issues for one point, where REST takes a request
/// per issue. Each batch commits with the cursor that passes it, so a killed sync goes on after
/// the last committed batch, and a batch read twice stores nothing twice (events meet on their
/// node ids). GitHub times out big queries: the batch halves on a timeout, and grows again while
/// answers are quick, never back to a size that timed out.
struct TimelineBackfill {
    static let largestBatch = 100
    static let firstBatch = 50
    /// An answer slower than this is near GitHub's 10-second limit: the batch stops growing.
    static let quickAnswer: Duration = .seconds(3)

    /// Runs the backfill to its end, or returns false (with the cursor where it stopped) when
    /// GraphQL turned out not to be usable and REST must go on.
    func run(_ environment: SyncEnvironment, _ cursor: inout EventsCursor) async throws -> Bool {
        var queue: [TimelineQuery.Issue] = []
        var batchSize = Self.firstBatch
        var ceiling = Self.largestBatch
        while var backfill = cursor.backfill {
            try environment.stop.check()
            if queue.count < batchSize {
                let after = queue.last?.number ?? backfill.after
                queue += try await environment.store.issueNumbers(
                    repository: environment.repository.key, createdBy: backfill.createdBy, updatedSince: backfill.updatedSince,
                    after: after, limit: 1000).map { TimelineQuery.Issue(number: $0.number, isPullRequest: $0.isPullRequest) }
            }
            guard !queue.isEmpty else {
                cursor.finishBackfill()
                try await EventsWalker.save(cursor, environment)
                return true
            }
            let issues = Array(queue.prefix(batchSize))
            let events: [EventRecord]
            let started = ContinuousClock.now
            do {
                events = try await timelines(of: issues, since: backfill.updatedSince, environment, batchSize: batchSize)
            } catch GitHubError.timedOut where batchSize > 1 {
                ceiling = batchSize - 1
                batchSize = max(1, batchSize / 2)
                environment.logger.info("GitHub timed out on the timelines of \(issues.count) issues; asking for \(batchSize) at a time")
                continue
            } catch GitHubError.rateLimited(let message) where environment.graphQL.mode == .auto {
                // GraphQL's points are spent for longer than --max-wait; REST's quota is another.
                environment.logger.warning("reading the rest of this sync's events issue by issue through REST: \(message)")
                return false
            } catch {
                guard let reason = environment.graphQL.giveUp(after: error) else { throw error }
                environment.logger.warning("reading events issue by issue through REST: \(reason)")
                return false
            }
            if ContinuousClock.now - started < Self.quickAnswer { batchSize = min(ceiling, batchSize + max(1, batchSize / 4)) }
            queue.removeFirst(issues.count)
            backfill.after = issues.last!.number
            backfill.issue = nil
            backfill.next = nil
            cursor.backfill = backfill
            var batch = MirrorBatch()
            batch.timelineEvents = events
            batch.cursors[EventsWalker.name] = CursorCoding.encode(cursor)
            try await environment.commit(batch)
            environment.progress.stored(events.count, in: EventsWalker.name)
        }
        return true
    }

    /// Every event of `issues`' timelines: a first query, then one for the next pages of those
    /// whose timeline did not fit, until all are read.
    private func timelines(of issues: [TimelineQuery.Issue], since: Timestamp?, _ environment: SyncEnvironment, batchSize: Int) async throws -> [EventRecord] {
        var events: [EventRecord] = []
        var pending = issues
        // A batch of one that still times out is as small as a query gets: retried as any failure.
        let retrying = batchSize == 1
        while !pending.isEmpty {
            try environment.stop.check()
            let query = TimelineQuery(issues: Array(pending.prefix(Self.largestBatch)), since: since)
            let answer = try await environment.client.graphQL(query.request(environment.repository), stop: environment.stop,
                                                               retryingTimeouts: retrying) { try query.read($0) }
            events += answer.events
            pending = answer.unfinished + pending.dropFirst(query.issues.count)
        }
        return events
    }
}
