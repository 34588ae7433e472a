// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way: JSON and HTTPServer know nothing of Kubernetes;
// Authorizer knows no sockets; Webhooks owns the wire types (SubjectAccessReview,
// AdmissionReview) and the admission policies; the executable wires them.
let package = Package(
    name: "seed-webhooks",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "seed-webhooks", targets: ["seed-webhooks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // C libraries through the system's pkg-config (scripts/setup installs them).
        .systemLibrary(
            name: "CLlhttp",
            pkgConfig: "libllhttp",
            providers: [.apt(["libllhttp-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        // simdjson (C++) validates an admission review and gives its tape; Swift reads the tape
        // through CJSONTape's C function.
        .systemLibrary(
            name: "Csimdjson",
            pkgConfig: "simdjson",
            providers: [.apt(["libsimdjson-dev"])]
        ),
        .target(name: "CJSONTape", dependencies: ["Csimdjson"]),
        // OpenSSL macros and Linux calls that Swift cannot import directly.
        .target(name: "CSystemShim", dependencies: ["COpenSSL"]),

        // SSE2 byte searches the JSON scanner inlines.
        .target(name: "CByteScan"),
        .target(name: "JSON", dependencies: ["CByteScan", "CJSONTape", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "HTTPServer",
            dependencies: [
                "CLlhttp", "COpenSSL", "CSystemShim",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // Each event loop's state is confined to its thread; the dynamic exclusivity checks
            // cost about 6% of the CPU per request (make bench), so they are off for this target.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
        ),
        .target(
            name: "Authorizer",
            dependencies: [
                "JSON", "COpenSSL", "CSystemShim",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(
            name: "Webhooks",
            dependencies: [
                "JSON", "HTTPServer", "Authorizer", "COpenSSL", "CSystemShim",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The garden's Kubernetes API as a client: kubeconfig, HTTPS, list/watch informers.
        .target(
            name: "KubeClient",
            dependencies: [
                "JSON", "CLlhttp", "COpenSSL", "CSystemShim",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // A small kube-apiserver stand-in (LIST/WATCH over TLS with faults) for tests and benchmarks.
        .target(name: "KubeClientTesting", dependencies: ["JSON", "COpenSSL", "CSystemShim"]),
        .executableTarget(
            name: "seed-webhooks",
            dependencies: [
                "JSON", "HTTPServer", "Authorizer", "Webhooks", "KubeClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // In-process benchmarks run by `make bench` (bench/run); not part of the product.
        .executableTarget(
            name: "seed-webhooks-bench",
            dependencies: [
                "JSON", "HTTPServer", "Authorizer", "Webhooks", "KubeClient", "KubeClientTesting",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "COpenSSL", "CSystemShim"]),
        .testTarget(name: "AuthorizerTests", dependencies: ["Authorizer", "JSON"]),
        .testTarget(
            name: "KubeClientTests",
            dependencies: ["KubeClient", "KubeClientTesting", "JSON", "Authorizer", .product(name: "Prometheus", package: "swift-prometheus")]
        ),
        .testTarget(name: "WebhooksTests", dependencies: ["Webhooks", "Authorizer", "JSON"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["HTTPServer", "Authorizer", "Webhooks", "JSON", "COpenSSL", "CSystemShim", "KubeClient", "KubeClientTesting",
                           .product(name: "Yams", package: "Yams")]
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
