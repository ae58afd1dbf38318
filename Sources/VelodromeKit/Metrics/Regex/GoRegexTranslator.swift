// Translates Go regexp (RE2) syntax into an equivalent ICU pattern, rejecting
// what Go's regexp/syntax parser rejects. The parse mirrors Go's parse.go token
// by token, so error precedence and the odd corners (a literal `{`, `\Q...\E`
// splitting into single literals, a flag group between an atom and its `*`)
// behave as in Go. The output never depends on ICU flag state: anchors, `.`,
// Perl/POSIX classes and case folding are all spelled out explicitly.

struct GoSyntaxError: Error {
    let problem: String
    let scalarOffset: Int
}

struct GoRegexTranslator {
    private struct Flags {
        var foldCase = false
        var multiLine = false
        var dotNL = false
        var ungreedy = false
    }

    // Only counted repetitions matter for Go's nested repeat limit, so the tree
    // keeps nothing else.
    private struct RepeatTree {
        var count: (min: Int, max: Int)?
        var children: [RepeatTree]
    }

    private struct Atom {
        var text: String
        // Set when the text is not a single ICU atom for a quantifier: ICU
        // rejects `\A*` and `x{2}{3}`, which Go accepts as `^*` and `x{2}(?i){3}`.
        var needsGroup: Bool
        // Lower bounds of Go's parse-tree height and compiled size: exceeding
        // Go's limits with a lower bound means Go certainly rejects the pattern.
        var height: Int
        var size: Int64
        var repeats: RepeatTree?
        // Parenthesis nesting of the ICU text, which ICU caps below Go's limit.
        var icuDepth: Int

        static func leaf(_ text: String, needsGroup: Bool = false) -> Atom {
            var depth = 0
            var deepest = 0
            for c in text.utf8 {
                if c == UInt8(ascii: "(") { depth += 1; deepest = max(deepest, depth) }
                if c == UInt8(ascii: ")") { depth -= 1 }
            }
            return Atom(text: text, needsGroup: needsGroup, height: 1, size: 1, repeats: nil, icuDepth: deepest)
        }
    }

    private struct Frame {
        enum Kind { case top, capture, group }
        let kind: Kind
        let openOffset: Int
        let savedFlags: Flags
        var branches: [[Atom]] = []
        var current: [Atom] = []
    }

    private static let maxRepeat = 1000
    private static let maxHeight = 1000
    private static let maxSize: Int64 = (128 << 20) / 40
    // ICU refuses patterns whose groups nest 100 deep.
    private static let maxICUDepth = 99
    private static let anyChar = "[\\x{0}-\\x{10FFFF}]"
    private static let wordClass = "[0-9A-Za-z_]"

    private let s: [Unicode.Scalar]
    private var i = 0
    private var flags = Flags()
    private var frames: [Frame]
    private var lastRepeatStart: Int?
    // Reported only if Go itself accepts the pattern, so Go's own errors win.
    private var icuLimitError: GoSyntaxError?

    private init(_ pattern: String) {
        s = Array(pattern.unicodeScalars)
        frames = [Frame(kind: .top, openOffset: 0, savedFlags: Flags())]
    }

    static func translate(_ pattern: String) throws(GoSyntaxError) -> String {
        var translator = GoRegexTranslator(pattern)
        return try translator.run()
    }

