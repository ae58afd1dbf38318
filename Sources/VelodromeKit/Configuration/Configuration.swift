/// The typed, validated contents of config.yaml.
package struct Configuration: Sendable {
    package let projects: [Project]

    package init(projects: [Project]) {
        self.projects = projects
    }

    package func project(named name: String) -> Project? {
        projects.first { $0.name == name }
    }

    /// Every configured repository once, in file order.
    package var repositories: [RepositoryName] {
        var seen = Set<RepositoryName>()
        return projects.flatMap(\.repositories).map(\.name).filter { seen.insert($0).inserted }
    }

    /// The metrics configured for a repository, across every project that lists it.
    package func metrics(for repository: RepositoryName) -> [MetricDefinition] {
        projects.flatMap(\.repositories).filter { $0.name == repository }.flatMap(\.metrics)
    }
}

package struct Project: Sendable {
    package let name: String
    package let repositories: [RepositoryConfiguration]
    package let nginx: NginxSettings?
    package let grafana: GrafanaSettings?
    package let prometheus: PrometheusSettings?

    /// The project's metrics, each once, in the order config.yaml first lists them.
    package var metrics: [MetricDefinition] {
        var seen: Set<String> = []
        return repositories.flatMap(\.metrics).filter { seen.insert($0.name).inserted }
    }
}

package struct RepositoryConfiguration: Sendable {
    package let name: RepositoryName
    package let metrics: [MetricDefinition]
}

/// One metric: its name (the InfluxDB measurement), its plugin and the arguments that define it.
package struct MetricDefinition: Sendable {
    package let name: String
    package let arguments: [String]
    package let plugin: MetricPlugin

    package init(name: String, arguments: [String], plugin: MetricPlugin) {
        self.name = name
        self.arguments = arguments
        self.plugin = plugin
    }

    /// Parses the plugin's arguments; a usage error names the argument at fault.
    package init(name: String, plugin: String, arguments: [String]) throws(UsageError) {
        self.init(name: name, arguments: arguments, plugin: try MetricPlugin(name: plugin, arguments: arguments))
    }
}

package struct NginxSettings: Sendable, Equatable {
    /// Empty until the cluster assigns an address.
    package let publicIP: String
}

package struct GrafanaSettings: Sendable, Equatable {
    package let googleAnalyticsID: String
}

package struct PrometheusSettings: Sendable, Equatable {
    /// A whole Prometheus configuration file, kept as written.
    package let configuration: String
}
