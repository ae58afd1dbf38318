import VelodromeKit

/// Subcommands whose own issues have not landed yet: they parse their options and say so.
enum PlannedCommands {
    static let genManifests = planned("gen-manifests", summary: "Print the Kubernetes manifests that run Velodrome per project", sections: [])

    private static func planned(_ name: String, summary: String, sections: [CommandHelp.Section]) -> Command {
        Command(
            name: name, summary: summary, usage: "velodrome \(name) [options]",
            details: summary + ".\nNot implemented yet.",
            sections: sections + [.init("Global options", SharedOptions.global)],
            run: { _ in throw UsageError("not implemented yet") }
        )
    }
}
