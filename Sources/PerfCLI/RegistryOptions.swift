import ArgumentParser
import Foundation
import PerfRegistry

/// `--registry URL`: which registry a command talks to (DESIGN §4). Without it: `$PERF_REGISTRY`,
/// then `registry` in `PERF_HOME/config.json`, then the `Registry/` bundled with perf.
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: "The registry: a folder, a file:// URL (default: the configured one, else the bundled Registry/).")
    var registry: String?

    /// The registry's folder, resolved from the option, the environment, the config, or the bundle.
    func resolvedFolder() throws -> URL {
        let spec = try registry
            ?? ProcessInfo.processInfo.environment["PERF_REGISTRY"].flatMap { $0.isEmpty ? nil : $0 }
            ?? PerfConfig.load(from: .current).registry
            ?? BundledRegistry.folder?.path
        guard let spec else {
            throw CLIError.fileNotFound("Registry/", what: "default registry",
                                        fix: "pass --registry DIR or set \"registry\" in PERF_HOME/config.json")
        }
        return try Self.folder(for: spec)
    }

    /// Opens the resolved file registry.
    func open() throws -> FileRegistry {
        try FileRegistry(root: resolvedFolder())
    }

    /// Maps a registry URL to a folder, refusing schemes this build cannot serve.
    static func folder(for spec: String) throws -> URL {
        if spec.hasPrefix("file://") {
            guard let url = URL(string: spec), url.isFileURL else {
                throw CLIError.invalidArgument("--registry", value: spec, expected: "a file:///absolute/path URL")
            }
            return url.standardizedFileURL
        }
        if spec.hasPrefix("http://") || spec.hasPrefix("https://") {
            throw CLIError.unsupportedRegistry(spec)
        }
        if spec.contains("://") {
            throw CLIError.invalidArgument("--registry", value: spec, expected: "a folder, file:// URL or http(s):// URL")
        }
        return URL(fileURLWithPath: spec).standardizedFileURL
    }
}

/// The file registry that ships with perf (`Registry/` beside `Package.swift`), found by
/// walking up from the executable.
enum BundledRegistry {
    /// The bundled registry's folder, if this perf was built from a checkout that has one.
    static var folder: URL? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("Registry")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("config.json").path),
               FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                return candidate
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }
}
