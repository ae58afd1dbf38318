/// An injected fault waiting for matching requests.
struct FaultRule {
    var fault: Fault
    var remaining: Int
    var matches: @Sendable (String) -> Bool
}
