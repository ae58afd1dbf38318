/// Encoded user objects by user: the same few accounts appear in thousands of items, and a
/// user object is about 1 KB of JSON, so each is encoded once per repository.
struct UserCache {
    let api: String
    private var encoded: [FakeUser: [UInt8]] = [:]

    init(api: String) {
        self.api = api
    }

    /// The user object, or `null` for a `.null` actor.
    mutating func json(_ actor: FakeActor) -> [UInt8] {
        guard case .user(let user) = actor else { return Array("null".utf8) }
        if let bytes = encoded[user] { return bytes }
        let bytes = UserJSON.encode(user, api: api)
        encoded[user] = bytes
        return bytes
    }

    mutating func json(login: String) -> [UInt8] {
        json(.user(FakeUser(login)))
    }
}
