/// One recorded request/answer of the octokit fixtures.
struct Exchange {
    var method: String
    var path: String
    var status: Int
    var response: Any
    var headers: [(name: String, value: String)]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
