/// Which metrics of which repositories a transform computes: the configuration's metrics of the
/// selected repositories (optionally only `--metric` ones), or the one metric the original's
/// form defines on the command line (`--name M count ...`, `--name M latency ...`).
package struct TransformPlan: Sendable {
    package var selection: RepositorySelection
    package var metricNames: [String]
    /// `--name`, the plugin, and the arguments after the plugin's name.
    package var adHoc: (name: String, plugin: String, arguments: [String])?

    package init(selection: RepositorySelection, metricNames: [String], adHoc: (name: String, plugin: String, arguments: [String])?) {
        self.selection = selection
        self.metricNames = metricNames
        self.adHoc = adHoc
    }

    /// From transform's options: `--metric` names, and `--name` naming either a metric of the
    /// configuration or, before `count ...` or `latency ...`, the metric the plugin arguments define.
    package init(parsed: ParsedArguments, selection: RepositorySelection) throws(UsageError) {
        let name = parsed.value("name")
        if let plugin = parsed.positionals.first, MetricPlugin.names.contains(plugin) {
            guard let name else { throw UsageError("\(plugin) needs --name METRIC, the name of the metric its arguments define") }
            self.init(selection: selection, metricNames: parsed.all("metric"), adHoc: (name, plugin, parsed.remainder))
        } else {
            self.init(selection: selection, metricNames: parsed.all("metric") + (name.map { [$0] } ?? []), adHoc: nil)
        }
    }

    package func jobs() throws -> [TransformJob] {
        if let adHoc {
            guard metricNames.isEmpty else {
                throw UsageError("--metric selects metrics of the configuration; with \(adHoc.plugin) arguments, --name names the one metric")
            }
            let metric: MetricDefinition
            do {
                metric = try MetricDefinition(name: adHoc.name, plugin: adHoc.plugin, arguments: adHoc.arguments)
            } catch {
                throw UsageError("\(adHoc.plugin): \(error.message)")
            }
            return try selection.resolve().map { TransformJob(repository: $0, metrics: [metric]) }
        }
        let configuration = try ConfigurationLoader.load(path: selection.configurationPath)
        let repositories = try selection.resolve(configuration: configuration)
        let known = Set(repositories.flatMap { configuration.metrics(for: $0).map(\.name) })
        for name in metricNames where !known.contains(name) {
            let hint = Suggestion.hint(for: name, among: known.sorted())
            throw UsageError("no metric \"\(name)\" for the selected repositories\(hint) (they have \(known.sorted().joined(separator: ", ")))")
        }
        var jobs: [TransformJob] = []
        for repository in repositories {
            let metrics = configuration.metrics(for: repository).filter { metricNames.isEmpty || metricNames.contains($0.name) }
            if metrics.isEmpty, !selection.repositories.isEmpty, metricNames.isEmpty {
                throw UsageError("\(repository) has no metrics in \(selection.configurationPath); define one there or on the command line (--name METRIC count ...)")
            }
            if !metrics.isEmpty { jobs.append(TransformJob(repository: repository, metrics: metrics)) }
        }
        return jobs
    }
}
