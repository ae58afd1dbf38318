import Foundation
import Testing

/// Prometheus' `promtool`, run on what the tests produce.
enum Promtool {
    struct Result: Sendable {
        let status: Int32
        let output: String
    }

    static func run(_ arguments: [String], input: String = "") async throws -> Result {
        let path = try #require(Integration.promtoolPath, "VELODROME_TEST_PROMTOOL is not set: scripts/test installs Prometheus and sets it")
        let result = try await VelodromeProcess.run(arguments, program: URL(fileURLWithPath: path), environment: ProcessInfo.processInfo.environment,
                                                    input: input)
        return Result(status: result.status, output: result.stdout + result.stderr)
    }
}
