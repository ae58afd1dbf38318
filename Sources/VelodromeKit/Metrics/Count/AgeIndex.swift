/// The start times of the issues in a state, answering count, total age and age percentiles in
/// O(log n) per change and per query (the original sorted every age for every point).
///
/// It relies on how states work: an issue enters its state only when the event being processed
/// activates its last part, so its start is the current time, and the stream is in time order.
/// Starts therefore arrive in non-decreasing order, and live in insertion slots of a Fenwick tree;
/// the one exception, an all-`!` state whose age counts from the zero time, is kept as a count.
struct AgeIndex {
    /// Fenwick tree over insertion slots (1-based): 1 where the slot's start is still in the state.
    private var tree: [Int32] = [0]
    private var starts: [Int64] = [0]
    private(set) var count = 0
    /// Issues in the state since the zero time.
    private var zeroStarts = 0
    /// Σ ⌊start/60⌋ and the histogram of start mod 60, for the exact sum of whole-minute ages.
    private var minuteSum: Int64 = 0
    private var secondCounts = [Int](repeating: 0, count: 60)

    static let zero = Timestamp.goZero.seconds

    /// Adds a start; returns its slot, needed to remove it later.
    mutating func insert(_ start: Int64) -> Int32 {
        count += 1
        minuteSum += Self.floorDiv(start, 60)
        secondCounts[Int(Self.floorMod(start, 60))] += 1
        if start == Self.zero {
            zeroStarts += 1
            return 0
        }
        precondition(start >= starts[starts.count - 1], "AgeIndex starts must not decrease")
        let slot = starts.count
        starts.append(start)
        // The new node covers slots (slot - lowbit, slot]: its own 1 plus the live ones before it.
        let low = slot & -slot
        tree.append(Int32(1 + prefix(slot - 1) - prefix(slot - low)))
        return Int32(slot)
    }

    mutating func remove(_ slot: Int32, start: Int64) {
        count -= 1
        minuteSum -= Self.floorDiv(start, 60)
        secondCounts[Int(Self.floorMod(start, 60))] -= 1
        if slot == 0 {
            zeroStarts -= 1
            return
        }
        var index = Int(slot)
        while index < tree.count {
            tree[index] -= 1
            index += index & -index
        }
    }

    /// Σ over the issues of ⌊(now - start) / 60⌋: the original's sum of whole-minute ages.
    func totalMinutes(at now: Int64) -> Int64 {
        let nowMinutes = Self.floorDiv(now, 60), nowSeconds = Int(Self.floorMod(now, 60))
        let borrowing = secondCounts[(nowSeconds + 1)...].reduce(0, +)
        return Int64(count) * nowMinutes - minuteSum - Int64(borrowing)
    }

    /// Percentile p (1-100) of the ages in whole minutes: the element at index ⌈p·n/100⌉ − 1 of the
    /// ages sorted ascending, i.e. the k-th most recent start. 0 when no issue is in the state.
    func percentileMinutes(_ percentile: Int, at now: Int64) -> Int64 {
        guard count > 0 else { return 0 }
        let k = (percentile * count + 99) / 100
        let live = count - zeroStarts
        let start = k <= live ? starts[slotOfSmallest(live - k + 1)] : Self.zero
        return Self.floorDiv(now - start, 60)
    }

    private func prefix(_ slot: Int) -> Int {
        var total = 0, index = slot
        while index > 0 {
            total += Int(tree[index])
            index -= index & -index
        }
        return total
    }

    /// The slot holding the rank-th live start (1-based), by binary lifting down the tree.
    private func slotOfSmallest(_ rank: Int) -> Int {
        var position = 0, remaining = rank
        var step = 1
        while step * 2 < tree.count { step *= 2 }
        while step > 0 {
            let next = position + step
            if next < tree.count, Int(tree[next]) < remaining {
                position = next
                remaining -= Int(tree[next])
            }
            step /= 2
        }
        return position + 1
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
    static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
}
