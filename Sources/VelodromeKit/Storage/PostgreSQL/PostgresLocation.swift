import Foundation

/// A PostgreSQL server and database from `--database postgres://user:password@host:port/dbname`
/// (or `postgresql://`, with `?sslmode=`). Printed, its password is masked.
package struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// libpq's `sslmode`, as far as Velodrome honours it.
    package enum TLSMode: String, Sendable, CaseIterable {
        case disable
        /// Encrypt when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// Encrypt, without checking the certificate.
        case require
        /// Encrypt, and check the certificate and the host name.
        case verifyFull = "verify-full"
    }

    package var host: String
    package var port: Int
    package var user: String
    package var password: Secret?
    package var database: String
    package var tls: TLSMode

    /// The password comes from the URL, else `passwordFile`, else `PGPASSWORD`.
    package init(parsing text: String, passwordFile: String?, environment: [String: String]) throws(ConfigurationProblem) {
        let culprit = "--database \(Self.mask(text))"
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
            throw ConfigurationProblem("\(culprit): not a URL of the form postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        guard let host = components.host, !host.isEmpty else { throw ConfigurationProblem("\(culprit): names no host") }
        let database = String(components.path.dropFirst())
        guard !database.isEmpty, !database.contains("/") else { throw ConfigurationProblem("\(culprit): names no database (…/DATABASE at the end)") }
        guard let user = components.user, !user.isEmpty else { throw ConfigurationProblem("\(culprit): names no user (USER@ before the host)") }
        self.host = host
        port = components.port ?? 5432
        self.user = user
        self.database = database
        tls = .prefer
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else {
                throw ConfigurationProblem("\(culprit): unknown parameter \(item.name); Velodrome takes sslmode")
            }
            guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                throw ConfigurationProblem("\(culprit): sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            tls = mode
        }
        if let inline = components.password {
            password = Secret(inline, origin: "the --database URL")
        } else if let passwordFile {
            password = try Secret.read(file: passwordFile, origin: "--database-password-file \(passwordFile)")
        } else if let variable = environment["PGPASSWORD"], !variable.isEmpty {
            password = Secret(variable, origin: "the PGPASSWORD variable")
        }
    }

    /// `postgres://user:***@host:port/database`: safe for logs and messages.
    package var description: String {
        "postgres://\(user)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)"
    }

    /// Masks the password of a URL that may not even parse, for error messages: what follows
    /// the user's name, or the whole of credentials that are not plainly a name.
    static func mask(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound < at else { return text }
        let credentials = text[scheme.upperBound..<at]
        if let colon = credentials.firstIndex(of: ":") {
            return String(text[..<colon]) + ":***" + String(text[at...])
        }
        let plainName = credentials.allSatisfy { $0.isLetter || $0.isNumber || "._-".contains($0) }
        return plainName ? text : String(text[..<scheme.upperBound]) + "***" + String(text[at...])
    }
}
