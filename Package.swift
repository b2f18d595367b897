// swift-tools-version: 6.0
import PackageDescription

// Dependencies, and why each is here (DESIGN.md "Choices, and why"):
// - swift-argument-parser: the `vigil` command line (help, errors, completions).
// - TOMLKit: Vigil's config and gitleaks-format rule files are both TOML.
// - swift-crypto: SHA-256 for alert fingerprints and redacted secret evidence; no hand-rolled hashing.
// libgit2 and PCRE2 come from Debian as system libraries (see Sources/CGit2 and Sources/CPCRE2).
let package = Package(
    name: "vigil",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vigil", targets: ["vigil"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
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
        .executableTarget(
            name: "vigil",
            dependencies: [
                "VigilCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
            name: "EndToEndTests",
            dependencies: ["VigilTestSupport"],
            exclude: ["validate_sarif.py"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
