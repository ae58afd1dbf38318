import Foundation

/// A location inside config.yaml, written the way a reader would look it up.
struct ConfigurationPath: CustomStringConvertible {
    private enum Component {
        case key(String)
        case index(Int)
    }

    private var components: [Component] = []

    func appending(_ key: String) -> ConfigurationPath {
        var copy = self
        copy.components.append(.key(key))
        return copy
    }

    func appending(index: Int) -> ConfigurationPath {
        var copy = self
        copy.components.append(.index(index))
        return copy
    }

    var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                let plain = !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
                text += plain ? key : "\"" + key.replacingOccurrences(of: "\"", with: "\\\"") + "\""
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }
}
