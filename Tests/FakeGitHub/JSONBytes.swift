/// Appends JSON straight into a byte array. The fake builds pages by concatenating cached
/// per-item bytes, so it writes JSON by hand instead of going through `JSONEncoder`
/// (which would also reorder keys and round-trip integers through Double-prone paths).
struct JSONBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func raw(_ other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    /// `"key":`
    mutating func key(_ name: String) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func comma() {
        bytes.append(UInt8(ascii: ","))
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    mutating func int(_ value: Int64) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ value: Bool) {
        raw(value ? "true" : "false")
    }

    mutating func null() {
        raw("null")
    }

    /// `"key":"value",` — the common case in GitHub objects, which list URLs before data.
    mutating func field(_ name: String, _ value: String, last: Bool = false) {
        key(name)
        string(value)
        if !last { comma() }
    }

    mutating func field(_ name: String, _ value: Int64, last: Bool = false) {
        key(name)
        int(value)
        if !last { comma() }
    }

    /// Timestamp as GitHub writes it: "2022-07-19T04:39:16Z", or null.
    mutating func timeField(_ name: String, _ seconds: Int64?, last: Bool = false) {
        key(name)
        if let seconds { string(TimeFormat.iso8601(seconds)) } else { null() }
        if !last { comma() }
    }
}
