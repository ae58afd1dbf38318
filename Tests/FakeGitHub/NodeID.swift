import Foundation

/// GitHub's legacy global node ids: base64 of "0<type length>:<Type><id>", e.g. the user
/// 31898046 is "MDQ6VXNlcjMxODk4MDQ2" (as in the fixtures). Deterministic, so ETags are too.
enum NodeID {
    static func make(_ type: String, _ id: Int64) -> String {
        Data("0\(type.utf8.count):\(type)\(id)".utf8).base64EncodedString()
    }
}
