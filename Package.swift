// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "velodrome",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "velodrome", targets: ["Velodrome"]),
        .executable(name: "velodrome-bench", targets: ["VelodromeBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // The status endpoint and the fake GitHub server (tests and bench) use SwiftNIO's HTTP/1
        // pipeline directly; PostgresNIO runs on it too.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // The fake GitHub's GraphQL endpoint parses the queries fetch sends with a real GraphQL parser.
        .package(url: "https://github.com/GraphQLSwift/GraphQL.git", from: "4.3.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "VelodromeKit",
            dependencies: [
                "CSQLite",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "Velodrome",
            dependencies: ["VelodromeKit"]
        ),
        .target(
            name: "FakeGitHub",
            dependencies: [
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/FakeGitHub"
        ),
        .target(
            name: "FakeGrafana",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/FakeGrafana"
        ),
        .executableTarget(
            name: "VelodromeBench",
            dependencies: ["VelodromeKit", "FakeGitHub"],
            path: "bench/VelodromeBench"
        ),
        // The test doubles every suite shares: sleepers, transports, seeded randomness, fixtures.
        .target(
            name: "TestSupport",
            dependencies: ["VelodromeKit", "FakeGitHub"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "FakeGitHubTests",
            dependencies: ["FakeGitHub", "TestSupport"]
        ),
        .testTarget(
            name: "VelodromeKitTests",
            dependencies: [
                "VelodromeKit", "FakeGitHub", "FakeGrafana", "Velodrome", "TestSupport",
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
    ]
)
