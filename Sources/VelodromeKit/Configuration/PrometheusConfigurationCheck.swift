import Yams

/// Catches unknown keys in an embedded Prometheus configuration before Prometheus does
/// (the original shipped `methids_path`, which current Prometheus refuses to load).
/// It checks the keys Velodrome's own sections use; `promtool check config` stays the full check.
enum PrometheusConfigurationCheck {
    static let topLevel: Set<String> = [
        "global", "rule_files", "scrape_config_files", "scrape_configs", "alerting", "remote_write",
        "remote_read", "storage", "tracing", "runtime", "otlp",
    ]
    static let global: Set<String> = [
        "scrape_interval", "scrape_timeout", "scrape_protocols", "evaluation_interval", "rule_query_offset",
        "external_labels", "query_log_file", "scrape_failure_log_file", "body_size_limit", "sample_limit",
        "label_limit", "label_name_length_limit", "label_value_length_limit", "target_limit",
        "keep_dropped_targets", "metric_name_validation_scheme", "metric_name_escaping_scheme",
        "always_scrape_classic_histograms", "convert_classic_histograms_to_nhcb",
    ]
    static let scrapeConfig: Set<String> = [
        "job_name", "scrape_interval", "scrape_timeout", "scrape_protocols", "scrape_failure_log_file",
        "scrape_classic_histograms", "always_scrape_classic_histograms", "convert_classic_histograms_to_nhcb",
        "metrics_path", "honor_labels", "honor_timestamps", "track_timestamps_staleness", "scheme", "params",
        "enable_compression", "enable_http2", "follow_redirects", "basic_auth", "authorization", "oauth2",
        "bearer_token", "bearer_token_file", "tls_config", "proxy_url", "no_proxy", "proxy_from_environment",
        "proxy_connect_header", "http_headers", "static_configs", "relabel_configs", "metric_relabel_configs",
        "body_size_limit", "sample_limit", "label_limit", "label_name_length_limit", "label_value_length_limit",
        "target_limit", "keep_dropped_targets", "native_histogram_bucket_limit",
        "native_histogram_min_bucket_factor", "metric_name_validation_scheme", "metric_name_escaping_scheme",
    ]
    static let staticConfig: Set<String> = ["targets", "labels"]
    static let relabelConfig: Set<String> = [
        "source_labels", "separator", "target_label", "regex", "modulus", "replacement", "action",
    ]

    static func validate(_ text: String) throws(ConfigurationProblem) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationProblem("the Prometheus configuration is not valid YAML: \(error)")
        }
        guard let root else { return }
        try check(root, topLevel, "")
        if let global = root["global"] { try check(global, Self.global, "global") }
        for (index, scrape) in (root["scrape_configs"]?.sequence ?? []).enumerated() {
            let place = "scrape_configs[\(index)]"
            try check(scrape, scrapeConfig, place, allowing: { $0.hasSuffix("_sd_configs") })
            guard scrape["job_name"]?.scalar != nil else {
                throw ConfigurationProblem("Prometheus configuration: \(place) has no job_name")
            }
            for (item, target) in (scrape["static_configs"]?.sequence ?? []).enumerated() {
                try check(target, staticConfig, "\(place).static_configs[\(item)]")
            }
            for key in ["relabel_configs", "metric_relabel_configs"] {
                for (item, rule) in (scrape[key]?.sequence ?? []).enumerated() {
                    try check(rule, relabelConfig, "\(place).\(key)[\(item)]")
                }
            }
        }
    }

    private static func check(_ node: Node, _ known: Set<String>, _ place: String, allowing extra: (String) -> Bool = { _ in false }) throws(ConfigurationProblem) {
        guard let mapping = node.mapping else {
            throw ConfigurationProblem("Prometheus configuration: \(place.isEmpty ? "the document" : place) must be a mapping")
        }
        for key in mapping.keys.compactMap(\.string) where !known.contains(key) && !extra(key) {
            let hint = Suggestion.hint(for: key, among: known.sorted())
            let location = place.isEmpty ? "" : " in \(place)"
            throw ConfigurationProblem("Prometheus configuration: unknown key \"\(key)\"\(location)\(hint)")
        }
    }
}
