import ArgumentParser
import Foundation
import Logging
import PerfClient

/// `--registry URL` and `--offline` for the composition commands (`perf add`, `perf resolve`,
/// `perf install`), which read HTTP registries too. Without `--registry`: `$PERF_REGISTRY`,
/// then `registry` in `PERF_HOME/config.json`, then the `Registry/` bundled with perf.
struct ClientOptions: ParsableArguments {
    @Option(name: .long, help: "The registry: a folder, a file:// URL or an http(s):// URL (default: the configured one, else the bundled Registry/).")
    var registry: String?

    @Flag(name: .long, help: "Make no network call: use perf.lock and the cache in PERF_HOME only.")
    var offline = false

    /// The client for the chosen registry and the current PERF_HOME.
    func client() throws -> RegistryClient {
        let spec = try registry
            ?? ProcessInfo.processInfo.environment["PERF_REGISTRY"].flatMap { $0.isEmpty ? nil : $0 }
            ?? PerfConfig.load(from: .current).registry
            ?? BundledRegistry.folder?.path
        guard let spec else {
            throw CLIError.fileNotFound("Registry/", what: "default registry",
                                        fix: "pass --registry URL or set \"registry\" in PERF_HOME/config.json")
        }
        let location = try RegistryLocation(parsing: spec, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        return RegistryClient(home: ClientHome(root: PerfHome.current.url), registry: location, offline: offline,
                              logger: Logger(label: "perf.client"))
    }

    /// The project in the current folder.
    static var project: CompositionProject {
        CompositionProject(folder: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
    }
}
