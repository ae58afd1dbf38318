import Foundation
@testable import VelodromeKit

/// A Prometheus text exposition read back: each sample by its series as written
/// (`name{label="value",...}`), and each family's TYPE and HELP.
struct Exposition {
    var samples: [String: Double] = [:]
    var types: [String: String] = [:]
    var help: [String: String] = [:]

    init(_ text: String) {
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ")
                types[String(parts[0])] = String(parts[1])
            } else if line.hasPrefix("# HELP ") {
                let rest = line.dropFirst(7)
                let name = rest.prefix { $0 != " " }
                help[String(name)] = String(rest.dropFirst(name.count + 1))
            } else if let space = line.lastIndex(of: " ") {
                samples[String(line[..<space])] = Double(line[line.index(after: space)...])
            }
        }
    }

    init(_ registry: MetricsRegistry) { self.init(registry.exposition()) }

    /// The samples of one family, by the rest of their series name.
    func family(_ name: String) -> [String: Double] {
        samples.filter { $0.key == name || $0.key.hasPrefix(name + "{") }
    }
}
