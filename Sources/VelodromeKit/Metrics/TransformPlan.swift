/// Which metrics of which repositories a transform computes: the configuration's metrics of the
/// selected repositories (optionally only `--metric` ones), or the one metric the original's
/// form defines on the command line (`--name M count ...`).
package struct TransformPlan: Sendable {
    package var selection: RepositorySelection
    package var metricNames: [String]
    /// `--name` with the plugin arguments after `count`.
    package var adHoc: (name: String, arguments: [String])?

    package init(selection: RepositorySelection, metricNames: [String], adHoc: (name: String, arguments: [String])?) {
        self.selection = selection
        self.metricNames = metricNames
        self.adHoc = adHoc
    }

    /// From transform's options: `--metric` names, and `--name` naming either a metric of the
    /// configuration or, before `count ...`, the metric the plugin arguments define.
    package init(parsed: ParsedArguments, selection: RepositorySelection) throws(UsageError) {
        let name = parsed.value("name")
        if parsed.positionals.first == CountOptions.pluginName {
            guard let name else { throw UsageError("count needs --name METRIC, the name of the metric its arguments define") }
            self.init(selection: selection, metricNames: parsed.all("metric"), adHoc: (name, parsed.remainder))
        } else {
            self.init(selection: selection, metricNames: parsed.all("metric") + (name.map { [$0] } ?? []), adHoc: nil)
        }
    }

    package func jobs() throws -> [TransformJob] {
        if let adHoc {
            guard metricNames.isEmpty else { throw UsageError("--metric selects metrics of the configuration; with count arguments, --name names the one metric") }
            let options: CountOptions
            do {
                options = try CountOptions(arguments: adHoc.arguments)
            } catch {
                throw UsageError("count: \(error.message)")
            }
            let metric = MetricDefinition(name: adHoc.name, arguments: adHoc.arguments, count: options)
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
