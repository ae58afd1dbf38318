/// A GitHub account as the fake renders it inside issues, events and comments.
///
/// Only `login` and `id` vary; every other key of GitHub's user object
/// (`node_id`, `avatar_url`, the `*_url` templates, `type`, `site_admin`) is derived
/// from them, so the fake's user objects have exactly the fixture's key set.
public struct FakeUser: Sendable, Hashable {
    public var login: String
    public var id: Int64

    /// The placeholder GitHub substitutes for deleted accounts ("ghost", id 10137).
    public static let ghost = FakeUser("ghost", id: 10137)

    /// - Parameter id: defaults to a positive id derived from a stable hash of the login
    ///   (FNV-1a, not `Hasher`, whose seed changes per process), so the same login gets the
    ///   same id in every run and in every repository. The login "ghost" maps to 10137.
    public init(_ login: String, id: Int64? = nil) {
        self.login = login
        if let id {
            self.id = id
        } else if login == "ghost" {
            self.id = 10137
        } else {
            // Keep derived ids well above the ghost's and inside 31 bits like most real accounts.
            self.id = 1_000_000 + Int64(FNV1a.hash(Array(login.utf8)) % 1_000_000_000)
        }
    }
}
