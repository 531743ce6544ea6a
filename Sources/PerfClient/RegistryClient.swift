import Foundation
import Logging
import PerfHTTP
import PerfManifest

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

    /// A catalogue of the registry, trusting keys through the pins in PERF_HOME; `locked`
    /// are the versions `perf.lock` pins.
    public func catalog(locked: [PackageName: SemanticVersion] = [:]) throws -> RegistryCatalog {
        let source = try source()
        try checkLog(of: source)
        return RegistryCatalog(source: source, trust: try TrustStore(home: home, registry: registry),
                               archives: ArchiveCache(home: home, logger: logger), locked: locked, logger: logger)
    }

    /// The transparency-log check (DESIGN §3, `log/`) before the index is trusted: the seam
    /// for PerfRegistry's signed-checkpoint verification, which refuses a rolled-back or
    /// rewritten log. `RegistrySource` already reads `log/checkpoint` and `log/entries` for
    /// it; until that check is in PerfRegistry, nothing is checked here.
    func checkLog(of source: any RegistrySource) throws {}
}
