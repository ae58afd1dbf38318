import Foundation
import Yams

/// Walks the YAML tree of config.yaml, turning each node into typed values
/// and each problem into an error that says where it is.
struct ConfigurationReader {
    let file: String

    func configuration(_ root: Node) throws -> Configuration {
        let path = ConfigurationPath()
        let top = try mapping(root, path, allowed: ["projects"])
        guard let projectsNode = top["projects"] else {
            throw error(root, path, "missing key \"projects\"")
        }
        let projectsPath = path.appending("projects")
        var projects: [Project] = []
        for (name, node) in try mapping(projectsNode, projectsPath) {
            projects.append(try project(name, node, projectsPath.appending(name)))
        }
        guard !projects.isEmpty else { throw error(projectsNode, projectsPath, "no projects are configured") }
        return Configuration(projects: projects)
    }

    private func project(_ name: String, _ node: Node, _ path: ConfigurationPath) throws -> Project {
        let isDNSLabel = name.count <= 63 && name.first.map { $0.isLowercase || $0.isNumber } == true
            && name.last.map { $0.isLowercase || $0.isNumber } == true
            && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
        guard isDNSLabel else {
            throw error(node, path, "project name \"\(name)\" must be lower-case letters, digits and inner hyphens (at most 63), as Kubernetes names are")
        }
        let fields = try mapping(node, path, allowed: ["repositories", "nginx", "grafana", "prometheus"])
        var repositories: [RepositoryConfiguration] = []
        if let repositoriesNode = fields["repositories"] {
            let repositoriesPath = path.appending("repositories")
            for (fullName, metricsNode) in try mapping(repositoriesNode, repositoriesPath) {
                let repositoryPath = repositoriesPath.appending(fullName)
                let repository: RepositoryName
                do throws(ConfigurationProblem) {
                    repository = try RepositoryName(parsing: fullName)
                } catch {
                    throw self.error(metricsNode, repositoryPath, error.message)
                }
                if repositories.contains(where: { $0.name == repository }) {
                    throw self.error(metricsNode, repositoryPath, "repository \(fullName) is listed twice in project \(name)")
                }
                repositories.append(RepositoryConfiguration(name: repository, metrics: try metrics(metricsNode, repositoryPath)))
            }
        }
        return Project(
            name: name,
            repositories: repositories,
            nginx: try fields["nginx"].map { try nginx($0, path.appending("nginx")) },
            grafana: try fields["grafana"].map { try grafana($0, path.appending("grafana")) },
            prometheus: try fields["prometheus"].map { try prometheus($0, path.appending("prometheus")) }
        )
    }

    private func metrics(_ node: Node, _ path: ConfigurationPath) throws -> [MetricDefinition] {
        if isNull(node) { return [] }
        var metrics: [MetricDefinition] = []
        for (name, metricNode) in try mapping(node, path) {
            let metricPath = path.appending(name)
            let isValidName = !name.isEmpty && name.count <= 63 && name.first!.isLetter
                && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
            guard isValidName else {
                throw error(metricNode, metricPath, "metric name \"\(name)\" must start with a letter and hold only letters, digits, '-', '_' and '.' (at most 63)")
            }
            let fields = try mapping(metricNode, metricPath, allowed: ["plugin", "args"])
            guard let pluginNode = fields["plugin"] else {
                throw error(metricNode, metricPath, "missing key \"plugin\" \(MetricPlugin.listed)")
            }
            let plugin = try string(pluginNode, metricPath.appending("plugin"))
            // Checked here, before the arguments, so the error points at the plugin's name.
            guard MetricPlugin.names.contains(plugin) else {
                throw error(pluginNode, metricPath.appending("plugin"), MetricPlugin.unknown(plugin).message)
            }
            let argsPath = metricPath.appending("args")
            var arguments: [String] = []
            var argumentNodes: [Node] = []
            if let argsNode = fields["args"], !isNull(argsNode) {
                guard case .sequence(let sequence) = argsNode else {
                    throw error(argsNode, argsPath, "expected a list of arguments")
                }
                for (index, item) in sequence.enumerated() {
                    arguments.append(try string(item, argsPath.appending(index: index)))
                    argumentNodes.append(item)
                }
            }
            let metric: MetricDefinition
            do throws(UsageError) {
                metric = try MetricDefinition(name: name, plugin: plugin, arguments: arguments)
            } catch {
                if let index = error.argumentIndex, index < argumentNodes.count {
                    throw self.error(argumentNodes[index], argsPath.appending(index: index), error.message)
                }
                throw self.error(fields["args"] ?? metricNode, argsPath, error.message)
            }
            metrics.append(metric)
        }
        return metrics
    }

