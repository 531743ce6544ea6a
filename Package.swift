// swift-tools-version:6.0
// perf — the package manager for Perfusion concepts. Layers (DESIGN §2), bottom up:
//   engine (PerfTensor) ← diffusion (PerfDiffusion) ← perfusion (PerfPerfusion)
//   packages beside them: PerfManifest, PerfBundle, PerfSigning, PerfRegistry, PerfResolver, PerfHTTP
//   front ends on top: PerfCLI (+ the `perf` executable), PerfServer
import PackageDescription

let package = Package(
    name: "perf",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "perf", targets: ["perf"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    ],
    targets: [
        // System libraries: a module map and a shim header each, no logic (BUILDING.md).
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive",
                       providers: [.apt(["libarchive-dev"])]),
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", providers: [.apt(["libjpeg-dev"])]),

        // Shared by every module: the user-facing error protocol and stable exit codes.
        .target(name: "PerfDiagnostics"),

        // 1. Tensor engine.
        .target(name: "PerfTensor", dependencies: ["CBLAS", "PerfDiagnostics"]),
        // File formats with no dependencies.
        .target(name: "PerfSafeTensors", dependencies: ["PerfDiagnostics"]),
        // 2. Diffusion runtime.
        .target(name: "PerfDiffusion", dependencies: ["PerfTensor", "PerfSafeTensors", "PerfDiagnostics", "CPNG", "CJPEG"]),
        // 3. Perfusion.
        .target(name: "PerfPerfusion", dependencies: ["PerfDiffusion", "PerfTensor", "PerfSafeTensors", "PerfDiagnostics", "CBLAS"]),

        // The built-in world (DESIGN §5): scenes, captions, pictures as planes, and the judge.
        // Beside the engine, not on it: no tensors, no diffusion, no PNG (the CLI writes pictures).
        .target(name: "PerfWorld", dependencies: ["PerfDiagnostics"], exclude: ["vocabulary.txt"]),
        // `perf eval` (DESIGN §5): the base model and concepts judged on held-out prompts.
        .target(name: "PerfEvaluation", dependencies: ["PerfDiffusion", "PerfPerfusion", "PerfWorld", "PerfTensor"]),
        // Charts for `perf eval` (accuracy bars, Pareto fronts) as RGB pixels: no other perf module.
        .target(name: "PerfPlot"),

        // 4. Packages.
        .target(name: "PerfManifest", dependencies: ["PerfDiagnostics"]),
        .target(name: "PerfBundle", dependencies: ["CArchive", "PerfManifest", "PerfDiagnostics",
                                                   .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "PerfSigning", dependencies: ["PerfDiagnostics",
                                                    .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "PerfResolver", dependencies: ["PerfManifest"]),
        .target(name: "PerfHTTP", dependencies: ["CCurl", "PerfDiagnostics", .product(name: "Logging", package: "swift-log")]),
        .target(name: "PerfRegistry", dependencies: ["PerfManifest", "PerfBundle", "PerfSigning", "PerfDiagnostics",
                                                     .product(name: "Crypto", package: "swift-crypto"),
                                                     .product(name: "Logging", package: "swift-log")]),
        .target(name: "PerfClient", dependencies: ["PerfManifest", "PerfResolver", "PerfRegistry", "PerfSigning", "PerfBundle",
                                                   "PerfHTTP", "PerfDiagnostics", .product(name: "Logging", package: "swift-log")]),

        // 5. Front ends.
        .target(name: "PerfCLI", dependencies: [
            "PerfDiagnostics", "PerfSafeTensors", "PerfManifest", "PerfBundle", "PerfSigning", "PerfRegistry", "PerfServer", "PerfClient",
            "PerfTensor", "PerfDiffusion", "PerfPerfusion", "PerfWorld",
            "PerfEvaluation", "PerfPlot",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "PerfServer", dependencies: ["PerfRegistry", "PerfManifest", "PerfSigning", "PerfDiagnostics",
                                                   .product(name: "Crypto", package: "swift-crypto"),
                                                   .product(name: "Hummingbird", package: "hummingbird"),
                                                   .product(name: "NIOCore", package: "swift-nio"),
                                                   .product(name: "NIOPosix", package: "swift-nio"),
                                                   .product(name: "Logging", package: "swift-log")]),
        .executableTarget(name: "perf", dependencies: ["PerfCLI"]),
        .executableTarget(name: "perf-resolver-bench", dependencies: ["PerfResolver", "PerfManifest"], path: "Sources/PerfResolverBench"),
        .executableTarget(name: "perf-bench", dependencies: ["PerfTensor", "CBLAS"], path: "Sources/PerfBench"),
        // The Stable Diffusion 1.5 geometry benchmark (BENCHMARKS.md, scripts/bench_unet_torch.py).
        .executableTarget(name: "perf-diffusion-bench", dependencies: ["PerfDiffusion", "PerfSafeTensors", "PerfTensor"],
                          path: "Sources/PerfDiffusionBench"),

        // Tests mirror modules; PerfTestSupport holds helpers shared by every test target.
        .target(name: "PerfTestSupport", dependencies: ["PerfDiagnostics"], path: "Tests/PerfTestSupport"),
        .testTarget(name: "PerfSafeTensorsTests", dependencies: ["PerfSafeTensors", "PerfTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "PerfManifestTests", dependencies: ["PerfManifest", "PerfTestSupport"]),
        .testTarget(name: "PerfBundleTests", dependencies: ["PerfBundle", "PerfManifest", "PerfTestSupport"]),
        .testTarget(name: "PerfSigningTests", dependencies: ["PerfSigning", "PerfTestSupport"]),
        .testTarget(name: "PerfRegistryTests", dependencies: ["PerfRegistry", "PerfBundle", "PerfSigning", "PerfManifest", "PerfTestSupport"]),
        // A child process for PerfRegistryTests: concurrent publishers and SIGKILL crash tests.
        .executableTarget(name: "RegistryStress", dependencies: ["PerfRegistry", "PerfSigning", "PerfDiagnostics"],
                          path: "Tests/RegistryStress"),
        .testTarget(name: "PerfTensorTests", dependencies: ["PerfTensor", "PerfTestSupport"]),
        .testTarget(name: "PerfDiffusionTests", dependencies: ["PerfDiffusion", "PerfSafeTensors", "PerfTensor", "PerfTestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "PerfCLITests", dependencies: ["PerfCLI", "PerfDiffusion", "PerfManifest", "PerfPerfusion", "PerfTestSupport"]),
        .testTarget(name: "PerfPerfusionTests", dependencies: ["PerfPerfusion", "PerfDiffusion", "PerfTensor", "PerfSafeTensors",
                                                              "PerfBundle", "PerfTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "PerfEvaluationTests", dependencies: ["PerfEvaluation", "PerfDiffusion", "PerfWorld", "PerfTestSupport"]),
        .testTarget(name: "PerfPlotTests", dependencies: ["PerfPlot"]),
        .testTarget(name: "PerfWorldTests", dependencies: ["PerfWorld", "PerfDiffusion", "PerfTestSupport"]),
        .testTarget(name: "PerfHTTPTests", dependencies: ["PerfHTTP", "PerfTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "PerfClientTests", dependencies: ["PerfClient", "PerfRegistry", "PerfBundle", "PerfSigning", "PerfManifest",
                                                           "PerfResolver", "PerfHTTP", "PerfTestSupport"]),
        .testTarget(name: "PerfResolverTests", dependencies: ["PerfResolver", "PerfManifest", "PerfTestSupport"]),
        .testTarget(name: "PerfServerTests", dependencies: ["PerfServer", "PerfRegistry", "PerfSigning", "PerfManifest", "PerfBundle", "PerfTestSupport",
                                                           .product(name: "HummingbirdTesting", package: "hummingbird")]),
    ],
    swiftLanguageModes: [.v6]
)
