/// One repository and the metrics to compute for it.
public struct TransformJob: Sendable {
    public var repository: RepositoryName
    public var metrics: [MetricDefinition]

    public init(repository: RepositoryName, metrics: [MetricDefinition]) {
        self.repository = repository
        self.metrics = metrics
    }
}

extension MetricDefinition {
    /// What a checkpoint remembers of the definition: other arguments mean other points.
    var signature: String { ([plugin] + arguments).map(JSONText.quote).joined(separator: " ") }
}
