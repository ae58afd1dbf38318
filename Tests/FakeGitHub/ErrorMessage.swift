/// GitHub's error bodies: `{"message":..., [extra keys,] "documentation_url":...}` with the
/// messages GitHub really sends, since clients (and people) match on them.
struct ErrorMessage {
    var message: String
    /// Keys between `message` and `documentation_url`, already encoded (value JSON).
    var extra: [(key: String, json: String)] = []
    var documentationURL: String?

    var json: [UInt8] {
        var out = JSONBytes(capacity: 256)
        out.raw("{")
        out.key("message")
        out.string(message)
        for item in extra {
            out.comma()
            out.key(item.key)
            out.raw(item.json)
        }
        if let documentationURL {
            out.comma()
            out.key("documentation_url")
            out.string(documentationURL)
        }
        out.raw("}")
        return out.bytes
    }

    static let notFound = ErrorMessage(message: "Not Found", documentationURL: "https://docs.github.com/rest")

    static let badCredentials = ErrorMessage(
        message: "Bad credentials", documentationURL: "https://docs.github.com/rest")

    static let requiresAuthentication = ErrorMessage(
        message: "Requires authentication",
        documentationURL: "https://docs.github.com/rest/users/users#get-the-authenticated-user")

    static let userAgentRequired = ErrorMessage(
        message: "Request forbidden by administrative rules. Please make sure your request has a "
            + "User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). "
            + "Check https://developer.github.com for other possible causes.")

    /// Primary rate limit. GitHub names the user id, or the address for anonymous clients.
    static func primaryRateLimit(userID: Int64?) -> ErrorMessage {
        let who =
            userID.map { "for user ID \($0)." }
            ?? "for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)"
        return ErrorMessage(
            message: "API rate limit exceeded \(who)",
            documentationURL: "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting")
    }

    static func secondaryRateLimit(requestID: String) -> ErrorMessage {
        ErrorMessage(
            message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
                + "If you reach out to GitHub Support for help, please include the request ID \(requestID).",
            documentationURL:
                "https://docs.github.com/free-pro-team@latest/rest/overview/resources-in-the-rest-api#secondary-rate-limits")
    }

    static let deepPage = ErrorMessage(
        message: "Pagination with the page parameter is not supported for large datasets, please use cursor based pagination",
        documentationURL: "https://docs.github.com/rest/guides/using-pagination-in-the-rest-api")

    static let eventsPageLimit = ErrorMessage(
        message: "In order to keep the API fast for everyone, pagination is limited for this resource. "
            + "Check the rel=last link relation in the Link response header to see how far back you can traverse.",
        documentationURL: "https://docs.github.com/v3/#pagination")

    static let commentListLimit = ErrorMessage(
        message: "In order to keep the API fast for everyone, pagination is limited for this resource. "
            + "Use the since parameter to narrow the results.",
        documentationURL: "https://docs.github.com/rest/guides/using-pagination-in-the-rest-api")

    /// 422 "Validation Failed" naming the bad parameter, as in the `errors` fixture.
    static func invalid(resource: String, field: String) -> ErrorMessage {
        ErrorMessage(
            message: "Validation Failed",
            extra: [(key: "errors", json: "[{\"resource\":\"\(resource)\",\"code\":\"invalid\",\"field\":\"\(field)\"}]")],
            documentationURL: "https://docs.github.com/rest")
    }

    /// The 301 body of a renamed repository, as in the `rename-repository` fixture.
    static func moved(to url: String) -> ErrorMessage {
        var url_ = JSONBytes()
        url_.string(url)
        return ErrorMessage(
            message: "Moved Permanently", extra: [(key: "url", json: String(decoding: url_.bytes, as: UTF8.self))],
            documentationURL: "https://docs.github.com/v3/#http-redirects")
    }
}
