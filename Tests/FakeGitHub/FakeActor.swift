/// Who did something: a user, or JSON `null`.
///
/// GitHub shows a deleted account either as `null` (older records) or as the ghost user
/// (`.user(.ghost)`); clients must cope with both, so the fake can produce both.
public enum FakeActor: Sendable, Hashable {
    case user(FakeUser)
    case null

    /// The ghost user, GitHub's stand-in for deleted accounts.
    public static let ghost = FakeActor.user(.ghost)

    /// The login, or nil for `.null`.
    public var login: String? {
        if case .user(let user) = self { return user.login }
        return nil
    }
}

/// Lets tests write `user: "alice"` (or `"user\(i)"`) for `.user(FakeUser("alice"))`.
extension FakeActor: ExpressibleByStringInterpolation {
    public init(stringLiteral login: String) {
        self = .user(FakeUser(login))
    }
}
