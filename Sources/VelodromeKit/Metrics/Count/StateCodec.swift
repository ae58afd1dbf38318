/// A state tracker's entries as bytes, for checkpoints: version, part count, entry count, then per
/// issue its number and, per part, the machine node and the activation time (little-endian).
enum StateCodec {
    static let version: UInt8 = 1

    static func encode(_ entries: [StateEntry], parts: Int) -> [UInt8] {
        var bytes: [UInt8] = [version, UInt8(parts)]
        bytes.reserveCapacity(6 + entries.count * (8 + 9 * parts))
        append(UInt32(entries.count), to: &bytes)
        for entry in entries {
            append(UInt64(bitPattern: entry.number), to: &bytes)
            bytes += entry.nodes
            for time in entry.since { append(UInt64(bitPattern: time), to: &bytes) }
        }
        return bytes
    }

    /// nil when the bytes are not a state of this many parts (then the metric is rebuilt).
    static func decode(_ bytes: [UInt8], parts: Int) -> [StateEntry]? {
        guard bytes.count >= 6, bytes[0] == version, Int(bytes[1]) == parts else { return nil }
        var offset = 2
        let count = Int(read(bytes, &offset, as: UInt32.self))
        guard bytes.count == 6 + count * (8 + 9 * parts) else { return nil }
        var entries: [StateEntry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let number = Int64(bitPattern: read(bytes, &offset, as: UInt64.self))
            let nodes = Array(bytes[offset..<(offset + parts)])
            offset += parts
            let since = (0..<parts).map { _ in Int64(bitPattern: read(bytes, &offset, as: UInt64.self)) }
            entries.append(StateEntry(number: number, nodes: nodes, since: since))
        }
        return entries
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    private static func read<T: FixedWidthInteger>(_ bytes: [UInt8], _ offset: inout Int, as: T.Type) -> T {
        var value: T = 0
        for index in 0..<MemoryLayout<T>.size { value |= T(bytes[offset + index]) << (8 * index) }
        offset += MemoryLayout<T>.size
        return value
    }
}
