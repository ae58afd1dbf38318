import Foundation

/// Reads a small text file, failing with the operating system's own reason and the file's role.
enum TextFile {
    static func read(_ path: String, what: String) throws(ConfigurationProblem) -> String {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ConfigurationProblem("cannot read \(what) \(path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw ConfigurationProblem("cannot read \(what) \(path): \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationProblem("\(what) \(path) is not UTF-8 text")
        }
        return text
    }
}
