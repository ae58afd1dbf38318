/// GitHub's simple user object, with exactly the keys of the fixtures' `user` objects.
enum UserJSON {
    static func encode(_ user: FakeUser, api: String) -> [UInt8] {
        var out = JSONBytes(capacity: 1100)
        let login = user.login
        let apiUser = "\(api)/users/\(login)"
        out.raw("{")
        out.field("login", login)
        out.field("id", user.id)
        out.field("node_id", NodeID.make("User", user.id))
        out.field("avatar_url", "https://avatars.githubusercontent.com/u/\(user.id)?v=4")
        out.field("gravatar_id", "")
        out.field("url", apiUser)
        out.field("html_url", "https://github.com/\(login)")
        out.field("followers_url", "\(apiUser)/followers")
        out.field("following_url", "\(apiUser)/following{/other_user}")
        out.field("gists_url", "\(apiUser)/gists{/gist_id}")
        out.field("starred_url", "\(apiUser)/starred{/owner}{/repo}")
        out.field("subscriptions_url", "\(apiUser)/subscriptions")
        out.field("organizations_url", "\(apiUser)/orgs")
        out.field("repos_url", "\(apiUser)/repos")
        out.field("events_url", "\(apiUser)/events{/privacy}")
        out.field("received_events_url", "\(apiUser)/received_events")
        out.field("type", "User")
        out.key("site_admin")
        out.bool(false)
        out.raw("}")
        return out.bytes
    }

    /// `GET /user`: the simple object plus the profile fields GitHub adds there.
    static func encodeProfile(_ user: FakeUser, api: String) -> [UInt8] {
        var out = JSONBytes(capacity: 1500)
        var simple = encode(user, api: api)
        simple.removeLast()  // reopen the object
        out.raw(simple)
        out.raw(
            ",\"name\":null,\"company\":null,\"blog\":\"\",\"location\":null,\"email\":null,"
                + "\"hireable\":null,\"bio\":null,\"twitter_username\":null,\"public_repos\":0,"
                + "\"public_gists\":0,\"followers\":0,\"following\":0,")
        out.field("created_at", "2017-09-12T00:00:00Z")
        out.field("updated_at", "2022-07-19T00:00:00Z", last: true)
        out.raw("}")
        return out.bytes
    }
}
