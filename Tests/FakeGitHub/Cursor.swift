import Foundation

/// An opaque `after=` cursor: base64 of the list kind and the sort key of the last item
/// served. Encoding the key (not an offset) keeps the next page stable when items are added
/// or move while a client pages. The kind stops a cursor from one list being used on another.
struct Cursor: Equatable {
    var kind: String
    var primary: Int64
    var tie: Int64

    var encoded: String {
        Data("v1:\(kind):\(primary):\(tie)".utf8).base64EncodedString()
    }

    init(kind: String, primary: Int64, tie: Int64) {
        self.kind = kind
        self.primary = primary
        self.tie = tie
    }

    /// nil when the text is not a cursor of this kind.
    init?(decoding text: String, kind: String) {
        guard let data = Data(base64Encoded: text), let plain = String(data: data, encoding: .utf8)
        else { return nil }
        let parts = plain.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "v1", String(parts[1]) == kind,
            let primary = Int64(parts[2]), let tie = Int64(parts[3])
        else { return nil }
        self.init(kind: kind, primary: primary, tie: tie)
    }
}