    private mutating func run() throws(GoSyntaxError) -> String {
        while i < s.count {
            var repeatStart: Int?
            switch s[i] {
            case "(":
                if i + 1 < s.count, s[i + 1] == "?" {
                    try parsePerlFlags()
                } else {
                    frames.append(Frame(kind: .capture, openOffset: i, savedFlags: flags))
                    i += 1
                }
            case "|":
                frames[frames.count - 1].branches.append(frames[frames.count - 1].current)
                frames[frames.count - 1].current = []
                i += 1
            case ")":
                try closeGroup()
                i += 1
            case "^":
                push(.leaf(flags.multiLine ? "(?:\\A|(?<=\\x{A}))" : "\\A", needsGroup: true))
                i += 1
            case "$":
                push(.leaf(flags.multiLine ? "(?=\\x{A}|\\z)" : "\\z", needsGroup: true))
                i += 1
            case ".":
                push(.leaf(flags.dotNL ? Self.anyChar : "[^\\x{A}]"))
                i += 1
            case "[":
                try parseClass()
            case "*", "+", "?":
                let start = i
                repeatStart = start
                i += 1
                try applyRepeat(op: String(s[start]), min: 0, max: 0, counted: false, start: start)
            case "{":
                if let braces = parseRepeatBraces() {
                    let (min, max, end) = braces
                    repeatStart = i
                    let start = i
                    if min < 0 || min > Self.maxRepeat || max > Self.maxRepeat || (max >= 0 && min > max) {
                        throw GoSyntaxError(problem: "invalid repeat count \(text(start, end))", scalarOffset: start)
                    }
                    i = end
                    let op = max == min ? "{\(min)}" : max < 0 ? "{\(min),}" : "{\(min),\(max)}"
                    try applyRepeat(op: op, min: min, max: max, counted: true, start: start)
                } else {
                    push(literalAtom(0x7B))
                    i += 1
                }
            case "\\":
                try parseBackslash()
            default:
                push(literalAtom(s[i].value))
                i += 1
            }
            lastRepeatStart = repeatStart
        }
        if frames.count > 1 {
            throw GoSyntaxError(problem: "missing closing )", scalarOffset: frames[frames.count - 1].openOffset)
        }
        let content = Self.content(of: frames[0])
        try checkLimits(content)
        if let icuLimitError { throw icuLimitError }
        // ICU refuses an empty pattern; Go's empty pattern matches everywhere.
        return content.text.isEmpty ? "(?:)" : content.text
    }

    // MARK: - Atoms and groups

    private mutating func push(_ atom: Atom) {
        frames[frames.count - 1].current.append(atom)
    }

    private static func content(of frame: Frame) -> Atom {
        let branches = frame.branches + [frame.current]
        var branchTexts: [String] = []
        var height = 1
        var size: Int64 = 1
        var repeats: [RepeatTree] = []
        var icuDepth = 0
        for branch in branches {
            icuDepth = max(icuDepth, branch.map(\.icuDepth).max() ?? 0)
            branchTexts.append(branch.map(\.text).joined())
            height = max(height, branch.map(\.height).max() ?? 1)
            size = max(size, branch.reduce(Int64(0)) { $0 + $1.size })
            repeats += branch.compactMap(\.repeats)
        }
        let tree = repeats.isEmpty ? nil : RepeatTree(count: nil, children: repeats)
        return Atom(text: branchTexts.joined(separator: "|"), needsGroup: false,
                    height: height, size: size, repeats: tree, icuDepth: icuDepth)
    }

    private mutating func closeGroup() throws(GoSyntaxError) {
        guard frames.count > 1 else {
            throw GoSyntaxError(problem: "unexpected )", scalarOffset: i)
        }
        let frame = frames.removeLast()
        flags = frame.savedFlags
        var atom = Self.content(of: frame)
        switch frame.kind {
        case .capture:
            // Names are dropped: ICU names are stricter than Go's ([A-Za-z0-9_]+)
            // and only matching is exposed, but group numbering stays Go's.
            atom.text = "(" + atom.text + ")"
            atom.height += 1
            atom.size += 2
        case .group, .top:
            atom.text = "(?:" + atom.text + ")"
        }
        atom.icuDepth += 1
        try checkLimits(atom)
        noteICUDepth(atom, at: frame.openOffset)
        push(atom)
    }

