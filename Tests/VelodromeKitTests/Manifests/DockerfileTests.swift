import Foundation
import Testing

/// No Docker engine runs here, so the image is not built in the tests: the Dockerfile is linted,
/// and checked for what a pod relies on.
@Suite struct DockerfileTests {
    static let path = RepositoryRoot.path("Dockerfile")

    @Test(Integration.hadolint) func hadolintFindsNothing() async throws {
        let hadolint = URL(fileURLWithPath: try #require(Integration.hadolintPath))
        let result = try await VelodromeProcess.run([Self.path], program: hadolint, environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func aPodsArgumentsAreASubcommandRunAsTheUserTheManifestsName() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        #expect(text.contains("ENTRYPOINT [\"velodrome\"]\n"))
        // The manifests' pods run as 65532; the image's user is the same.
        #expect(text.contains("USER 65532:65532\n"))
        #expect(text.contains("--static-swift-stdlib"))
        #expect(text.components(separatedBy: "\nFROM ").count - 1 == 2, "two stages: build and run")
    }
}
