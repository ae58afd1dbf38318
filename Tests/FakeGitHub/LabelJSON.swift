/// Label objects with the fixtures' keys (`id`, `node_id`, `url`, `name`, `color`, `default`,
/// `description`). Ids and colours are derived from the name so they are stable across runs.
enum LabelJSON {
    static func id(repoID: Int64, name: String) -> Int64 {
        4_000_000_000 + Int64(FNV1a.hash(Array("\(repoID)/\(name)".utf8)) % 1_000_000_000)
    }

    /// Six hex digits, as GitHub writes colours.
    static func color(_ name: String) -> String {
        let text = String(FNV1a.hash(Array(name.utf8)) & 0xFF_FFFF, radix: 16)
        return String(repeating: "0", count: 6 - text.count) + text
    }

    static func encode(_ name: String, into out: inout JSONBytes, context: RepoContext) {
        let id = id(repoID: context.repoID, name: name)
        out.raw("{")
        out.field("id", id)
        out.field("node_id", NodeID.make("Label", id))
        out.field("url", "\(context.apiRepo)/labels/\(QueryString.encode(name))")
        out.field("name", name)
        out.field("color", color(name))
        out.key("default")
        out.bool(false)
        out.comma()
        out.key("description")
        out.null()
        out.raw("}")
    }
}
