/// A finished error answer carried through `Result` while parsing list parameters.
struct RouteFailure: Error {
    let result: RouteResult

    init(_ result: RouteResult) {
        self.result = result
    }
}
