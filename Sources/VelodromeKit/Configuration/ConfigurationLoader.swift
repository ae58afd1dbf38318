import Foundation
import Yams

/// Reads config.yaml into a `Configuration`, validating everything up front:
/// a configuration that loads is one every stage can run.
package enum ConfigurationLoader {
    package static func load(path: String) throws(ConfigurationError) -> Configuration {
        try parse(try read(path: path), file: path)
    }

    /// The file's text, for a caller that also keeps it as written (gen-manifests' ConfigMap).
    package static func read(path: String) throws(ConfigurationError) -> String {
        do throws(ConfigurationProblem) {
            return try TextFile.read(path, what: "the configuration file")
        } catch {
            throw ConfigurationError(file: path, message: error.message)
        }
    }

    package static func parse(_ text: String, file: String) throws(ConfigurationError) -> Configuration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw ConfigurationError(file: file, message: "invalid YAML: \(error)")
        }
        guard let root else {
            throw ConfigurationError(file: file, message: "the file is empty; expected a projects: mapping")
        }
        let reader = ConfigurationReader(file: file)
        do {
            return try reader.configuration(root)
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(file: file, message: "\(error)")
        }
    }

    private static func syntaxError(_ error: YamlError, file: String) -> ConfigurationError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) (line \($0.mark.line)): " } ?? ""
            return ConfigurationError(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(detail)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            return ConfigurationError(file: file, line: context.mark.line, column: context.mark.column,
                                      message: "duplicate key \(keys) in this mapping")
        case .reader(let problem, _, _, _):
            return ConfigurationError(file: file, message: "invalid YAML: \(problem)")
        default:
            return ConfigurationError(file: file, message: "invalid YAML: \(error)")
        }
    }
}
