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
        return try await RawSocket.onThread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
            let stdin = Pipe(), output = Pipe()
            process.standardInput = stdin
            process.standardOutput = output
            process.standardError = output
            try process.run()
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return Result(status: process.terminationStatus, output: text)
        }
    }
}
