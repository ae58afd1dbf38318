/// Bounds how many tests run a fake GitHub at once, across both test targets.
///
/// Swift Testing starts every test at once. A hundred harnesses, each with a server, its event
/// loop and kept-alive connections, held 1,300 open files, and there Foundation's `Process.run`
/// reads past a buffer: it copies each `/proc/self/fd` entry's whole 256-byte name, which runs
/// off the end of the directory buffer once that is full. AddressSanitizer showed it; CI died of
/// it with a segmentation fault. The tests now spawn processes with posix_spawn
/// (`VelodromeProcess`), and eight servers at a time still keep the suite as fast and its open
/// files few.
public actor ServerSlots {
    public static let shared = ServerSlots(8)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { free = count }

    /// Runs `body` once a slot is free, first come first served.
    public nonisolated func with<T>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