    private func nginx(_ node: Node, _ path: ConfigurationPath) throws -> NginxSettings {
        let fields = try mapping(node, path, allowed: ["public-ip"])
        let address = try fields["public-ip"].map { try string($0, path.appending("public-ip")) } ?? ""
        guard address.isEmpty || IPAddressText.isValid(address) else {
            throw error(fields["public-ip"]!, path.appending("public-ip"), "\"\(address)\" is not an IPv4 or IPv6 address")
        }
        return NginxSettings(publicIP: address)
    }

    private func grafana(_ node: Node, _ path: ConfigurationPath) throws -> GrafanaSettings {
        let fields = try mapping(node, path, allowed: ["google-analytics-uaid"])
        return GrafanaSettings(googleAnalyticsID: try fields["google-analytics-uaid"].map { try string($0, path.appending("google-analytics-uaid")) } ?? "")
    }

    private func prometheus(_ node: Node, _ path: ConfigurationPath) throws -> PrometheusSettings {
        let key = "prometheus-config.yml"
        let fields = try mapping(node, path, allowed: [key])
        guard let configNode = fields[key] else { throw error(node, path, "missing key \"\(key)\"") }
        let text = try string(configNode, path.appending(key))
        do throws(ConfigurationProblem) {
            try PrometheusConfigurationCheck.validate(text)
        } catch {
            throw self.error(configNode, path.appending(key), error.message)
        }
        return PrometheusSettings(configuration: text)
    }

    // MARK: Node access

    /// A mapping's entries in file order, with `<<` merge keys applied (Yams refuses duplicate keys).
    private func mapping(_ node: Node, _ path: ConfigurationPath, allowed: [String]? = nil) throws -> Entries {
        if isNull(node) { return Entries(pairs: []) }
        guard case .mapping(let mapping) = node else {
            throw error(node, path, "expected a mapping, found \(kind(node))")
        }
        var entries: [(String, Node)] = []
        var merged: [(String, Node)] = []
        for (keyNode, value) in mapping {
            let key = try string(keyNode, path)
            if key == "<<" {
                let sources: [Node] = if case .sequence(let list) = value { Array(list) } else { [value] }
                for source in sources { merged += try self.mapping(source, path, allowed: allowed).pairs }
                continue
            }
            if let allowed, !allowed.contains(key) {
                let hint = Suggestion.hint(for: key, among: allowed, quoted: true)
                throw error(keyNode, path.appending(key), "unknown key \"\(key)\"\(hint) (allowed: \(allowed.joined(separator: ", ")))")
            }
            entries.append((key, value))
        }
        for entry in merged where !entries.contains(where: { $0.0 == entry.0 }) {
            entries.append(entry)
        }
        return Entries(pairs: entries)
    }

    /// A mapping's entries in file order, looked up by key.
    struct Entries: Sequence {
        let pairs: [(String, Node)]
        subscript(key: String) -> Node? { pairs.first { $0.0 == key }?.1 }
        func makeIterator() -> IndexingIterator<[(String, Node)]> { pairs.makeIterator() }
    }

    private func string(_ node: Node, _ path: ConfigurationPath) throws -> String {
        guard case .scalar(let scalar) = node else {
            throw error(node, path, "expected a string, found \(kind(node))")
        }
        return scalar.string
    }

    private func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private func kind(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): "\"\(scalar.string)\""
        case .alias: "an alias"
        }
    }

    private func error(_ node: Node, _ path: ConfigurationPath, _ message: String) -> ConfigurationError {
        ConfigurationError(file: file, line: node.mark?.line, column: node.mark?.column, path: path.description, message: message)
    }
}

enum IPAddressText {
    static func isValid(_ text: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
