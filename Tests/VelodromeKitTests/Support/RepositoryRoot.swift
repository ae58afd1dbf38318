import Foundation

/// The package's root folder, found from this file's location, for reading shipped files.
enum RepositoryRoot {
    static let url: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }
}