    private mutating func noteICUDepth(_ atom: Atom, at offset: Int) {
        if atom.icuDepth > Self.maxICUDepth, icuLimitError == nil {
            icuLimitError = GoSyntaxError(
                problem: "groups nest more deeply than ICU supports (\(Self.maxICUDepth) levels after translation)",
                scalarOffset: offset)
        }
    }

    private func checkLimits(_ atom: Atom) throws(GoSyntaxError) {
        if atom.height > Self.maxHeight {
            throw GoSyntaxError(problem: "expression nests too deeply", scalarOffset: 0)
        }
        if atom.size > Self.maxSize {
            throw GoSyntaxError(problem: "expression too large", scalarOffset: 0)
        }
    }

    private mutating func applyRepeat(op: String, min: Int, max: Int, counted: Bool, start: Int) throws(GoSyntaxError) {
        var nonGreedy = flags.ungreedy
        if i < s.count, s[i] == "?" {
            i += 1
            nonGreedy.toggle()
        }
        if let previous = lastRepeatStart {
            var problem = "invalid nested repetition operator \(text(previous, i))"
            if op == "+" { problem += " (possessive quantifiers are not supported in RE2 syntax)" }
            throw GoSyntaxError(problem: problem, scalarOffset: previous)
        }
        guard var atom = frames[frames.count - 1].current.popLast() else {
            throw GoSyntaxError(problem: "missing argument to repetition operator \(text(start, i))", scalarOffset: start)
        }
        if atom.needsGroup {
            atom.text = "(?:" + atom.text + ")"
            atom.icuDepth += 1
        }
        atom.text += op + (nonGreedy ? "?" : "")
        atom.needsGroup = true
        atom.height += 1
        let sub = atom.size
        if counted {
            atom.size = max == -1 ? (min == 0 ? 2 + sub : 1 + Int64(min) * sub)
                : Int64(max) * sub + Int64(max - min)
            atom.size = Swift.max(1, atom.size)
            atom.repeats = RepeatTree(count: (min, max), children: atom.repeats.map { [$0] } ?? [])
        } else {
            atom.size = (op == "*" ? 2 : 1) + sub
        }
        try checkLimits(atom)
        noteICUDepth(atom, at: start)
        if counted, min >= 2 || max >= 2, !Self.repeatIsValid(atom.repeats!, Self.maxRepeat) {
            throw GoSyntaxError(problem: "invalid repeat count \(text(start, i))", scalarOffset: start)
        }
        push(atom)
    }

    // Go's repeatIsValid: the product of nested counted repetitions must not exceed 1000.
    private static func repeatIsValid(_ tree: RepeatTree, _ limit: Int) -> Bool {
        var n = limit
        if let count = tree.count {
            var m = count.max
            if m == 0 { return true }
            if m < 0 { m = count.min }
            if m > n { return false }
            if m > 0 { n /= m }
        }
        return tree.children.allSatisfy { repeatIsValid($0, n) }
    }

    // Returns nil when the braces are not a repetition; Go then treats `{` as a
    // literal. Too-large numbers yield a negative minimum, as in Go.
    private func parseRepeatBraces() -> (min: Int, max: Int, end: Int)? {
        var j = i + 1
        guard var min = parseInt(&j), j < s.count else { return nil }
        var max = min
        if s[j] == "," {
            j += 1
            guard j < s.count else { return nil }
            if s[j] == "}" {
                max = -1
            } else {
                guard let parsed = parseInt(&j) else { return nil }
                max = parsed
                if max < 0 { min = -1 }
            }
        }
        guard j < s.count, s[j] == "}" else { return nil }
        return (min, max, j + 1)
    }

    // Go's parseInt: no leading zeros; values of 1e8 or more become -1.
    private func parseInt(_ j: inout Int) -> Int? {
        guard j < s.count, isDigit(s[j]) else { return nil }
        if j + 1 < s.count, s[j] == "0", isDigit(s[j + 1]) { return nil }
        var n = 0
        while j < s.count, isDigit(s[j]) {
            if n >= 0 { n = n >= 100_000_000 ? -1 : n * 10 + Int(s[j].value - 48) }
            j += 1
        }
        return n
    }

