/// A served repository and the indexes and JSON derived from it.
struct RepoEntry: Sendable {
    var repository: FakeRepository
    var cache: RepoCache

    /// The cache, replaced first if its URLs no longer fit (base URL or name changed).
    mutating func freshCache(api: String) -> RepoCache {
        if !cache.fits(api: api, repository: repository) {
            cache = RepoCache(api: api, repository: repository)
        }
        return cache
    }
}
