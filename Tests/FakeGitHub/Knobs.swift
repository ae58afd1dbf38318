/// The limits real GitHub puts on pagination, made adjustable so tests can reach them with
/// small repositories.
struct Knobs {
    var pageDepthLimit = 100
    var cursorThreshold = 1000
    var commentListLimit = 40_000
    var eventsPageLimit = Int.max
    var listingLag: Int64 = 0
    /// GraphQL queries reaching more nodes than this time out (a 502 after GitHub's 10 s).
    var graphQLTimeoutNodes: Int?
}
