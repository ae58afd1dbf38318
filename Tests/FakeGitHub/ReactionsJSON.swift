/// The `reactions` rollup GitHub puts on issues and comments (all zero in the fake).
enum ReactionsJSON {
    static func encode(url: String, into out: inout JSONBytes) {
        out.key("reactions")
        out.raw("{")
        out.field("url", url)
        out.raw(
            "\"total_count\":0,\"+1\":0,\"-1\":0,\"laugh\":0,\"hooray\":0,\"confused\":0,"
                + "\"heart\":0,\"rocket\":0,\"eyes\":0}")
    }
}
