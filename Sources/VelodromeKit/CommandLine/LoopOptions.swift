/// The options of every looping stage, read into a `LoopSchedule`: `--once`, and the period as
/// `--frequency` (the original's iterations an hour) or `--interval`.
extension LoopSchedule {
    package init(parsed: ParsedArguments) throws(UsageError) {
        let once = parsed.flag("once")
        let onCommandLine = { (name: String) -> Bool in
            if case .commandLine? = parsed.sources[name] { return true }
            return false
        }
        if onCommandLine("interval"), onCommandLine("frequency") {
            throw UsageError("--interval and --frequency both set the loop period; give one")
        }
        // The command line wins over the variables; an interval wins over a default frequency.
        let frequencyWins = onCommandLine("frequency") && !onCommandLine("interval")
        if !frequencyWins, let interval = try parsed.optionalDuration("interval") {
            guard interval >= .seconds(1) else {
                throw UsageError("bad duration \"\(parsed.value("interval") ?? "")\" for \(parsed.culprit("interval")): must be at least 1s")
            }
            self.init(once: once, interval: interval)
            return
        }
        self = .perHour(try parsed.integer("frequency", in: 1...3600), once: once)
    }
}
