import Foundation

/// GitHub's recorded answers in `shared/fixtures/github` beside the repository (or
/// `$GITHUB_FIXTURES`), which the tests check the fake GitHub and the decoders against.
package enum SharedFixtures {
    package struct Missing: Error, CustomStringConvertible {
        package let path: String
        package var description: String {
            "\(path) is missing: the tests read GitHub's recorded answers from ../shared/fixtures/github "
                + "beside the repository (or the folder $GITHUB_FIXTURES names)"
        }
    }

    /// The folder of the octokit recordings.
    package static var octokitDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["GITHUB_FIXTURES"] { return URL(fileURLWithPath: path) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/fixtures/github/octokit-fixtures")
    }

    /// One recording's bytes; a clear error naming the path when shared/ is not there.
    package static func octokit(_ file: String) throws -> Data {
        let url = octokitDirectory.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(path: url.standardizedFileURL.path) }
        return try Data(contentsOf: url)
    }
}