    // MARK: - Flag groups and named captures

    private mutating func parsePerlFlags() throws(GoSyntaxError) {
        let start = i
        let rest = s.count - i
        if rest > 3, s[i + 2] == "<", s[i + 3] == "=" || s[i + 3] == "!" {
            let kind = s[i + 3] == "=" ? "lookbehind (?<=" : "negative lookbehind (?<!"
            throw GoSyntaxError(problem: "\(kind) is not supported in RE2 syntax", scalarOffset: start)
        }
        let startsWithP = rest > 4 && s[i + 2] == "P" && s[i + 3] == "<"
        if startsWithP || (rest > 3 && s[i + 2] == "<") {
            let nameStart = i + (startsWithP ? 4 : 3)
            guard let end = s[i...].firstIndex(of: ">") else {
                throw GoSyntaxError(problem: "invalid named capture \(text(start, s.count))", scalarOffset: start)
            }
            let name = s[nameStart..<end]
            if name.isEmpty || !name.allSatisfy({ isASCIIAlnum($0) || $0 == "_" }) {
                throw GoSyntaxError(problem: "invalid named capture \(text(start, end + 1))", scalarOffset: start)
            }
            frames.append(Frame(kind: .capture, openOffset: start, savedFlags: flags))
            i = end + 1
            return
        }

        var j = i + 2
        var newFlags = flags
        var negate = false
        var sawFlag = false
        while j < s.count {
            let c = s[j]
            j += 1
            switch c {
            case "i", "m", "s", "U":
                let value = !negate
                switch c {
                case "i": newFlags.foldCase = value
                case "m": newFlags.multiLine = value
                case "s": newFlags.dotNL = value
                default: newFlags.ungreedy = value
                }
                sawFlag = true
                continue
            case "-" where !negate:
                negate = true
                sawFlag = false
                continue
            case ":", ")":
                if negate && !sawFlag { break }
                if c == ":" {
                    frames.append(Frame(kind: .group, openOffset: start, savedFlags: flags))
                }
                flags = newFlags
                i = j
                return
            default:
                if j == start + 3, let kind = Self.unsupportedGroups[c] {
                    throw GoSyntaxError(problem: "\(kind) is not supported in RE2 syntax", scalarOffset: start)
                }
                if c.properties.isAlphabetic, c.isASCII, c != "P" {
                    throw GoSyntaxError(problem: "unknown flag \(c) in \(text(start, j))", scalarOffset: start)
                }
            }
            break
        }
        throw GoSyntaxError(problem: "invalid or unsupported Perl syntax \(text(start, j))", scalarOffset: start)
    }

    // Go reports these as generic Perl-syntax errors; naming them tells the
    // config author what to rewrite.
    private static let unsupportedGroups: [Unicode.Scalar: String] = [
        "=": "lookahead (?=", "!": "negative lookahead (?!",
        ">": "atomic group (?>", "#": "comment group (?#",
    ]

    // MARK: - Escapes

    private mutating func parseBackslash() throws(GoSyntaxError) {
        let start = i
        if i + 1 < s.count {
            switch s[i + 1] {
            case "A":
                i += 2
                return push(.leaf("\\A", needsGroup: true))
            case "z":
                i += 2
                return push(.leaf("\\z", needsGroup: true))
            case "b", "B":
                let w = Self.wordClass
                let text = s[i + 1] == "b"
                    ? "(?:(?<=\(w))(?!\(w))|(?<!\(w))(?=\(w)))"
                    : "(?:(?<=\(w))(?=\(w))|(?<!\(w))(?!\(w)))"
                i += 2
                return push(.leaf(text, needsGroup: true))
            case "C":
                throw GoSyntaxError(problem: "invalid escape sequence \\C", scalarOffset: start)
            case "Q":
                // Each quoted character is its own literal, so `\Qab\E*` repeats only `b`.
                var j = i + 2
                while j < s.count, !(s[j] == "\\" && j + 1 < s.count && s[j + 1] == "E") {
                    push(literalAtom(s[j].value))
                    j += 1
                }
                i = min(j + 2, s.count)
                return
            default:
                break
            }
        }
        if let item = try parseUnicodeClass() ?? parsePerlClass() {
            return push(classAtom(items: [item], negated: false))
        }
        push(literalAtom(try parseEscape()))
    }

