/// The URL prefixes one repository's JSON is built from. API URLs point at the fake's own
/// base (like Link headers do) so that a client following `url` fields stays on the fake;
/// `html_url`s point at github.com as GitHub's do.
struct RepoContext {
    let api: String
    let owner: String
    let name: String
    let repoID: Int64
    /// "<api>/repos/owner/name"
    let apiRepo: String
    /// "https://github.com/owner/name"
    let htmlRepo: String

    init(api: String, repository: FakeRepository) {
        self.api = api
        owner = repository.owner
        name = repository.name
        repoID = repository.id
        apiRepo = "\(api)/repos/\(repository.owner)/\(repository.name)"
        htmlRepo = "https://github.com/\(repository.owner)/\(repository.name)"
    }

    /// GitHub's `author_association`, simplified: the owner is "OWNER", everyone else "NONE".
    func association(_ actor: FakeActor) -> String {
        actor.login?.lowercased() == owner.lowercased() ? "OWNER" : "NONE"
    }
}
