import Foundation

/// InfluxDB line protocol: `measurement,repository=a/b event=1i,author="bob" 1500000000000000001`.
///
/// Escaping follows InfluxDB's rules: commas and spaces in measurements; commas, equals signs and
/// spaces in tag keys, tag values and field keys; double quotes and backslashes in string fields.
/// Line protocol cannot carry a newline in any value, so newlines (and carriage returns) are
/// written as the two characters `\n` (`\r`).
package enum LineProtocol {
    package static func line(_ point: MetricPoint) -> String {
        var line = ""
        append(point, to: &line)
        return line
    }

    package static func lines(_ points: [MetricPoint]) -> String {
        var text = ""
        text.reserveCapacity(points.count * 96)
        for point in points {
            append(point, to: &text)
            text += "\n"
        }
        return text
    }

    private static func append(_ point: MetricPoint, to line: inout String) {
        line += escape(point.measurement, special: ", ")
        for tag in point.tags {
            line += ","
            line += escape(tag.name, special: ",= ")
            line += "="
            line += escape(tag.value, special: ",= ")
        }
        line += " "
        var first = true
        for field in point.fields {
            if !first { line += "," }
            first = false
            line += escape(field.name, special: ",= ")
            line += "="
            switch field.value {
            case .integer(let number):
                line += String(number)
                line += "i"
            case .string(let text): line += quote(text)
            }
        }
        line += " "
        line += String(point.time)
    }

    /// Names rarely hold anything to escape: check their bytes first, and copy them whole.
    private static func needsEscaping(_ text: String, _ special: String) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || special.utf8.contains($0) }
    }

    static func escape(_ text: String, special: String) -> String {
        guard needsEscaping(text, special) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for character in text {
            switch character {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\r\n": out += "\\r\\n"
            case _ where special.contains(character): out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }

    static func quote(_ text: String) -> String {
        guard needsEscaping(text, "") else { return "\"" + text + "\"" }
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\r\n": out += "\\r\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
