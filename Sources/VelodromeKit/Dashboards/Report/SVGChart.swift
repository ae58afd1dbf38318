import Foundation

/// A line chart as inline SVG, drawn here rather than in the browser: axes with dates and units,
/// a line per series, and each value as a point whose tooltip (the SVG `title`) says it, so the
/// page needs no script to be read.
enum SVGChart {
    static let width = 720.0, height = 240.0
    static let left = 56.0, right = 12.0, top = 10.0, bottom = 28.0
    static let colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"]
    /// Above this many values a chart draws its lines only: the page stays light.
    static let pointLimit = 800

    static func render(_ series: [ReportSeries], unit: String, from rangeStart: Int64, until rangeEnd: Int64) -> String {
        let values = series.flatMap(\.values)
        // Buckets start at whole days or weeks, before the range's first second.
        let from = min(rangeStart, values.map(\.time).min() ?? rangeStart), until = max(rangeEnd, values.map(\.time).max() ?? rangeEnd)
        let top = niceCeiling(values.map(\.value).max() ?? 1)
        let span = Double(max(until - from, 1))
        func x(_ time: Int64) -> Double { left + (width - left - right) * Double(time - from) / span }
        func y(_ value: Double) -> Double { Self.top + (height - Self.top - bottom) * (1 - value / top) }
        var svg = #"<svg class="chart" viewBox="0 0 \#(Int(width)) \#(Int(height))" role="img" xmlns="http://www.w3.org/2000/svg">"#
        for step in 0...4 {
            let value = top * Double(step) / 4
            svg += #"<line class="grid" x1="\#(f(left))" x2="\#(f(width - right))" y1="\#(f(y(value)))" y2="\#(f(y(value)))"/>"#
            svg += #"<text class="axis" x="\#(f(left - 6))" y="\#(f(y(value) + 4))" text-anchor="end">\#(escape(format(value, unit: unit)))</text>"#
        }
        for tick in dateTicks(from: from, until: until) {
            svg += #"<text class="axis" x="\#(f(x(tick)))" y="\#(f(height - 8))" text-anchor="middle">\#(Timestamp(seconds: tick).iso8601.prefix(10))</text>"#
        }
        let withPoints = values.count <= pointLimit
        for (index, line) in series.enumerated() {
            let color = colors[index % colors.count]
            let path = line.values.map { "\(f(x($0.time))),\(f(y($0.value)))" }.joined(separator: " ")
            svg += #"<g class="series" data-series="\#(escape(line.label))" data-points="\#(line.values.count)" data-last="\#(line.values.last.map { format($0.value, unit: unit) } ?? "")">"#
            svg += #"<polyline fill="none" stroke="\#(color)" stroke-width="1.5" points="\#(path)"/>"#
            if withPoints {
                for value in line.values {
                    svg += #"<circle cx="\#(f(x(value.time)))" cy="\#(f(y(value.value)))" r="2.2" fill="\#(color)"><title>\#(escape(line.label)) \#(Timestamp(seconds: value.time).iso8601.prefix(10)): \#(escape(format(value.value, unit: unit)))</title></circle>"#
                }
            }
            svg += "</g>"
        }
        return svg + "</svg>"
    }

    /// The legend, as HTML under the chart.
    static func legend(_ series: [ReportSeries], unit: String) -> String {
        "<ul class=\"legend\">" + series.enumerated().map { index, line in
            let last = line.values.last.map { " (last: \(format($0.value, unit: unit)))" } ?? ""
            return "<li><span class=\"swatch\" style=\"background:\(colors[index % colors.count])\"></span>\(escape(line.label))\(escape(last))</li>"
        }.joined() + "</ul>"
    }

    /// 1, 2 or 5 times a power of ten, at or above `value`.
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let power = pow(10, (log10(value)).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * power >= value { return factor * power }
        return 10 * power
    }

    /// Counts as counts; minutes (`m`) as minutes, hours or days.
    static func format(_ value: Double, unit: String) -> String {
        if unit == "m" {
            if value >= 2 * 1440 { return "\(trim(value / 1440)) d" }
            if value >= 120 { return "\(trim(value / 60)) h" }
            return "\(trim(value)) min"
        }
        return trim(value)
    }

    static func trim(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.2f", value)
    }

    /// About six date labels, on whole days.
    static func dateTicks(from: Int64, until: Int64) -> [Int64] {
        let step = max(86_400, (until - from) / 6 / 86_400 * 86_400)
        var ticks: [Int64] = []
        var tick = (from + 86_399) / 86_400 * 86_400
        while tick <= until, ticks.count < 8 {
            ticks.append(tick)
            tick += step
        }
        return ticks
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
