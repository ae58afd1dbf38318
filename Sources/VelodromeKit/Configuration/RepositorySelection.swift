/// Which repositories a stage works on: `--repository` names, the original's
/// `--organization ORG --project NAME` pair, every repository of `--project`, or, with none of
/// these, every repository of the configuration.
package struct RepositorySelection: Sendable {
    package var repositories: [String]
    package var project: String?
    package var organization: String?
    package var configurationPath: String

    /// From `--repository`, `--project`, `--organization` and `--config`.
    package init(parsed: ParsedArguments) throws(UsageError) {
        self.init(repositories: parsed.all("repository"), project: parsed.value("project"),
                  organization: parsed.value("organization"), configurationPath: try parsed.string("config"))
    }

    package init(repositories: [String], project: String?, organization: String?, configurationPath: String) {
        self.repositories = repositories
        self.project = project
        self.organization = organization
        self.configurationPath = configurationPath
    }

    /// The configuration is read only when the selection needs it, unless it was read already.
    package func resolve(configuration loaded: Configuration? = nil) throws -> [RepositoryName] {
        if let organization {
            guard let project else { throw UsageError("--organization needs --project NAME (the repository's name), as the original fetcher took them") }
            guard repositories.isEmpty else { throw UsageError("give --repository or --organization with --project, not both") }
            return [try parse("\(organization)/\(project)", option: "--organization/--project")]
        }
        if !repositories.isEmpty {
            guard project == nil else { throw UsageError("give --repository or --project, not both") }
            var seen = Set<RepositoryName>()
            return try repositories.map { try parse($0, option: "--repository") }.filter { seen.insert($0).inserted }
        }
        let configuration = try loaded ?? ConfigurationLoader.load(path: configurationPath)
        if let project {
            let found = try configuration.project(named: project, in: configurationPath)
            guard !found.repositories.isEmpty else { throw UsageError("project \(project) has no repositories in \(configurationPath)") }
            return found.repositories.map(\.name)
        }
        return configuration.repositories
    }

    private func parse(_ text: String, option: String) throws(UsageError) -> RepositoryName {
        do {
            return try RepositoryName(parsing: text)
        } catch {
            throw UsageError("\(option): \(error.message)")
        }
    }
}

extension Configuration {
    /// The project of that name, or an error naming the ones `path` has.
    package func project(named name: String, in path: String) throws(UsageError) -> Project {
        guard let found = project(named: name) else {
            let hint = Suggestion.hint(for: name, among: projects.map(\.name))
            throw UsageError("unknown project \"\(name)\"\(hint) (\(path) has \(projects.map(\.name).joined(separator: ", ")))")
        }
        return found
    }
}
