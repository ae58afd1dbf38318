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

    /// Runs `program` (default: velodrome) to its end, with `input` on its stdin.
    static func run(_ arguments: [String], program: URL = executable, environment: [String: String] = cleanEnvironment(),
                    directory: URL? = nil, input: String = "") async throws -> Result {
        let process = try start(arguments, program: program, environment: environment, directory: directory, input: input)
        return await process.finish()
    }

    /// Starts `program` with posix_spawn. Not Foundation's `Process`: on Linux its `run()` reads
    /// past a buffer of `/proc/self/fd` entries once the test process has some 1,350 open files,
    /// which crashed the suite once (see ServerSlots).
    static func start(_ arguments: [String], program: URL = executable, environment: [String: String] = cleanEnvironment(),
                      directory: URL? = nil, input: String = "") throws -> Running {
        let stdin = try Self.pipe(), stdout = try Self.pipe(), stderr = try Self.pipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr.write, 2)
        if let directory { _ = GNU.addChdir(&actions, directory.path) }
        // Every other descriptor is close-on-exec (pipe2), so the child inherits none of the
        // test process's sockets and files.
        let argv = ([program.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        // The child starts as from a shell: no signal blocked or ignored. The test process ignores
        // SIGTERM and SIGINT (ServiceLifecycle handles them), and a shell cannot trap a signal
        // ignored when it started.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), empty = sigset_t()
        sigfillset(&defaults)
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let status = posix_spawn(&pid, program.path, &actions, &attributes, argv, envp)
        for descriptor in [stdin.read, stdout.write, stderr.write] { close(descriptor) }
        guard status == 0 else {
            for descriptor in [stdin.write, stdout.read, stderr.read] { close(descriptor) }
            throw SpawnError(program: program.path, code: status)
        }
        let writer = FileHandle(fileDescriptor: stdin.write, closeOnDealloc: true)
        Thread.detachNewThread {
            writer.write(Data(input.utf8))
            try? writer.close()
        }
        return Running(pid: pid, stdout: FileHandle(fileDescriptor: stdout.read, closeOnDealloc: true),
                       stderr: FileHandle(fileDescriptor: stderr.read, closeOnDealloc: true))
    }

    struct SpawnError: Error {
        let program: String
        let code: Int32
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [0, 0]
        guard GNU.pipe2(&descriptors, O_CLOEXEC) == 0 else { throw SpawnError(program: "pipe2", code: errno) }
        return (descriptors[0], descriptors[1])
    }

    /// glibc functions Swift's Glibc module leaves out (they are `_GNU_SOURCE`): close-on-exec
    /// pipes made in one call, so a child spawned by another thread meanwhile inherits none of
    /// their ends, and a spawned child's working directory.
    private enum GNU {
        static let pipe2 = unsafeBitCast(dlsym(nil, "pipe2")!, to: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)
        static let addChdir = unsafeBitCast(dlsym(nil, "posix_spawn_file_actions_addchdir_np")!,
                                            to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
    }

    /// A started process. Its pipes are drained, and its end awaited, on threads of their own:
    /// blocking calls on the shared pool would starve the tests and the servers they run.
    final class Running: @unchecked Sendable {
        let pid: pid_t
        private var stdoutData = Data()
        private var stderrData = Data()
        private let group = DispatchGroup()
        private let lock = NSLock()
        private var waitStatus: Int32?

        init(pid: pid_t, stdout: FileHandle, stderr: FileHandle) {
            self.pid = pid
            // Drain both pipes as they fill, so a chatty child never blocks on a full pipe.
            group.enter()
            group.enter()
            Thread.detachNewThread { self.stdoutData = stdout.readDataToEndOfFile(); self.group.leave() }
            Thread.detachNewThread {
                // In pieces as they come, so a test can read the log of a process still running.
                while case let piece = stderr.availableData, !piece.isEmpty {
                    self.lock.withLock { self.stderrData.append(piece) }
                }
                self.group.leave()
            }
        }

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

        func signal(_ signal: Int32) { kill(pid, signal) }

        /// Waits for the process to end; `status` is the exit status, or the signal that ended it.
        func finish() async -> Result {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    var status: Int32 = 0
                    while waitpid(self.pid, &status, 0) == -1 && errno == EINTR {}
                    self.lock.withLock { self.waitStatus = status }
                    self.group.wait()
                    continuation.resume(returning: Result(status: self.exitStatus, stdout: String(decoding: self.stdoutData, as: UTF8.self),
                                                          stderr: self.stderrSoFar))
                }
            }
        }

        private var exitStatus: Int32 {
            let status = lock.withLock { waitStatus } ?? 0
            // WIFSIGNALED / WTERMSIG / WEXITSTATUS, which Swift does not import.
            let signal = status & 0x7f
            return signal != 0 && signal != 0x7f ? signal : (status >> 8) & 0xff
        }

        /// Whether a signal ended the process (after `finish`).
        var wasKilled: Bool {
            let status = lock.withLock { waitStatus } ?? 0
            let signal = status & 0x7f
            return signal != 0 && signal != 0x7f
        }
    }
}
