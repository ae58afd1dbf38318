import Foundation

/// Reads a small text file, failing with the operating system's own reason and the file's role;
/// writes one whole: beside its place and renamed, so no reader ever sees half a file.
package enum TextFile {
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

    /// Writes `contents` at `path`, creating its folders.
    package static func writeWhole(_ contents: Data, to path: String) throws(ConfigurationProblem) {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try contents.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ConfigurationProblem("cannot write \(path): \((error as NSError).localizedDescription)")
        }
    }
}
