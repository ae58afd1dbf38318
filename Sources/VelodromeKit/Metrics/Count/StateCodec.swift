/// What a `count` metric carries from run to run: each issue's state parts, and with
/// `--first-time` the authors each counter has already counted.
struct CountState: Equatable {
    var entries: [StateEntry] = []
    /// Per counter (the event counter, then each `--comments` regex), the logins it has counted,
    /// sorted; nil without `--first-time`.
    var seen: [[String]]?
}

/// A count metric's state as bytes, for checkpoints. Version 1: part count, entry count, then per
/// issue its number and, per part, the machine node and the activation time. Version 2 (with
/// `--first-time`) adds the counters' logins. Without `--first-time` the bytes are version 1's, so
/// checkpoints written before version 2 existed stay valid.
enum StateCodec {
    static func encode(_ state: CountState, parts: Int) -> [UInt8] {
        var writer = CheckpointWriter()
        writer.reserve(6 + state.entries.count * (8 + 9 * parts))
        writer.byte(state.seen == nil ? 1 : 2)
        writer.byte(UInt8(parts))
        writer.integer(UInt32(state.entries.count))
        for entry in state.entries {
            writer.integer(UInt64(bitPattern: entry.number))
            for node in entry.nodes { writer.byte(node) }
            for time in entry.since { writer.integer(UInt64(bitPattern: time)) }
        }
        if let seen = state.seen {
            writer.byte(UInt8(seen.count))
            for logins in seen {
                writer.integer(UInt32(logins.count))
                for login in logins { writer.text(login) }
            }
        }
        return writer.bytes
    }

    /// nil when the bytes are not a state of this shape: this many parts, and `counters` lists of
    /// logins (nil: no `--first-time`). The metric is then computed from the start.
    static func decode(_ bytes: [UInt8], parts: Int, counters: Int?) -> CountState? {
        var reader = CheckpointReader(bytes)
        guard let version = reader.byte(), version == (counters == nil ? 1 : 2),
              reader.byte().map(Int.init) == parts, let count = reader.integer(UInt32.self) else { return nil }
        var state = CountState()
        state.entries.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let number = reader.integer(UInt64.self), let nodes = reader.bytes(parts) else { return nil }
            var since: [Int64] = []
            for _ in 0..<parts {
                guard let time = reader.integer(UInt64.self) else { return nil }
                since.append(Int64(bitPattern: time))
            }
            state.entries.append(StateEntry(number: Int64(bitPattern: number), nodes: nodes, since: since))
        }
        if let counters {
            guard reader.byte().map(Int.init) == counters else { return nil }
            var seen: [[String]] = []
            for _ in 0..<counters {
                guard let count = reader.integer(UInt32.self) else { return nil }
                var logins: [String] = []
                for _ in 0..<count {
                    guard let login = reader.text() else { return nil }
                    logins.append(login)
                }
                seen.append(logins)
            }
            state.seen = seen
        }
        return reader.atEnd ? state : nil
    }
}
