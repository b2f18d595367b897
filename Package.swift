// swift-tools-version: 6.0
import PackageDescription

// Dependencies, and why each is here (DESIGN.md "Choices, and why"):
// - swift-argument-parser: the `vigil` command line (help, errors, completions).
// - TOMLKit: Vigil's config and gitleaks-format rule files are both TOML.
// - swift-crypto: SHA-256 for alert fingerprints and redacted secret evidence; no hand-rolled hashing.
// - GRDB.swift: the alert queue on SQLite (WAL, migrations, busy timeout) in VigilStore.
// - swift-service-lifecycle: the daemon's services, SIGTERM/SIGINT graceful shutdown, SIGHUP reload.
// - swift-log: the daemon's log lines to stderr (journald reads them under systemd).
// - swift-subprocess: scan children and the follow-up command, argv without a shell, pipes, kill.
// libgit2 and PCRE2 come from Debian as system libraries (see Sources/CGit2 and Sources/CPCRE2).
// Linux only: the daemon watches with inotify and reads /proc, and the system libraries come from
// Debian; no `platforms` entry claims a system it has not been built on.
let package = Package(
    name: "vigil",
    products: [
        .executable(name: "vigil", targets: ["vigil"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .target(
            name: "VigilGit",
            dependencies: ["CGit2"]
        ),
        .target(
            name: "VigilCore",
            dependencies: [
                "VigilGit",
                "CPCRE2",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "VigilStore",
            dependencies: [
                "VigilCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "VigilDaemon",
            dependencies: [
                "VigilCore",
                "VigilGit",
                "VigilStore",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        .executableTarget(
            name: "vigil",
            dependencies: [
                "VigilCore",
                "VigilStore",
                "VigilDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "VigilTestSupport",
            path: "Tests/VigilTestSupport"
        ),
        .testTarget(
            name: "VigilGitTests",
            dependencies: ["VigilGit", "VigilTestSupport"]
        ),
        .testTarget(
            name: "VigilCoreTests",
            dependencies: ["VigilCore", "VigilGit", "VigilTestSupport"]
        ),
        .testTarget(
            name: "VigilStoreTests",
            dependencies: ["VigilStore", "VigilCore", "VigilTestSupport"]
        ),
        .testTarget(
            name: "VigilDaemonTests",
            dependencies: ["VigilDaemon", "VigilCore", "VigilGit", "VigilTestSupport"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["VigilTestSupport", "VigilStore", "VigilCore"],
            exclude: ["validate_sarif.py"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
