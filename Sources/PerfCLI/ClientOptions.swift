import ArgumentParser
import Foundation
import PerfClient

/// `--registry URL` and `--offline` for the composition commands (`perf add`, `perf resolve`,
/// `perf install`), which read HTTP registries too. Without `--registry`: `$PERF_REGISTRY`,
/// then `registry` in `PERF_HOME/config.json`, then the `Registry/` bundled with perf.
struct ClientOptions: ParsableArguments {
    @OptionGroup var registryOptions: RegistryOptions

    @Flag(name: .long, help: "Make no network call: use perf.lock and the cache in PERF_HOME only.")
    var offline = false

    /// The client for the chosen registry and the current PERF_HOME.
    func client() throws -> RegistryClient {
        try registryOptions.client(offline: offline)
    }

    /// The project in the current folder.
    static var project: CompositionProject {
        CompositionProject(folder: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
    }
}
