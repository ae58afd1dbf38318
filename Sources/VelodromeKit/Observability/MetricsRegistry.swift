import CoreMetrics
import Prometheus

/// The metrics of one process (or one test), in swift-metrics' types backed by swift-prometheus,
/// which renders them for `/metrics`. Every metric has help text: Prometheus' lint asks for it,
/// and swift-metrics' factory calls have no place for it, so each handler is made by the registry
/// and handed to the swift-metrics type.
package final class MetricsRegistry: Sendable {
    let prometheus = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory

    package init() {
        factory = PrometheusMetricsFactory(registry: prometheus)
    }

    /// `velodrome_SUBSYSTEM_NAME_UNIT`; the same name and labels give the same series, so callers
    /// may ask again rather than keep it.
    func counter(_ subsystem: String, _ name: String, unit: String = "total", help: String, labels: [(String, String)] = []) -> CoreMetrics.Counter {
        let descriptor = Self.descriptor(subsystem, name, unit: unit, help: help)
        return CoreMetrics.Counter(label: descriptor.name, dimensions: labels,
                                   handler: prometheus.makeCounter(descriptor: descriptor, labels: labels), factory: factory)
    }

    func gauge(_ subsystem: String, _ name: String, unit: String = "", help: String, labels: [(String, String)] = []) -> Meter {
        let descriptor = Self.descriptor(subsystem, name, unit: unit, help: help)
        return Meter(label: descriptor.name, dimensions: labels, handler: prometheus.makeGauge(descriptor: descriptor, labels: labels), factory: factory)
    }

    func histogram(_ subsystem: String, _ name: String, help: String, buckets: [Duration], labels: [(String, String)] = []) -> CoreMetrics.Timer {
        let descriptor = Self.descriptor(subsystem, name, unit: "seconds", help: help)
        let handler = prometheus.makeDurationHistogram(descriptor: descriptor, labels: labels, buckets: buckets)
        return CoreMetrics.Timer(label: descriptor.name, dimensions: labels, handler: handler, factory: factory)
    }

    private static func descriptor(_ subsystem: String, _ name: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "velodrome", subsystem: subsystem, metricName: name, unitName: unit, helpText: help)
    }

    /// The Prometheus text exposition format (version 0.0.4).
    package func exposition() -> String {
        prometheus.emitToString()
    }
}
