import VelodromeKit

enum MigrateCommand {
    static let command = Command(
        name: "migrate",
        summary: "Create or upgrade the database's schema, then exit",
        usage: "velodrome migrate [options]",
        details: """
        Create the mirror's tables, or upgrade a database made by an older Velodrome,
        and exit: for an init container before the stages start. fetch and transform
        migrate by themselves too; several at once are safe. Example:
          velodrome migrate --database postgres://velodrome@postgres:5432/velodrome
        """,
        sections: [
            .init("Database", SharedOptions.database),
            .init("Global options", SharedOptions.global),
        ],
        run: run
    )

    static func run(_ invocation: Invocation) async throws -> ExitStatus {
        let location = try SharedOptions.database(invocation.parsed, environment: invocation.environment)
        _ = try await location.open(logger: invocation.logger)
        invocation.logger.info("\(location) is at schema version \(MirrorSchema.version)")
        return .success
    }
}
