import Foundation

/// What `/healthz` and `/readyz` answer for a stage, from its status. Healthy while no iteration
/// has failed since the last success, or the last success is younger than `staleAfter`; an
/// iteration that is still running never makes a stage unhealthy (a first sync may take hours).
/// Ready once the first iteration has started.
package struct HealthCheck: Sendable {
    package struct Answer: Sendable, Equatable {
        package var ok: Bool
        /// `ok`, or one line saying why not.
        package var text: String
    }

    let stage: String
    let staleAfter: Duration

    package init(stage: String, staleAfter: Duration) {
        self.stage = stage
        self.staleAfter = staleAfter
    }

    package func health(_ status: StageStatus.Snapshot, now: Date) -> Answer {
        if status.consecutiveFailures == 0 { return Answer(ok: true, text: "ok") }
        let success = status.lastSuccess.map { now.timeIntervalSince($0) }
        if let success, success < Double(staleAfter.components.seconds) { return Answer(ok: true, text: "ok") }
        let since = success.map { "last success \(DurationText.format(.seconds(Int64($0.rounded(.down))))) ago" } ?? "no success yet"
        let error = status.lastFailure.map { "; last error: \(Self.oneLine($0.reason))" } ?? ""
        return Answer(ok: false, text: "\(stage): \(since)\(error)")
    }

    package func readiness(_ status: StageStatus.Snapshot) -> Answer {
        status.iterations > 0 ? Answer(ok: true, text: "ok") : Answer(ok: false, text: "\(stage): first iteration not started yet")
    }

    /// The first line of an error, at most 300 characters: a probe's answer is one line.
    static func oneLine(_ reason: String) -> String {
        let line = reason.prefix { $0 != "\n" && $0 != "\r" }
        return line.count > 300 ? String(line.prefix(299)) + "…" : String(line)
    }
}
