// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "dify-operator",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dify-operator", targets: ["DifyOperatorCLI"]),
        .library(name: "KubeCore", targets: ["KubeCore"]),
        .library(name: "KubeClient", targets: ["KubeClient"]),
        .library(name: "KubeMachinery", targets: ["KubeMachinery"]),
        .library(name: "KubeEmulator", targets: ["KubeEmulator"]),
        .library(name: "DifyAPI", targets: ["DifyAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.100.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.5.0"),
    ],
    targets: [
        // Pure Kubernetes API model: values, metadata, typed kinds, request building. No networking.
        .target(name: "KubeCore"),
        // Pure API-server machinery: patches, server-side apply field management, structural
        // schemas (validation, defaulting, pruning, OpenAPI). Used by the emulator; no networking.
        .target(name: "KubeMachinery", dependencies: ["KubeCore"]),
        // The embedded Kubernetes API server (the emulator): HTTPS, storage, watches, CRDs,
        // garbage collection, and a simulated GPU data plane.
        .target(
            name: "KubeEmulator",
            dependencies: [
                "KubeCore",
                "KubeMachinery",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The Kubernetes client: configuration, transport, verbs, watches.
        .target(
            name: "KubeClient",
            dependencies: [
                "KubeCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The controller runtime: watcher, cache, work queue, controllers, leader election,
        // events, health and metrics, graceful shutdown.
        .target(
            name: "KubeRuntime",
            dependencies: [
                "KubeCore",
                "KubeClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // The operator's API: DifyModel and DifyDeployment types, defaults and the CRDs
        // generated from them. Pure.
        .target(name: "DifyAPI", dependencies: ["KubeCore"]),
        // The operator's decisions as pure functions of a snapshot (and `now`): GPU and MIG
        // placement, memory fit, serving pods per engine, revisions, the rolling update, the
        // objects and status of each custom resource.
        .target(name: "DifyPlanners", dependencies: ["KubeCore", "DifyAPI"]),
        // The reconcilers: read the cache, call the planners, apply, write status.
        .target(
            name: "DifyControllers",
            dependencies: [
                "KubeCore", "KubeClient", "KubeRuntime", "DifyAPI", "DifyPlanners",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "DifyOperatorCLI",
            dependencies: [
                "KubeCore",
                "KubeClient",
                "KubeEmulator",
                "KubeRuntime",
                "DifyAPI",
                "DifyControllers",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Benchmarks (run through hack/bench-*): release-built executables that print figures.
        .executableTarget(
            name: "KubeBench",
            dependencies: ["KubeCore", "KubeClient", "KubeEmulator", "KubeRuntime", "DifyAPI", "DifyPlanners", "DifyControllers"]
        ),
        .testTarget(name: "KubeCoreTests", dependencies: ["KubeCore"]),
        .testTarget(name: "DifyAPITests", dependencies: ["KubeCore", "KubeMachinery", "DifyAPI", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "DifyPlannersTests", dependencies: ["KubeCore", "DifyAPI", "DifyPlanners"]),
        .testTarget(name: "DifyOperatorTests", dependencies: ["KubeCore", "KubeClient", "KubeRuntime", "KubeEmulator", "EmulatorTestSupport", "DifyAPI", "DifyPlanners", "DifyControllers"]),
        .testTarget(name: "KubeMachineryTests", dependencies: ["KubeCore", "KubeMachinery"]),
        // The emulator harness shared by the integration tests (not shipped).
        .target(name: "EmulatorTestSupport", dependencies: ["KubeCore", "KubeClient", "KubeEmulator"], path: "Tests/EmulatorTestSupport"),
        .testTarget(name: "KubeEmulatorTests", dependencies: ["KubeCore", "KubeEmulator", "KubeClient", "EmulatorTestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "KubeRuntimeTests", dependencies: ["KubeCore", "KubeClient", "KubeRuntime", "KubeEmulator", "EmulatorTestSupport"]),
        .testTarget(
            name: "KubeClientTests",
            dependencies: [
                "KubeCore",
                "KubeClient",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
