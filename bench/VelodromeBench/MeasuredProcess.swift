import Foundation

/// Runs a program and reports its wall time and peak resident memory.
///
/// The peak is the child's own `VmHWM`, sampled every 10 ms: `ru_maxrss` would not do, because
/// Linux folds into it the high-water mark of the address space the child had before `exec`,
/// which `posix_spawn` shares with this (large) benchmark process.
struct MeasuredProcess {
    struct Result {
        let status: Int32
        let seconds: Double
        let peakMegabytes: Double
        let stderr: String
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Result {
        let stderrPath = NSTemporaryDirectory() + "velodrome-bench-\(UUID().uuidString).log"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let started = ContinuousClock.now
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var peakKilobytes = 0
        while true {
            peakKilobytes = max(peakKilobytes, Self.highWaterKilobytes(pid) ?? 0)
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            guard reaped == 0 || errno == EINTR else { throw BenchError("waitpid: \(String(cString: strerror(errno)))") }
            usleep(10_000)
        }
        let elapsed = ContinuousClock.now - started
        let log = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: stderrPath)
        let exited = (status & 0x7f) == 0
        return Result(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
                      seconds: elapsed.inSeconds,
                      peakMegabytes: Double(peakKilobytes) / 1024, stderr: log)
    }

    /// `VmHWM` of a running process, in kB; nil once it has exited.
    static func highWaterKilobytes(_ pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
