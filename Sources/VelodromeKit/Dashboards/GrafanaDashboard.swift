import Foundation

/// Grafana dashboard JSON (current schema: `timeseries` panels on the 24-column grid, raw
/// InfluxQL targets, a `repository` template variable), from panel groups. Encoded with sorted
/// keys, so two runs write the same bytes.
package struct GrafanaDashboard: Encodable, Sendable {
    static let schemaVersion = 39

    struct Reference: Encodable, Sendable {
        let type: String
        let uid: String
    }

    struct GridPosition: Encodable, Sendable {
        let h, w, x, y: Int
    }

    struct Target: Encodable, Sendable {
        let refId: String
        let query: String
        let rawQuery = true
        let resultFormat = "time_series"
        let alias: String
    }

    struct FieldConfig: Encodable, Sendable {
        struct Defaults: Encodable, Sendable {
            let unit: String
            let min = 0
        }
        let defaults: Defaults
        let overrides: [String] = []
    }

    struct PanelOptions: Encodable, Sendable {
        struct Legend: Encodable, Sendable {
            let displayMode = "list"
            let placement = "bottom"
            let showLegend = true
        }
        struct Tooltip: Encodable, Sendable {
            let mode = "multi"
            let sort = "desc"
        }
        let legend = Legend()
        let tooltip = Tooltip()
    }

    struct GrafanaPanel: Encodable, Sendable {
        let id: Int
        let type: String
        let title: String
        let description: String?
        let gridPos: GridPosition
        let datasource: Reference?
        let fieldConfig: FieldConfig?
        let options: PanelOptions?
        let targets: [Target]?
        let collapsed: Bool?
        let panels: [GrafanaPanel]?
    }

    struct Variable: Encodable, Sendable {
        let name = "repository"
        let label = "Repository"
        let type = "query"
        let datasource: Reference
        let query = "SHOW TAG VALUES WITH KEY = \"repository\""
        let definition = "SHOW TAG VALUES WITH KEY = \"repository\""
        let refresh = 1
        let includeAll = true
        let multi = true
        let sort = 1
    }

    struct Templating: Encodable, Sendable {
        let list: [Variable]
    }

    struct TimeRange: Encodable, Sendable {
        let from: String
        let to = "now"
    }

    let uid: String
    let title: String
    let description: String
    let tags: [String]
    let timezone = "utc"
    let editable = true
    let refresh = "1h"
    let schemaVersion = GrafanaDashboard.schemaVersion
    let time: TimeRange
    let templating: Templating
    let panels: [GrafanaPanel]

    /// A dashboard of a row per group, two panels a line; `perRepository` adds the template
    /// variable that the groups' queries filter on.
    package init(uid: String, title: String, description: String, groups: [PanelGroup], datasource: GrafanaDatasource, perRepository: Bool) {
        self.uid = uid
        self.title = title
        self.description = description
        tags = ["velodrome"]
        time = TimeRange(from: perRepository ? "now-1y" : "now-7d")
        let reference = Reference(type: datasource.type, uid: datasource.uid)
        templating = Templating(list: perRepository ? [Variable(datasource: reference)] : [])
        var panels: [GrafanaPanel] = []
        var y = 0
        var id = 0
        for group in groups {
            id += 1
            panels.append(GrafanaPanel(id: id, type: "row", title: group.title, description: nil, gridPos: GridPosition(h: 1, w: 24, x: 0, y: y),
                                       datasource: nil, fieldConfig: nil, options: nil, targets: nil, collapsed: false, panels: []))
            y += 1
            for (index, panel) in group.panels.enumerated() {
                id += 1
                let targets = panel.queries.enumerated().map { offset, query in
                    Target(refId: String(UnicodeScalar(UInt8(65 + offset))), query: query.influxQL, alias: query.legend)
                }
                panels.append(GrafanaPanel(id: id, type: "timeseries", title: panel.title, description: panel.description,
                                           gridPos: GridPosition(h: 8, w: 12, x: index % 2 * 12, y: y + index / 2 * 8),
                                           datasource: reference, fieldConfig: FieldConfig(defaults: .init(unit: panel.unit)), options: PanelOptions(),
                                           targets: targets, collapsed: nil, panels: nil))
            }
            y += (group.panels.count + 1) / 2 * 8
        }
        self.panels = panels
    }

    /// The JSON, pretty-printed with sorted keys: byte-identical for the same configuration.
    package var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Strings, numbers and booleans only: encoding cannot fail.
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }
}
