/// One repository and the metrics to compute for it.
package struct TransformJob: Sendable {
    package var repository: RepositoryName
    package var metrics: [MetricDefinition]

    package init(repository: RepositoryName, metrics: [MetricDefinition]) {
        self.repository = repository
        self.metrics = metrics
    }
}

extension MetricDefinition {
    /// What a checkpoint remembers of the definition: other arguments mean other points.
    var signature: String { ([plugin.name] + arguments).map(JSONText.quote).joined(separator: " ") }
}
