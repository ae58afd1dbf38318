import Foundation

/// Runs the built `velodrome` binary, as a user or a cron job would.
struct VelodromeProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The binary SwiftPM built beside the test bundle.
    static let executable: URL = {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("velodrome")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        fatalError("velodrome binary not found beside \(testBinary.path); run swift build first")
    }()

    /// Environment with nothing from the developer's shell that could change behaviour.
    static func cleanEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Runs `program` (default: velodrome) to its end.
    static func run(_ arguments: [String], program: URL = executable, environment: [String: String] = cleanEnvironment(),
                    directory: URL? = nil) async throws -> Result {
        let process = try start(arguments, program: program, environment: environment, directory: directory)
        return await process.finish()
    }

    static func start(_ arguments: [String], program: URL = executable, environment: [String: String] = cleanEnvironment(),
                      directory: URL? = nil) throws -> Running {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let running = Running(process: process, stdout: stdout, stderr: stderr)
        try process.run()
        return running
    }

    /// A started process. Its pipes are drained, and its end awaited, on threads of their own:
    /// blocking calls on the shared pool would starve the tests and the servers they run.
    final class Running: @unchecked Sendable {
        let process: Process
        private let stdout: Pipe
        private let stderr: Pipe
        private var stdoutData = Data()
        private var stderrData = Data()
        private let group = DispatchGroup()

        init(process: Process, stdout: Pipe, stderr: Pipe) {
            self.process = process
            self.stdout = stdout
            self.stderr = stderr
            // Drain both pipes as they fill, so a chatty child never blocks on a full pipe.
            group.enter()
            group.enter()
            Thread.detachNewThread { self.stdoutData = stdout.fileHandleForReading.readDataToEndOfFile(); self.group.leave() }
            Thread.detachNewThread {
                // In pieces as they come, so a test can read the log of a process still running.
                while case let piece = stderr.fileHandleForReading.availableData, !piece.isEmpty {
                    self.lock.withLock { self.stderrData.append(piece) }
                }
                self.group.leave()
            }
        }

        private let lock = NSLock()

        /// What the process has written to stderr so far.
        var stderrSoFar: String { lock.withLock { String(decoding: stderrData, as: UTF8.self) } }

        /// Waits up to `timeout` for the port a `--listen HOST:0` endpoint was given, from its log line.
        func listeningPort(timeout: Duration = .seconds(30)) async throws -> Int {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if let match = stderrSoFar.firstMatch(of: /serving \/metrics, \/healthz and \/readyz on [^\s"]+:(\d+)/), let port = Int(match.1) {
                    return port
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            throw ListenError(log: stderrSoFar)
        }

        struct ListenError: Error { let log: String }

        var pid: Int32 { process.processIdentifier }

        func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

        /// Waits for the process to end; `status` is the exit status, or the signal that ended it.
        func finish() async -> Result {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    self.process.waitUntilExit()
                    self.group.wait()
                    continuation.resume(returning: Result(status: self.process.terminationStatus,
                                                          stdout: String(decoding: self.stdoutData, as: UTF8.self),
                                                          stderr: self.stderrSoFar))
                }
            }
        }

        var wasKilled: Bool { process.terminationReason == .uncaughtSignal }
    }
}
