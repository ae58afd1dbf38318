import Foundation

/// The self-contained HTML report of the embedded store: a page per project and range, with the
/// same panels as Grafana's dashboards, drawn here as inline SVG. No script, style sheet, font or
/// image is fetched; the range selector is links between the pages, hover is each point's title.
package struct HTMLReport: Sendable {
    package enum Range: String, CaseIterable, Sendable {
        case quarter = "90d", year = "1y", all

        var title: String {
            switch self {
            case .quarter: "Last 90 days"
            case .year: "Last 12 months"
            case .all: "All"
            }
        }

        var days: Int64? {
            switch self {
            case .quarter: 90
            case .year: 365
            case .all: nil
            }
        }

        /// The 12-month page is the project's page; the others are beside it.
        func file(_ project: String) -> String { self == .year ? "\(project).html" : "\(project)-\(rawValue).html" }
    }

    package struct Page: Sendable {
        package var path: String
        package var html: String
    }

    /// One project's points, by measurement, and how far each repository's metrics are computed.
    package struct ProjectData: Sendable {
        package var project: Project
        package var points: [String: [MetricPoint]]
        package var watermarks: [(repository: String, watermark: Timestamp?)]
        /// The first and last second of its metrics' points (token counts aside); nil without any.
        package var span: (first: Int64, last: Int64)?

        package init(project: Project, points: [String: [MetricPoint]], watermarks: [(repository: String, watermark: Timestamp?)]) {
            self.project = project
            self.points = points
            self.watermarks = watermarks
            let times = points.filter { $0.key != TokenCountStage.measurement }.values.flatMap { $0.map { $0.time / 1_000_000_000 } }
            span = times.min().map { ($0, times.max()!) }
        }
    }

    package let projects: [ProjectData]
    package let generated: Timestamp

    package init(projects: [ProjectData], generated: Timestamp) {
        self.projects = projects
        self.generated = generated
    }

    /// Reads every point of each project's repositories, and the token counts, from the store.
    package static func load(_ projects: [Project], store: SQLMirrorStore) async throws -> [ProjectData] {
        var loaded: [ProjectData] = []
        let tokenSeries = try await store.series(measurement: TokenCountStage.measurement)
        var tokens: [MetricPoint] = []
        for series in tokenSeries { tokens += try await store.points(measurement: TokenCountStage.measurement, repository: series) }
        for project in projects {
            var points = [TokenCountStage.measurement: tokens]
            var watermarks: [(String, Timestamp?)] = []
            for repository in project.repositories {
                let name = repository.name.key
                watermarks.append((name, try await store.syncState(repository: name).watermark))
                for metric in project.metrics { points[metric.name, default: []] += try await store.points(measurement: metric.name, repository: name) }
            }
            loaded.append(ProjectData(project: project, points: points, watermarks: watermarks))
        }
        return loaded
    }

    package var pages: [Page] {
        var pages = [Page(path: "index.html", html: index)]
        for data in projects {
            for range in Range.allCases { pages.append(Page(path: range.file(data.project.name), html: page(data, range))) }
        }
        return pages
    }

    private var index: String {
        let items = projects.map { data in
            let metrics = data.project.metrics.count
            return "<li><a href=\"\(SVGChart.escape(Range.year.file(data.project.name)))\">\(SVGChart.escape(data.project.name))</a>: \(data.project.repositories.count) repositories, \(metrics) metrics</li>"
        }.joined()
        return document(title: "Velodrome", body: "<header><h1>Velodrome</h1><p>Developer activity, from the embedded store.</p></header><main><ul class=\"projects\">\(items)</ul></main>")
    }

    private func page(_ data: ProjectData, _ range: Range) -> String {
        let name = data.project.name
        let until = data.watermarks.compactMap { $0.watermark?.seconds }.max() ?? data.span?.last ?? generated.seconds
        let first = data.span?.first ?? until
        let from = range.days.map { max(until - $0 * 86_400, first) } ?? first
        var body = "<header><h1>\(SVGChart.escape(name))</h1>"
        body += "<p class=\"span\">" + (data.span.map { span in
            "Data from \(day(span.first)) to \(day(span.last)); this page shows \(day(from)) to \(day(until))."
        } ?? "No metrics in the embedded store yet: run velodrome transform.") + "</p>"
        body += "<p class=\"watermarks\">Metrics computed up to: " + data.watermarks.map { repository, watermark in
            "\(SVGChart.escape(repository)) \(watermark.map { $0.iso8601 } ?? "not fetched yet")"
        }.joined(separator: "; ") + ".</p>"
        body += "<nav>Range: " + Range.allCases.map { other in
            other == range ? "<strong>\(other.title)</strong>" : "<a href=\"\(SVGChart.escape(other.file(name)))\">\(other.title)</a>"
        }.joined(separator: " · ") + " · <a href=\"index.html\">All projects</a></nav></header><main>"
        let groups = data.project.metrics.map(PanelCatalog.group) + [PanelCatalog.tokenUsage]
        for group in groups {
            body += "<section id=\"\(SVGChart.escape(group.title))\"><h2>\(SVGChart.escape(group.title))</h2>"
            for panel in group.panels {
                let series = panel.queries.flatMap { query in
                    query.series(data.points[query.measurement] ?? [], from: from, until: until).map { line in
                        panel.queries.count > 1 ? ReportSeries(label: "\(line.label) \(query.legendSuffix)", values: line.values) : line
                    }
                }.filter { !$0.values.isEmpty }
                body += "<figure><figcaption><h3>\(SVGChart.escape(panel.title))</h3><p>\(SVGChart.escape(panel.description))</p></figcaption>"
                if series.isEmpty || series.allSatisfy({ $0.values.allSatisfy { $0.value == 0 } }) {
                    body += "<p class=\"empty\">Nothing to show in this period.</p>"
                } else {
                    body += SVGChart.render(series, unit: panel.unit, from: from, until: until) + SVGChart.legend(series, unit: panel.unit)
                }
                body += "</figure>"
            }
            body += "</section>"
        }
        body += "</main><footer>Written by velodrome dashboards at \(generated.iso8601).</footer>"
        return document(title: "Velodrome: \(name)", body: body)
    }

    private func day(_ seconds: Int64) -> String { String(Timestamp(seconds: seconds).iso8601.prefix(10)) }

    private func document(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(SVGChart.escape(title))</title><style>\(Self.style)</style></head>
        <body>\(body)</body></html>

        """
    }

    static let style = """
    body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1500px;padding:12px;color:#222}
    h1{margin:.2em 0}h2{border-bottom:1px solid #ccc;margin-top:1.6em}h3{font-size:1em;margin:0}
    figcaption p{margin:.2em 0 .4em;color:#555;font-size:.9em}
    main section{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:18px}
    main section h2{grid-column:1/-1}figure{margin:0}
    .chart{width:100%;height:auto}.grid{stroke:#e4e4e4}.axis{font-size:11px;fill:#555}
    .legend{list-style:none;padding:0;margin:.3em 0;font-size:.85em}.legend li{display:inline-block;margin-right:1em}
    .swatch{display:inline-block;width:.8em;height:.8em;margin-right:.3em;border-radius:2px}
    .empty{color:#777;font-style:italic;padding:2em 0}nav{margin:.5em 0}footer{color:#777;font-size:.85em;margin-top:2em}
    @media print{nav{display:none}main section{display:block}figure{break-inside:avoid;margin-bottom:1em}}
    @media (max-width:480px){main section{grid-template-columns:1fr}}
    """
}

extension PanelQuery {
    /// What tells apart the series of a panel with several queries: the legend after its tag.
    var legendSuffix: String {
        legend.split(separator: " ").filter { !$0.hasPrefix("$tag_") }.joined(separator: " ")
    }
}
