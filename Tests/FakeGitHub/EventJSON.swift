/// Issue event objects in the shape of GitHub's REST docs ("List issue events").
///
/// `encodeCore` leaves the object open: the repository-wide list appends `,"issue":{...}}`
/// (the current JSON, cached separately because it changes more often than the
/// event), the per-issue list just closes it.
enum EventJSON {
    static func encodeCore(_ event: FakeEvent, context: RepoContext, users: inout UserCache) -> [UInt8] {
        var out = JSONBytes(capacity: 1400)
        out.raw("{")
        out.field("id", event.id)
        out.field("node_id", event.nodeID)
        out.field("url", "\(context.apiRepo)/issues/events/\(event.id)")
        out.key("actor")
        out.raw(users.json(event.actor))
        out.comma()
        out.field("event", event.event)
        out.raw("\"commit_id\":null,\"commit_url\":null,")
        out.timeField("created_at", event.createdAt)
        switch event.event {
        case "labeled", "unlabeled":
            let name = event.label ?? ""
            out.key("label")
            out.raw("{")
            out.field("name", name)
            out.field("color", LabelJSON.color(name), last: true)
            out.raw("},")
        case "assigned", "unassigned":
            out.key("assignee")
            if let login = event.assignee { out.raw(users.json(login: login)) } else { out.null() }
            out.comma()
            out.key("assigner")
            out.raw(users.json(event.actor))
            out.comma()
        default:
            break
        }
        out.raw("\"performed_via_github_app\":null")
        return out.bytes
    }
}
