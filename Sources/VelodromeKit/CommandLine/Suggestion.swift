/// "Did you mean" candidates by edit distance.
package enum Suggestion {
    /// The candidate nearest to `word`, if it is close enough to be a plausible typo.
    package static func closest(to word: String, among candidates: [String]) -> String? {
        // An abbreviation ("repos") is as plausible a slip as a typo.
        if word.count >= 3, let expansion = candidates.first(where: { $0.lowercased().hasPrefix(word.lowercased()) && $0.count > word.count }) {
            return expansion
        }
        let limit = max(2, word.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// "; did you mean X?" for the nearest candidate, or nothing: the tail of an error message.
    package static func hint(for word: String, among candidates: [String], quoted: Bool = false) -> String {
        guard let best = closest(to: word, among: candidates) else { return "" }
        return quoted ? "; did you mean \"\(best)\"?" : "; did you mean \(best)?"
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
