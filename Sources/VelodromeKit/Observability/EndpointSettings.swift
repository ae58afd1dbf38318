/// The status endpoint of a looping stage, from `--listen` and `--stale-after`.
package struct EndpointSettings: Sendable, Equatable {
    /// Nil: no endpoint (the default, and always with `--once`).
    package var listen: ListenAddress?
    package var staleAfter: Duration

    package init(listen: ListenAddress?, staleAfter: Duration) {
        self.listen = listen
        self.staleAfter = staleAfter
    }

    package init(parsed: ParsedArguments, schedule: LoopSchedule) throws(UsageError) {
        var listen: ListenAddress?
        if let text = parsed.value("listen") {
            if schedule.once {
                // VELODROME_LISTEN may be set for a whole pod; only the command line is refused.
                if case .commandLine? = parsed.sources["listen"] {
                    throw UsageError("--listen serves a looping stage; with --once the stage exits before anyone could scrape it")
                }
            } else {
                listen = try ListenAddress(parsing: text, option: parsed.culprit("listen"))
            }
        }
        let staleAfter = try parsed.optionalDuration("stale-after") ?? schedule.interval * 3
        guard staleAfter >= .seconds(1) else {
            throw UsageError("bad duration \"\(parsed.value("stale-after") ?? "")\" for \(parsed.culprit("stale-after")): must be at least 1s")
        }
        self.init(listen: listen, staleAfter: staleAfter)
    }
}
