import Logging
import ServiceLifecycle

/// Everything a stage reports about itself: one registry of metrics, the status its iterations
/// write, and, with `--listen`, the server that shows both.
package struct StageTelemetry: Sendable {
    package let registry = MetricsRegistry()
    package let status: StageStatus
    /// The status server when `--listen` was given; none otherwise.
    package let services: [any Service]

    package init(stage: String, endpoint: EndpointSettings, logger: Logger) {
        status = StageStatus(stage: stage, metrics: registry)
        guard let address = endpoint.listen else {
            services = []
            return
        }
        let pages = StatusPages(registry: registry, status: status, check: HealthCheck(stage: stage, staleAfter: endpoint.staleAfter))
        services = [StatusServer(address: address, pages: pages, logger: logger)]
    }
}
