import Foundation

/// How `dashboards --grafana-url` signs in: a service-account token, or a user and password.
package enum GrafanaCredentials: Sendable {
    case token(Secret)
    case basic(user: String, password: Secret)

    var header: String {
        switch self {
        case .token(let token): "Bearer \(token.value)"
        case .basic(let user, let password): "Basic " + Data("\(user):\(password.value)".utf8).base64EncodedString()
        }
    }

    /// Where the credentials came from, for errors: never their value.
    var origin: String {
        switch self {
        case .token(let token): token.origin
        case .basic(let user, let password): "user \(user) with the password from \(password.origin)"
        }
    }
}

extension GrafanaCredentials {
    /// From `--grafana-user` with `--grafana-password-file` or GRAFANA_PASSWORD, else
    /// `--grafana-token-file` or GRAFANA_TOKEN.
    package init(parsed: ParsedArguments, environment: [String: String]) throws {
        if let user = parsed.value("grafana-user") {
            guard let password = try parsed.secret(file: "grafana-password-file", environmentVariable: "GRAFANA_PASSWORD", environment: environment) else {
                throw UsageError("--grafana-user needs a password: --grafana-password-file PATH, or GRAFANA_PASSWORD")
            }
            self = .basic(user: user, password: password)
            return
        }
        guard let token = try parsed.secret(file: "grafana-token-file", environmentVariable: "GRAFANA_TOKEN", environment: environment) else {
            throw UsageError("--grafana-url needs credentials: a service-account token (--grafana-token-file PATH, or GRAFANA_TOKEN), or --grafana-user")
        }
        self = .token(token)
    }
}

/// A refusal or failure of Grafana's API, with Grafana's own message.
package struct GrafanaError: Error, CustomStringConvertible {
    package let description: String
}

/// Sets a project up in a running Grafana through its HTTP API, as provisioning would: the
/// datasources created or updated by uid, the dashboards saved (overwriting by uid), the project's
/// dashboard starred and made the organisation's home. What is already so is left alone, so a
/// second run changes nothing.
package struct GrafanaPush: Sendable {
    let url: URL
    let credentials: GrafanaCredentials
    let transport: any HTTPTransport
    /// The InfluxDB password the datasources send; nil leaves Grafana's as it is.
    let influxPassword: Secret?

    package init(url: URL, credentials: GrafanaCredentials, transport: any HTTPTransport, influxPassword: Secret?) {
        self.url = url
        self.credentials = credentials
        self.transport = transport
        self.influxPassword = influxPassword
    }

    /// Returns what it changed, one line each; none when Grafana was already set up.
    package func push(_ provisioning: GrafanaProvisioning) async throws -> [String] {
        var changes: [String] = []
        for datasource in provisioning.datasources {
            if let change = try await ensure(datasource) { changes.append(change) }
        }
        let project = provisioning.projectDashboard
        for dashboard in [project, provisioning.tokenDashboard] {
            if let change = try await save(dashboard) { changes.append(change) }
        }
        if try await request("GET", "/api/dashboards/uid/\(project.uid)").object?["meta"].flatMap({ ($0 as? [String: Any])?["isStarred"] as? Bool }) != true {
            try await request("POST", "/api/user/stars/dashboard/uid/\(project.uid)")
            changes.append("starred dashboard \(project.uid)")
        }
        if try await request("GET", "/api/org/preferences").object?["homeDashboardUID"] as? String != project.uid {
            // PATCH leaves the organisation's other preferences as they are; PUT would reset them.
            try await request("PATCH", "/api/org/preferences", body: ["homeDashboardUID": project.uid])
            changes.append("made dashboard \(project.uid) the organisation's home")
        }
        return changes
    }

    private func ensure(_ datasource: GrafanaDatasource) async throws -> String? {
        var wanted: [String: Any] = ["name": datasource.name, "uid": datasource.uid, "type": datasource.type, "access": "proxy", "url": datasource.url,
                                     "isDefault": datasource.name == "github"]
        if let user = datasource.user { wanted["user"] = user }
        if let database = datasource.database { wanted["jsonData"] = ["dbName": database, "httpMode": "GET"] }
        let path = "/api/datasources/uid/\(datasource.uid)"
        guard let existing = try await request("GET", path, allowMissing: true).object else {
            if let influxPassword, datasource.passwordVariable != nil { wanted["secureJsonData"] = ["password": influxPassword.value] }
            try await request("POST", "/api/datasources", body: wanted)
            return "created datasource \(datasource.uid)"
        }
        let hasPassword = (existing["secureJsonFields"] as? [String: Any])?["password"] as? Bool == true
        let missingPassword = influxPassword != nil && datasource.passwordVariable != nil && !hasPassword
        let same = wanted.allSatisfy { key, value in Self.same(existing[key], value) }
        guard !same || missingPassword else { return nil }
        if let influxPassword, missingPassword { wanted["secureJsonData"] = ["password": influxPassword.value] }
        try await request("PUT", path, body: wanted)
        return "updated datasource \(datasource.uid)"
    }

    private func save(_ dashboard: GrafanaDashboard) async throws -> String? {
        let wanted = try JSONSerialization.jsonObject(with: dashboard.json) as? [String: Any] ?? [:]
        if var existing = try await request("GET", "/api/dashboards/uid/\(dashboard.uid)", allowMissing: true).object?["dashboard"] as? [String: Any] {
            existing["id"] = nil
            existing["version"] = nil
            if Self.same(existing, wanted) { return nil }
        }
        let answer = try await request("POST", "/api/dashboards/db", body: ["dashboard": wanted, "overwrite": true, "message": "velodrome dashboards"])
        return "saved dashboard \(dashboard.uid) (version \(answer.object?["version"] as? Int ?? 0))"
    }

    /// Deep equality of parsed JSON (Foundation's NSDictionary comparison is unreliable here).
    static func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (let x as [String: Any], let y as [String: Any]): x.count == y.count && x.allSatisfy { same($0.value, y[$0.key]) }
        case (let x as [Any], let y as [Any]): x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (let x as NSObject, let y as NSObject): x.isEqual(y)
        default: a == nil && b == nil
        }
    }

    private struct Answer {
        /// The JSON object of the answer; nil for a 404 that was allowed.
        let object: [String: Any]?
    }

    @discardableResult
    private func request(_ method: String, _ path: String, body: [String: Any]? = nil, allowMissing: Bool = false) async throws -> Answer {
        var headers = [("Authorization", credentials.header), ("Accept", "application/json"), ("User-Agent", "velodrome")]
        var data: Data?
        if let body {
            data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
            headers.append(("Content-Type", "application/json"))
        }
        let target = url.appendingEndpoint(path, query: [])
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(method: method, url: target, headers: headers, body: data))
        } catch {
            throw GrafanaError(description: "cannot reach Grafana at \(url.absoluteString): \(error)")
        }
        if response.status == 404, allowMissing { return Answer(object: nil) }
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        guard (200..<300).contains(response.status) else {
            let message = object?["message"] as? String ?? String(decoding: response.body.prefix(200), as: UTF8.self)
            let hint = response.status == 401 ? "; check the credentials (\(credentials.origin))" : ""
            throw GrafanaError(description: "Grafana at \(url.absoluteString) refused \(method) \(path) (\(response.status)): \(message)\(hint)")
        }
        return Answer(object: object ?? [:])
    }
}
