import Foundation
import Testing
@testable import VelodromeKit

/// Where fetch's tokens come from: files, a directory mounted from a Kubernetes Secret, the variable.
@Suite struct GitHubTokensTests {
    /// A Secret mounted the way the kubelet does it: keys are links to `..data/KEY`, `..data`
    /// a link to a timestamped folder that holds the files.
    static func secretMount(_ keys: [String: String]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let files = FileManager.default
        let stamped = "..2026_12_01_10_00_00.123456789"
        try files.createDirectory(atPath: directory.path(stamped), withIntermediateDirectories: true)
        for (key, token) in keys {
            try (token + "\n").write(toFile: directory.path("\(stamped)/\(key)"), atomically: true, encoding: .utf8)
            try files.createSymbolicLink(atPath: directory.path(key), withDestinationPath: "..data/\(key)")
        }
        try files.createSymbolicLink(atPath: directory.path("..data"), withDestinationPath: stamped)
        return directory
    }

    @Test func aSecretMountGivesOneTokenPerKeyNamedByItsFile() throws {
        let mount = try Self.secretMount(["bot-b": "ghp_b", "bot-a": "ghp_a"])
        try mount.write(".swp", "not a token")
        try FileManager.default.createDirectory(atPath: mount.path("nested"), withIntermediateDirectories: true)
        let tokens = try GitHubTokens.resolve(files: [], directory: mount.url.path, environment: ["GITHUB_TOKEN": "ghp_env"])
        #expect(tokens.map(\.value) == ["ghp_a", "ghp_b"])
        #expect(tokens.map(\.origin) == ["token file \(mount.path("bot-a"))", "token file \(mount.path("bot-b"))"])
    }

    @Test func filesComeFirstThenTheDirectoryElseTheVariable() throws {
        let mount = try Self.secretMount(["bot": "ghp_dir"])
        let elsewhere = try TemporaryDirectory()
        let file = try elsewhere.write("x.token", "ghp_file")
        #expect(try GitHubTokens.resolve(files: [file], directory: mount.url.path, environment: ["GITHUB_TOKEN": "ghp_env"]).map(\.value)
            == ["ghp_file", "ghp_dir"])
        #expect(try GitHubTokens.resolve(files: [], environment: ["GITHUB_TOKEN": " ghp_env\n"]).map(\.value) == ["ghp_env"])
        #expect(try GitHubTokens.resolve(files: [], environment: [:]).isEmpty)
    }

    @Test func aMissingOrEmptyDirectoryIsNamed() throws {
        let empty = try TemporaryDirectory()
        #expect(throws: ConfigurationProblem("the token directory \(empty.url.path) holds no token files")) {
            try GitHubTokens.resolve(files: [], directory: empty.url.path, environment: [:])
        }
        #expect(throws: ConfigurationProblem.self) { try GitHubTokens.resolve(files: [], directory: "/nonexistent/secrets", environment: [:]) }
        do {
            _ = try GitHubTokens.resolve(files: [], directory: "/nonexistent/secrets", environment: [:])
        } catch {
            #expect(error.message.hasPrefix("cannot read the token directory /nonexistent/secrets: "))
        }
    }
}