    // Returns a code point, not a Unicode.Scalar: Go accepts surrogates such as
    // `\x{D800}`, which can never match valid text.
    private mutating func parseEscape() throws(GoSyntaxError) -> UInt32 {
        let start = i
        i += 1
        guard i < s.count else {
            throw GoSyntaxError(problem: "trailing backslash at end of expression", scalarOffset: start)
        }
        let c = s[i]
        i += 1
        switch c {
        case "0"..."7":
            // A lone \1-\7 would be a backreference, which RE2 does not support.
            if c != "0", !(i < s.count && isOctal(s[i])) { break }
            var value = c.value - 48
            var digits = 1
            while digits < 3, i < s.count, isOctal(s[i]) {
                value = value * 8 + s[i].value - 48
                digits += 1
                i += 1
            }
            return value
        case "x":
            if let value = parseHexEscape() { return value }
        case "a": return 0x07
        case "f": return 0x0C
        case "n": return 0x0A
        case "r": return 0x0D
        case "t": return 0x09
        case "v": return 0x0B
        default:
            if c.isASCII && !isASCIIAlnum(c) { return c.value }
        }
        throw GoSyntaxError(problem: "invalid escape sequence \(text(start, i))", scalarOffset: start)
    }

    // Parses the rest of `\x..`; on failure `i` is left where Go stops reading.
    private mutating func parseHexEscape() -> UInt32? {
        guard i < s.count else { return nil }
        let first = s[i]
        i += 1
        if first == "{" {
            var value: UInt32 = 0
            var digits = 0
            while i < s.count {
                let c = s[i]
                i += 1
                if c == "}" { return digits == 0 ? nil : value }
                guard let digit = hexValue(c) else { return nil }
                value = value * 16 + digit
                if value > 0x10FFFF { return nil }
                digits += 1
            }
            return nil
        }
        guard i < s.count else { return nil }
        let second = s[i]
        i += 1
        guard let high = hexValue(first), let low = hexValue(second) else { return nil }
        return high * 16 + low
    }

    // MARK: - Character classes

    private enum ClassItem {
        case range(UInt32, UInt32)
        case ranges([(UInt32, UInt32)], negated: Bool)
        case property(String, negated: Bool)
    }

    private mutating func parseClass() throws(GoSyntaxError) {
        let start = i
        i += 1
        var negated = false
        if i < s.count, s[i] == "^" {
            negated = true
            i += 1
        }
        var items: [ClassItem] = []
        var first = true
        while i >= s.count || s[i] != "]" || first {
            first = false
            if s.count - i > 2, s[i] == "[", s[i + 1] == ":", let item = try parsePOSIXClass() {
                items.append(item)
                continue
            }
            if let item = try parseUnicodeClass() ?? parsePerlClass() {
                items.append(item)
                continue
            }
            let rangeStart = i
            let lo = try parseClassChar(classStart: start)
            var hi = lo
            if s.count - i >= 2, s[i] == "-", s[i + 1] != "]" {
                i += 1
                hi = try parseClassChar(classStart: start)
                if hi < lo {
                    throw GoSyntaxError(problem: "invalid character class range \(text(rangeStart, i))",
                                        scalarOffset: rangeStart)
                }
            }
            items.append(.range(lo, hi))
        }
        i += 1
        push(classAtom(items: items, negated: negated))
    }

