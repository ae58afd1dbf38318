import Testing
@testable import VelodromeKit

/// `--database` as users write it: both backends, the password's sources, and masking.
@Suite struct DatabaseLocationTests {
    @Test func sqliteForms() throws {
        #expect(try DatabaseLocation(parsing: "sqlite:velodrome.db") == .sqlite(path: "velodrome.db"))
        #expect(try DatabaseLocation(parsing: "sqlite:///var/lib/v.db") == .sqlite(path: "/var/lib/v.db"))
        #expect(try DatabaseLocation(parsing: "/tmp/x.db") == .sqlite(path: "/tmp/x.db"))
        #expect(throws: ConfigurationProblem("--database-password-file goes with a postgres:// database, not sqlite:v.db")) {
            try DatabaseLocation(parsing: "sqlite:v.db", passwordFile: "/run/pw")
        }
    }

    @Test func postgresURLWithEveryPart() throws {
        let location = try PostgresLocation(parsing: "postgresql://velodrome:s3cret@db.example.com:6543/metrics?sslmode=verify-full",
                                            passwordFile: nil, environment: ["PGPASSWORD": "ignored"])
        #expect(location.host == "db.example.com")
        #expect(location.port == 6543)
        #expect(location.user == "velodrome")
        #expect(location.database == "metrics")
        #expect(location.tls == .verifyFull)
        #expect(location.password == Secret("s3cret", origin: "the --database URL"))
        #expect(location.description == "postgres://velodrome:***@db.example.com:6543/metrics")
        #expect(try DatabaseLocation(parsing: "postgres://velodrome:s3cret@db/metrics").description == "postgres://velodrome:***@db:5432/metrics")
    }

    @Test func passwordFromTheFileThenPGPASSWORD() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("pw", "from-file\n")
        let fromFile = try PostgresLocation(parsing: "postgres://v@db/m", passwordFile: file, environment: ["PGPASSWORD": "from-variable"])
        #expect(fromFile.password == Secret("from-file", origin: "--database-password-file \(file)"))
        #expect(fromFile.tls == .prefer)
        let fromVariable = try PostgresLocation(parsing: "postgres://v@db/m", passwordFile: nil, environment: ["PGPASSWORD": "from-variable"])
        #expect(fromVariable.password == Secret("from-variable", origin: "the PGPASSWORD variable"))
        let none = try PostgresLocation(parsing: "postgres://v@db/m", passwordFile: nil, environment: [:])
        #expect(none.password == nil)
        #expect(none.description == "postgres://v@db:5432/m")
    }

    @Test(arguments: [
        ("postgres://u:pw@/m", "--database postgres://u:***@/m: names no host"),
        ("postgres://u:pw@db", "--database postgres://u:***@db: names no database (…/DATABASE at the end)"),
        ("postgres://db/m", "--database postgres://db/m: names no user (USER@ before the host)"),
        ("postgres://u:pw@db/m?sslmode=always", "--database postgres://u:***@db/m?sslmode=always: sslmode must be one of disable, prefer, require, verify-full"),
        ("postgres://u:pw@db/m?timeout=5", "--database postgres://u:***@db/m?timeout=5: unknown parameter timeout; Velodrome takes sslmode"),
        ("postgres://u?pw@/m", "--database postgres://***@/m: names no database (…/DATABASE at the end)"),
    ])
    func badURLsNameTheirPartNeverThePassword(url: String, message: String) {
        #expect(throws: ConfigurationProblem(message)) { try DatabaseLocation(parsing: url) }
    }
}
