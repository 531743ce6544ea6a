import Foundation
import Logging
import PerfHTTP
import PerfManifest
import PerfRegistry

/// What `perf add`, `perf resolve` and `perf install` do with one registry and one PERF_HOME:
/// open the registry's read path (a folder, or HTTP with `--offline` honoured), check its
/// keys against the pins, resolve a composition, and install a lockfile.
public struct RegistryClient {
    /// The PERF_HOME used.
    public let home: ClientHome
    /// The registry resolved against.
    public let registry: RegistryLocation
    /// Whether the network is off limits (`--offline`): the HTTP client then refuses every request.
    public let offline: Bool
    /// Talks HTTP, or refuses to when offline.
    let http: HTTPClient
    let logger: Logger

    /// A client of `registry` keeping its files in `home`; `http` tunes timeouts and retries
    /// (its `offline` is replaced by `offline`).
    public init(home: ClientHome, registry: RegistryLocation, offline: Bool = false,
                http: HTTPClientConfiguration = HTTPClientConfiguration(), logger: Logger = Logger(label: "perf.client")) {
        self.home = home
        self.registry = registry
        self.offline = offline
        var configuration = http
        configuration.offline = offline
        self.http = HTTPClient(configuration: configuration, logger: logger)
        self.logger = logger
    }

    /// Opens the registry's read path.
    public func source() throws -> any RegistrySource {
        switch registry.kind {
        case .folder: return try FileRegistrySource(location: registry, remote: http)
        case .http: return HTTPRegistrySource(location: registry, home: home, client: http, logger: logger)
        }
    }

    /// A catalogue of the registry, trusting keys through the pins in PERF_HOME and index
    /// lines through the registry's signed log; `locked` are the versions `perf.lock` pins.
    public func catalog(locked: [PackageName: SemanticVersion] = [:]) throws -> RegistryCatalog {
        let source = try source()
        return RegistryCatalog(source: source, trust: try TrustStore(home: home, registry: registry),
                               archives: ArchiveCache(home: home, logger: logger), witness: try witness(of: source),
                               locked: locked, logger: logger)
    }

    /// The registry's transparency log (DESIGN §3, `log/`), checked against the checkpoint
    /// key pinned in `PERF_HOME/registries/<id>/` (the first of `root_keys` on first use) and
    /// the checkpoint seen before, so a rolled-back or rewritten log is refused. A registry
    /// whose config names no root key signs no checkpoints: its index is read unvouched, with a warning.
    func witness(of source: any RegistrySource) throws -> LogWitness? {
        let config = try source.config()
        guard !config.rootKeys.isEmpty else {
            logger.warning("\(registry) lists no root key in its config.json, so its log cannot be checked; its index is read as served")
            return nil
        }
        let check = try TransparencyCheck(config: config, location: source.logLocation,
                                          store: CheckpointStore(directory: home.logMemory(registry)))
        return try LogWitness(check: check, source: source)
    }
}