    private mutating func parseClassChar(classStart: Int) throws(GoSyntaxError) -> UInt32 {
        guard i < s.count else {
            throw GoSyntaxError(problem: "missing closing ]", scalarOffset: classStart)
        }
        if s[i] == "\\" { return try parseEscape() }
        defer { i += 1 }
        return s[i].value
    }

    private static let posixClasses: [String: [(UInt32, UInt32)]] = [
        "alnum": [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)],
        "alpha": [(0x41, 0x5A), (0x61, 0x7A)],
        "ascii": [(0x00, 0x7F)],
        "blank": [(0x09, 0x09), (0x20, 0x20)],
        "cntrl": [(0x00, 0x1F), (0x7F, 0x7F)],
        "digit": [(0x30, 0x39)],
        "graph": [(0x21, 0x7E)],
        "lower": [(0x61, 0x7A)],
        "print": [(0x20, 0x7E)],
        "punct": [(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)],
        "space": [(0x09, 0x0D), (0x20, 0x20)],
        "upper": [(0x41, 0x5A)],
        "word": [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0x5F, 0x5F)],
        "xdigit": [(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)],
    ]

    private static let perlClasses: [Unicode.Scalar: [(UInt32, UInt32)]] = [
        "d": [(0x30, 0x39)],
        "s": [(0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x20)],
        "w": [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0x5F, 0x5F)],
    ]

    // Like Go, `[:` only starts a POSIX class when a later `:]` exists; the name
    // runs to the first `:]`, even across a `]`.
    private mutating func parsePOSIXClass() throws(GoSyntaxError) -> ClassItem? {
        var j = i + 2
        while j + 1 < s.count, !(s[j] == ":" && s[j + 1] == "]") { j += 1 }
        guard j + 1 < s.count else { return nil }
        let inner = text(i + 2, j)
        let negated = inner.hasPrefix("^")
        guard let ranges = Self.posixClasses[negated ? String(inner.dropFirst()) : inner] else {
            throw GoSyntaxError(problem: "unknown POSIX character class \(text(i, j + 2))", scalarOffset: i)
        }
        i = j + 2
        return .ranges(ranges, negated: negated)
    }

    private mutating func parsePerlClass() -> ClassItem? {
        guard i + 1 < s.count, s[i] == "\\", s[i + 1].isASCII else { return nil }
        let c = s[i + 1]
        let lower = Unicode.Scalar(c.value | 0x20)!
        guard let ranges = Self.perlClasses[lower] else { return nil }
        i += 2
        return .ranges(ranges, negated: c != lower)
    }

    private mutating func parseUnicodeClass() throws(GoSyntaxError) -> ClassItem? {
        guard i + 1 < s.count, s[i] == "\\", s[i + 1] == "p" || s[i + 1] == "P" else { return nil }
        let start = i
        var negated = s[i + 1] == "P"
        var name: String
        var end: Int
        if i + 2 < s.count, s[i + 2] == "{" {
            guard let close = s[i...].firstIndex(of: "}") else {
                throw GoSyntaxError(problem: "missing closing } in \(text(start, s.count))", scalarOffset: start)
            }
            name = text(i + 3, close)
            end = close + 1
        } else {
            end = min(i + 3, s.count)
            name = text(i + 2, end)
        }
        if name.hasPrefix("^") {
            negated.toggle()
            name.removeFirst()
        }
        guard let property = GoUnicodeClasses.icuProperty(forGoName: name) else {
            throw GoSyntaxError(problem: "unknown Unicode class \(text(start, end))", scalarOffset: start)
        }
        i = end
        switch property {
        case .ranges(let ranges):
            return .ranges(ranges, negated: negated)
        case .property(let icu, let inverted):
            return .property(icu, negated: negated != inverted)
        }
    }

    // MARK: - Emission

    private func literalAtom(_ c: UInt32) -> Atom {
        guard let scalar = Unicode.Scalar(c) else { return .leaf("[^\\x{0}-\\x{10FFFF}]") }
        guard flags.foldCase, !scalar.isASCII || scalar.properties.isAlphabetic else {
            return .leaf(Self.escape(c))
        }
        if scalar.isASCII { return .leaf("(?i:\(scalar))") }
        return Self.foldedMembership(set: Self.escape(c), ascii: false)
    }

    private func classAtom(items: [ClassItem], negated: Bool) -> Atom {
        var items = items
        var negated = negated
        // A lone negated item (`\W`, `\PL`) becomes a negated class: one ICU set,
        // with no membership guard needed under (?i).
        if items.count == 1, let flipped = Self.flipped(items[0]) {
            items = [flipped]
            negated.toggle()
        }
        let body = items.map(Self.setText).joined()
        guard flags.foldCase else {
            return .leaf("[" + (negated ? "^" : "") + body + "]")
        }
        if negated { return .leaf("(?i:[^" + body + "])") }
        let ascii = items.allSatisfy {
            switch $0 {
            case .range(_, let hi): return hi < 0x80
            case .ranges(let ranges, negated: false): return ranges.allSatisfy { $0.1 < 0x80 }
            default: return false
            }
        }
        return Self.foldedMembership(set: body, ascii: ascii)
    }

    // ICU closes case-insensitive sets over full case folding, so `(?i:[ß])`
    // or `(?i:[ﬀ])` can also match a two-character string. Go folds single
    // characters only. The complement of a closed set holds no strings, so
    // "not in the complement" tests exactly one character; ASCII needs no guard.
    // The guarded form is two ICU atoms, so a quantifier needs a group around it.
    private static func foldedMembership(set body: String, ascii: Bool) -> Atom {
        ascii ? .leaf("(?i:[" + body + "])")
            : .leaf("(?!(?i:[^" + body + "]))" + anyChar, needsGroup: true)
    }

    private static func flipped(_ item: ClassItem) -> ClassItem? {
        switch item {
        case .ranges(let ranges, negated: true): return .ranges(ranges, negated: false)
        case .property(let name, negated: true): return .property(name, negated: false)
        default: return nil
        }
    }

    private static func setText(_ item: ClassItem) -> String {
        switch item {
        case .range(let lo, let hi):
            return lo == hi ? escape(lo) : escape(lo) + "-" + escape(hi)
        case .ranges(let ranges, let negated):
            let body = ranges.map { lo, hi in lo == hi ? escape(lo) : escape(lo) + "-" + escape(hi) }.joined()
            return negated ? "[^" + body + "]" : body
        case .property(let name, let negated):
            return (negated ? "\\P{" : "\\p{") + name + "}"
        }
    }

    private static func escape(_ c: UInt32) -> String {
        if let scalar = Unicode.Scalar(c), isASCIIAlnum(scalar) { return String(scalar) }
        return "\\x{" + String(c, radix: 16, uppercase: true) + "}"
    }

    private func text(_ from: Int, _ to: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: s[from..<min(to, s.count)])
        return String(view)
    }
}

private func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
private func isOctal(_ c: Unicode.Scalar) -> Bool { ("0"..."7").contains(c) }
private func isASCIIAlnum(_ c: Unicode.Scalar) -> Bool {
    ("0"..."9").contains(c) || ("A"..."Z").contains(c) || ("a"..."z").contains(c)
}
private func hexValue(_ c: Unicode.Scalar) -> UInt32? {
    switch c {
    case "0"..."9": return c.value - 48
    case "a"..."f": return c.value - 87
    case "A"..."F": return c.value - 55
    default: return nil
    }
}

// Go resolves `\p{Name}` against unicode.Categories, unicode.Scripts and the
// general-category aliases, after canonicalising the name (Go 1.25+: case,
// `_`, `-` and spaces do not matter). The ICU spelling is explicit (`gc=`/`sc=`)
// so a script name can never be mistaken for a binary property.
