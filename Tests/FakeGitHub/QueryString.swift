/// A request's query as an ordered list of raw `key=value` pairs.
///
/// Link headers must keep every other parameter as the client sent it (GitHub keeps
/// `per_page=3` in front of the `page=2` it appends), so the raw text of each pair is kept
/// and only the parameter being changed is rewritten.
struct QueryString {
    struct Pair {
        var rawKey: String
        var rawValue: String?
        var key: String { QueryString.decode(rawKey) }
        var value: String? { rawValue.map { QueryString.decode($0) } }
    }

    var pairs: [Pair]

    init(_ raw: Substring?) {
        pairs = []
        guard let raw, !raw.isEmpty else { return }
        for part in raw.split(separator: "&", omittingEmptySubsequences: true) {
            if let eq = part.firstIndex(of: "=") {
                pairs.append(Pair(rawKey: String(part[..<eq]), rawValue: String(part[part.index(after: eq)...])))
            } else {
                pairs.append(Pair(rawKey: String(part), rawValue: nil))
            }
        }
    }

    /// Decoded value of the first pair with this key.
    subscript(_ key: String) -> String? {
        pairs.first { $0.key == key }?.value ?? nil
    }

    /// Replaces the first pair with this key (dropping later ones) or appends one.
    /// `rawValue` must already be percent-encoded.
    func setting(_ key: String, rawValue: String) -> QueryString {
        var copy = self
        if let at = copy.pairs.firstIndex(where: { $0.key == key }) {
            copy.pairs[at].rawValue = rawValue
            var seen = false
            copy.pairs.removeAll { pair in
                guard pair.key == key else { return false }
                defer { seen = true }
                return seen
            }
        } else {
            copy.pairs.append(Pair(rawKey: key, rawValue: rawValue))
        }
        return copy
    }

    func removing(_ key: String) -> QueryString {
        var copy = self
        copy.pairs.removeAll { $0.key == key }
        return copy
    }

    var text: String {
        pairs.map { pair in pair.rawValue.map { "\(pair.rawKey)=\($0)" } ?? pair.rawKey }
            .joined(separator: "&")
    }

    /// Form decoding: "+" is a space (unless `plusIsSpace` is false, as in paths), then %XX
    /// escapes (invalid escapes are kept as text).
    static func decode(_ text: String, plusIsSpace: Bool = true) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") })
        else { return text }
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "+"), plusIsSpace {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), i + 2 < bytes.count,
                let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2])
            {
                out.append(high << 4 | low)
                i += 2
            } else {
                out.append(byte)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
