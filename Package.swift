// swift-tools-version:6.0
import PackageDescription

// Targets depend one way: CCMarkGFM, CMarkArena ← Markdown; CStemmer ← Stemming ← Rendering; Diagnostics ← Markdown ← Content ← Validation / Rendering ← Publishing ← Preview ← moteplass;
// Diagnostics ← Templating ← Rendering; BuiltIn ← Rendering, Publishing. swift-mustache is the tests' reference for Templating.
// See README.md ("Design") for why the pipeline is shaped like this.
let package = Package(
    name: "moteplass",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "moteplass", targets: ["moteplass"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [
                .apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]),
                .brew(["cmark-gfm"]),
            ]
        ),
        .target(name: "CMarkArena", dependencies: ["CCMarkGFM"]),
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        .target(name: "Stemming", dependencies: ["CStemmer"]),
        .target(name: "CSystem"),
        .target(name: "Diagnostics"),
        .target(name: "Markdown", dependencies: ["CCMarkGFM", "CMarkArena", "Diagnostics"]),
        .target(name: "Content", dependencies: ["Diagnostics", .product(name: "Yams", package: "Yams")]),
        .target(name: "Templating", dependencies: ["Diagnostics"]),
        // The built-in theme (Templates/) and `moteplass init`'s files (InitFiles/), made into Swift
        // source on every build by the EmbedFiles plugin, so that the binary is one file.
        .target(name: "BuiltIn", exclude: ["InitFiles"], plugins: ["EmbedFiles"]),
        .executableTarget(name: "embed-files"),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"]),
        .target(name: "Validation", dependencies: ["Content", "Markdown", "Diagnostics", "Stemming"]),
        .target(
            name: "Rendering",
            dependencies: [
                "Content", "Markdown", "Diagnostics", "Templating", "Stemming", "BuiltIn",
            ]
        ),
        .target(name: "Publishing", dependencies: ["Rendering", "Validation", "Content", "Diagnostics", "CSystem", "BuiltIn"]),
        // FlyingSocks (sockets) and not FlyingFox's HTTP server, which imports FoundationNetworking and
        // so would make the release binary need libcurl (README, "Last ned verktøyet").
        .target(
            name: "Preview",
            dependencies: ["Publishing", "Rendering", "Content", "Diagnostics", .product(name: "FlyingSocks", package: "FlyingFox")]
        ),
        .executableTarget(
            name: "moteplass",
            dependencies: [
                "Publishing", "Preview", "Diagnostics", "BuiltIn",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What each fuzzer checks on an input, shared by the libFuzzer harnesses and the tests
        // that run the kept inputs (FuzzCorpusTests).
        .target(
            name: "FuzzChecks", dependencies: ["Content", "Validation", "Markdown", "Templating", "Diagnostics"],
            path: "Tests/Fuzz/FuzzChecks"
        ),
        .testTarget(
            name: "MoteplassTests",
            dependencies: [
                "Content", "Validation", "Rendering", "Publishing", "Preview", "Diagnostics", "Markdown", "Templating", "Stemming",
                "BuiltIn", "FuzzChecks",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Tests/MoteplassTests"
        ),
    ]
)

// The libFuzzer harnesses (`make fuzz`), one executable each, declared only for the fuzz build:
// their entry point is libFuzzer's `main`, so they link only with `--sanitize=fuzzer`.
if Context.environment["MOTEPLASS_FUZZ"] == "1" {
    for name in ["content", "markdown", "templates", "yaml"] {
        package.targets.append(
            .executableTarget(name: "fuzz-\(name)", dependencies: ["FuzzChecks"], path: "Tests/Fuzz/Harnesses/\(name)"))
    }
}
