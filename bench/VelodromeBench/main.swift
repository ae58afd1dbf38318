import Foundation

// velodrome-bench: benchmarks of release builds. Run through bench/run, which builds them.
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "fetch": try await FetchBenchmark(arguments: Array(arguments.dropFirst())).run()
    case "transform": try await TransformBenchmark(arguments: Array(arguments.dropFirst())).run()
    default:
        FileHandle.standardError.write(Data("usage: velodrome-bench fetch|transform [--velodrome PATH] [--issues N] [--events N] [--comments N] [--influx URL]\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("velodrome-bench: \(error)\n".utf8))
    exit(1)
}
