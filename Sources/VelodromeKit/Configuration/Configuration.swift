/// The typed, validated contents of config.yaml.
public struct Configuration: Sendable {
    public let projects: [Project]

    public init(projects: [Project]) {
        self.projects = projects
    }

    public func project(named name: String) -> Project? {
        projects.first { $0.name == name }
    }

    /// Every configured repository once, in file order.
    public var repositories: [RepositoryName] {
        var seen = Set<RepositoryName>()
        return projects.flatMap(\.repositories).map(\.name).filter { seen.insert($0).inserted }
    }

    /// The metrics configured for a repository, across every project that lists it.
    public func metrics(for repository: RepositoryName) -> [MetricDefinition] {
        projects.flatMap(\.repositories).filter { $0.name == repository }.flatMap(\.metrics)
    }
}

public struct Project: Sendable {
    public let name: String
    public let repositories: [RepositoryConfiguration]
    public let nginx: NginxSettings?
    public let grafana: GrafanaSettings?
    public let prometheus: PrometheusSettings?
}

public struct RepositoryConfiguration: Sendable {
    public let name: RepositoryName
    public let metrics: [MetricDefinition]
}

/// One metric: its name (the InfluxDB measurement) and the plugin arguments that define it.
public struct MetricDefinition: Sendable {
    public let name: String
    public let plugin: String
    public let arguments: [String]
    public let count: CountOptions

    public init(name: String, plugin: String = "count", arguments: [String], count: CountOptions) {
        self.name = name
        self.plugin = plugin
        self.arguments = arguments
        self.count = count
    }
}

public struct NginxSettings: Sendable, Equatable {
    /// Empty until the cluster assigns an address.
    public let publicIP: String
}

public struct GrafanaSettings: Sendable, Equatable {
    public let googleAnalyticsID: String
}

public struct PrometheusSettings: Sendable, Equatable {
    /// A whole Prometheus configuration file, kept as written.
    public let configuration: String
}
