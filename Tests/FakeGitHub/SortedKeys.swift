/// Item positions sorted ascending by (primary, tie), with the keys stored alongside in flat
/// arrays so `since` bounds and cursors are binary searches, not scans of the repository.
/// `filter` holds each item's `updated_at` for the one filter that cannot use the sort key
/// (`since` while sorting by `created`).
struct SortedKeys {
    var primary: [Int64] = []
    var tie: [Int64] = []
    var filter: [Int64] = []
    var positions: [Int32] = []

    var count: Int { positions.count }

    /// Builds the index over `count` items, keeping those `include` accepts.
    static func build(
        count: Int, include: (Int) -> Bool = { _ in true }, primary: (Int) -> Int64,
        tie: (Int) -> Int64, filter: (Int) -> Int64
    ) -> SortedKeys {
        var order: [Int32] = []
        order.reserveCapacity(count)
        for i in 0..<count where include(i) { order.append(Int32(i)) }
        let p = order.map { primary(Int($0)) }
        let t = order.map { tie(Int($0)) }
        // Builders append in key order, so most indexes are already sorted: check first.
        var sorted = true
        for i in 1..<max(1, order.count) where (p[i - 1], t[i - 1]) > (p[i], t[i]) {
            sorted = false
            break
        }
        var keys = SortedKeys()
        if sorted {
            keys.primary = p
            keys.tie = t
            keys.positions = order
        } else {
            let perm = (0..<order.count).sorted { (p[$0], t[$0]) < (p[$1], t[$1]) }
            keys.primary = perm.map { p[$0] }
            keys.tie = perm.map { t[$0] }
            keys.positions = perm.map { order[$0] }
        }
        keys.filter = keys.positions.map { filter(Int($0)) }
        return keys
    }

    /// First index whose key is >= (primary, tie).
    func lowerBound(_ p: Int64, _ t: Int64) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if (primary[mid], tie[mid]) < (p, t) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// First index whose key is > (primary, tie).
    func upperBound(_ p: Int64, _ t: Int64) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if (primary[mid], tie[mid]) <= (p, t) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The entries whose `filter` value is >= `minimum`, still in key order.
    func keeping(filterAtLeast minimum: Int64) -> SortedKeys {
        var out = SortedKeys()
        for i in 0..<count where filter[i] >= minimum {
            out.primary.append(primary[i])
            out.tie.append(tie[i])
            out.filter.append(filter[i])
            out.positions.append(positions[i])
        }
        return out
    }

    /// Appends an entry that sorts after every existing one (callers guarantee the order).
    mutating func append(primary p: Int64, tie t: Int64, filter f: Int64, position: Int32) {
        primary.append(p)
        tie.append(t)
        filter.append(f)
        positions.append(position)
    }
}
