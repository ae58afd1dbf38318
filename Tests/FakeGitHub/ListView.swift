/// One request's list: a contiguous range of a `SortedKeys`, read forwards (asc) or
/// backwards (desc). Ordered index 0 is the first item the client sees.
struct ListView {
    let keys: SortedKeys
    let range: Range<Int>
    let descending: Bool

    var count: Int { range.count }

    /// The whole index, or only items with `updated_at >= since`: a binary search when the
    /// index is sorted by `updated_at` (`sinceIsPrimary`), else a filtered copy.
    init(_ keys: SortedKeys, descending: Bool, since: Int64? = nil, sinceIsPrimary: Bool = false) {
        self.descending = descending
        if let since {
            if sinceIsPrimary {
                self.keys = keys
                range = keys.lowerBound(since, Int64.min)..<keys.count
            } else {
                self.keys = keys.keeping(filterAtLeast: since)
                range = 0..<self.keys.count
            }
        } else {
            self.keys = keys
            range = 0..<keys.count
        }
    }

    private func raw(_ ordered: Int) -> Int {
        descending ? range.upperBound - 1 - ordered : range.lowerBound + ordered
    }

    func position(_ ordered: Int) -> Int32 {
        keys.positions[raw(ordered)]
    }

    func key(_ ordered: Int) -> (primary: Int64, tie: Int64) {
        let i = raw(ordered)
        return (keys.primary[i], keys.tie[i])
    }

    /// Ordered index of the first item that comes after the key in this list's direction.
    /// Keyset pagination: items added or moved meanwhile do not shift the next page.
    func start(after key: (primary: Int64, tie: Int64)) -> Int {
        if descending {
            let below = keys.lowerBound(key.primary, key.tie)  // raw indexes < key
            return max(0, range.upperBound - max(below, range.lowerBound))
        } else {
            let above = keys.upperBound(key.primary, key.tie)  // raw indexes > key start here
            return min(count, max(0, above - range.lowerBound))
        }
    }
}
