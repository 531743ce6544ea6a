import ArgumentParser
import Foundation
import Logging
import PerfClient
import PerfHTTP
import PerfRegistry

/// `--registry URL`: which registry a command talks to (DESIGN §4). Without it: `$PERF_REGISTRY`,
/// then `registry` in `PERF_HOME/config.json`, then the `Registry/` bundled with perf.
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: "The registry: a folder, a file:// URL or an http(s):// URL (default: the configured one, else the bundled Registry/).")
    var registry: String?

    /// The registry named by `option`, the environment, the config, or the bundle, in that order.
    static func location(_ option: String?) throws -> RegistryLocation {
        let spec = try option
            ?? ProcessInfo.processInfo.environment["PERF_REGISTRY"].flatMap { $0.isEmpty ? nil : $0 }
            ?? PerfConfig.load(from: .current).registry
            ?? BundledRegistry.folder?.path
        guard let spec else {
            throw CLIError.fileNotFound("Registry/", what: "default registry",
                                        fix: "pass --registry URL or set \"registry\" in PERF_HOME/config.json")
        }
        return try RegistryLocation(parsing: spec, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    /// The chosen registry.
    func location() throws -> RegistryLocation { try Self.location(registry) }

    /// Opens the chosen registry as a folder; `command` names what needs one in the error for an HTTP registry.
    func open(for command: String) throws -> FileRegistry {
        let location = try location()
        guard location.kind == .folder else { throw CLIError.unsupportedRegistry(location.lockValue, command: command) }
        return try FileRegistry(root: location.root)
    }

    /// The registry's writer: the folder itself, or the HTTP API with the user's token.
    func writer() throws -> RegistryWriter {
        let location = try location()
        switch location.kind {
        case .folder:
            return .folder(try FileRegistry(root: location.root))
        case .http:
            let token = try RegistryCredentials(home: ClientHome(root: PerfHome.current.url)).token(for: location)
            return .http(HTTPRegistryWriter(location: location, token: token, client: HTTPClient()))
        }
    }

    /// A read client for the chosen registry (folders and HTTP trees alike).
    func client(offline: Bool = false) throws -> RegistryClient {
        RegistryClient(home: ClientHome(root: PerfHome.current.url), registry: try location(), offline: offline,
                       logger: Logger(label: "perf.client"))
    }
}

/// Where `perf publish` and `perf yank` write: a registry folder directly, or a registry server's API.
enum RegistryWriter {
    case folder(FileRegistry)
    case http(HTTPRegistryWriter)

    /// The registry, for messages.
    var description: String {
        switch self {
        case .folder(let registry): registry.root.path
        case .http(let writer): writer.location.lockValue
        }
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
