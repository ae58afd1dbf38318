import Logging

/// Computes one repository's metrics from its mirror, from each metric's checkpoint up to the
/// watermark fetch recorded, in one pass over the activity, and writes the points.
struct RepositoryTransform {
    struct Summary {
        /// What the metrics are now computed up to.
        let watermark: Timestamp
        var items = 0
        var points = 0
        var rebuilt: [String] = []
        var upToDate = false
    }

    let job: TransformJob
    let store: any MirrorStore
    let sink: any PointSink
    let rebuild: Bool
    let batchSize: Int
    let stop: StopSignal
    /// The stage's counters for `/metrics` (named apart from the metrics being computed).
    let reporting: TransformStageMetrics
    let logger: Logger

    static let chunk = 10_000

    func run() async throws -> Summary? {
        let repository = job.repository.key
        guard let watermark = try await store.syncState(repository: repository).watermark else {
            logger.warning("\(repository) has not been fetched completely yet; nothing to compute")
            return nil
        }
        let checkpoints = sink.keepsCheckpoints ? try await store.checkpoints(repository: repository, target: sink.target) : [:]
        let users = Interner(), labels = Interner()
        var summary = Summary(watermark: watermark)
        var metrics: [any ActivityMetric] = []
        for definition in job.metrics {
            let metric = definition.plugin.metric(name: definition.name, repository: repository, labels: labels, users: users)
            if !rebuild, let checkpoint = checkpoints[definition.name], checkpoint.definition == definition.signature,
               metric.resume(checkpoint.state, through: checkpoint.through.seconds) {
                metrics.append(metric)
                continue
            }
            // Computed from the start: whatever the output holds of the series (an earlier
            // definition, the original tool's points) is replaced, and a stale checkpoint must
            // not outlive the series it described.
            if sink.keepsCheckpoints {
                try await sink.dropSeries(measurement: definition.name, repository: repository)
                if checkpoints[definition.name] != nil {
                    try await store.deleteCheckpoint(repository: repository, metric: definition.name, target: sink.target)
                }
            }
            if checkpoints[definition.name] != nil || rebuild { summary.rebuilt.append(definition.name) }
            metrics.append(metric)
        }
        let starts = metrics.map(\.from)
        let begin = starts.contains(nil) ? nil : starts.compactMap { $0 }.min()
        if let begin, begin >= watermark.seconds {
            summary.upToDate = true
            return summary
        }

        let issues = IssueTable(try await store.issueSummaries(repository: repository), users: users)
        for metric in metrics { metric.prepare(issues: issues) }

        let needs = job.metrics.map(\.plugin.needs).reduce(ActivityNeeds(comments: false, commentBodies: false), +)
        let cursor = try await store.activity(repository: repository, from: begin.map(Timestamp.init(seconds:)), until: watermark, needs: needs)
        var points: [MetricPoint] = []
        var writer = PointWriter(sink: sink, batchSize: batchSize, written: reporting.pointsWritten)
        do {
            while true {
                let rows = try await cursor.next(limit: Self.chunk)
                for row in rows {
                    guard let item = Self.item(row, issues: issues, users: users, labels: labels) else { continue }
                    summary.items += 1
                    for metric in metrics { metric.receive(item, issues: issues, into: &points) }
                }
                if points.count >= batchSize {
                    try await writer.write(points)
                    summary.points += points.count
                    points.removeAll(keepingCapacity: true)
                }
                try stop.check()
                if rows.count < Self.chunk { break }
            }
            try await cursor.close()
            try await writer.write(points)
            summary.points += points.count
            // The checkpoint may say only what the output holds.
            try await writer.finish()
        } catch {
            try? await cursor.close()
            // Nothing is written after the run ends, even when it fails.
            try? await writer.finish()
            throw error
        }

        if sink.keepsCheckpoints {
            var updated: [String: MetricCheckpoint] = [:]
            for (index, metric) in metrics.enumerated() {
                updated[metric.name] = MetricCheckpoint(through: watermark, definition: job.metrics[index].signature, state: metric.checkpoint(numbers: issues.numbers))
            }
            try await store.saveCheckpoints(updated, repository: repository, target: sink.target)
        }
        return summary
    }

    /// Turns a stored row into an item; nil for activity on an issue the mirror does not have.
    static func item(_ row: ActivityRow, issues: IssueTable, users: Interner, labels: Interner) -> ActivityItem? {
        switch row {
        case .opened(let number, let author, let time):
            guard let issue = issues.index(of: number) else { return nil }
            return ActivityItem(source: .opened, time: time.seconds, issue: issue, event: .opened, label: -1, actor: users.id(author), body: "")
        case .event(_, let number, let event, let label, let actor, let time):
            guard let issue = issues.index(of: number) else { return nil }
            // Only labels some matcher names are interned; any other label is -2, which matches none.
            let labelID = label.map { labels.existing($0) ?? -2 } ?? -1
            return ActivityItem(source: .event, time: time.seconds, issue: issue, event: EventKind(name: event), label: labelID, actor: users.id(actor), body: "")
        case .comment(_, _, let number, let user, let body, let time):
            guard let issue = issues.index(of: number) else { return nil }
            return ActivityItem(source: .comment, time: time.seconds, issue: issue, event: .commented, label: -1, actor: users.id(user), body: body)
        }
    }
}
