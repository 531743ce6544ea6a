import Foundation
import Logging
import PerfHTTP
import PerfManifest
import PerfRegistry
import PerfSigning

/// A registry served over HTTP(S) as a static tree (nginx, object storage, `perf registry
/// serve`). `config.json`, index and keys files are revalidated with their ETags once per
/// run and kept in an `IndexMirror`, which `FileRegistry` then reads and checks; `log/` is
/// revalidated at every read, so a re-check sees a log that grew; archives are downloaded
/// resumably and verified before they are renamed into place. Offline, the mirror answers
/// alone, and whatever it lacks is a clear error.
public final class HTTPRegistrySource: RegistrySource, @unchecked Sendable {
    public let location: RegistryLocation
    private let client: HTTPClient
    private let mirror: IndexMirror
    private let logger: Logger
    private let lock = NSLock()
    /// The paths brought up to date in this run, and whether the registry has them; guarded by `lock`.
    private var refreshed: [String: Bool] = [:]
    /// The mirror opened as a registry once its `config.json` is current; guarded by `lock`.
    private var opened: FileRegistry?

    /// A source for the tree at `location`, mirrored under `home`, fetched with `client`
    /// (whose offline mode this source follows).
    public init(location: RegistryLocation, home: ClientHome, client: HTTPClient, logger: Logger) {
        precondition(location.kind == .http, "an HTTPRegistrySource reads an http(s) URL")
        self.location = location
        self.client = client
        self.logger = logger
        mirror = IndexMirror(root: home.indexMirror(location))
    }

    public var isOffline: Bool { client.configuration.offline }

    public func config() throws -> RegistryConfig { try registry().config }

    public func versions(of name: PackageName) throws -> [IndexLine]? {
        guard try refresh(RegistryPath.index(name)) else { return nil }
        return try reading { try registry().versions(of: name) }
    }

    public func scopeKeys(_ scope: String) throws -> ScopeKeys? {
        guard try refresh(RegistryPath.keys(scope)) else { return nil }
        return try reading { try registry().scopeKeys(scope) }
    }

    public func signature(of sha256: Digest) throws -> Minisig {
        let url = location.resolve(RegistryPath.signature(sha256))
        let response = try client.get(url)
        return try Minisig(text: String(decoding: response.body, as: UTF8.self), source: url.absoluteString)
    }

    public func archiveURL(of sha256: Digest) throws -> URL {
        location.resolve(try config().downloadPath(for: sha256))
    }

    public func download(_ sha256: Digest, size: Int, to destination: URL, verify: (URL) throws -> Void) throws {
        let url = try archiveURL(of: sha256)
        logger.debug("downloading \(url.absoluteString) (\(size) bytes)")
        try client.download(url, to: destination, expectedSize: size, verify: verify)
    }

    public var logLocation: String { location.lockValue }

    public func signedCheckpoint() throws -> Data { try logFile(RegistryPath.checkpoint) }

    public func logEntries() throws -> Data { try logFile(RegistryPath.logEntries) }

    /// A file of `log/`, brought up to date at every read (the log grows between reads).
    private func logFile(_ path: String) throws -> Data {
        guard try update(path), let data = try LocalFile.read(mirror.file(path)) else {
            throw ClientError.unreadableRegistry(location.description, "it serves no \(path)")
        }
        return data
    }

    /// The mirror as a registry, after bringing its `config.json` up to date.
    private func registry() throws -> FileRegistry {
        if let opened = guarded({ opened }) { return opened }
        guard try refresh(RegistryPath.config) else {
            throw ClientError.notARegistry(location.description, "\(location.resolve(RegistryPath.config).absoluteString) is not found")
        }
        let registry = try reading { try FileRegistry(root: mirror.root) }
        guarded { opened = registry }
        return registry
    }

    /// Brings the mirror's copy of `path` up to date once per run; returns whether the registry has it.
    private func refresh(_ path: String) throws -> Bool {
        if let known = guarded({ refreshed[path] }) { return known }
        let exists = try update(path)
        guarded { refreshed[path] = exists }
        return exists
    }

    /// Brings the mirror's copy of `path` up to date now; returns whether the registry has it.
    private func update(_ path: String) throws -> Bool {
        try isOffline ? offlineCopy(path) : revalidate(path)
    }

    /// Offline: the copy must already be there.
    private func offlineCopy(_ path: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: mirror.file(path).path) else {
            throw ClientError.notCached("\(location.lockValue)/\(path)", path: mirror.file(path).path,
                                        fix: "run the command once without --offline to fetch it")
        }
        return true
    }

    /// Online: a conditional GET with the copy's ETag; a 404 or 410 removes the copy.
    private func revalidate(_ path: String) throws -> Bool {
        let url = location.resolve(path)
        let cached = try mirror.cached(path)
        do {
            switch try client.getRevalidating(url, cached: cached) {
            case .notModified:
                logger.debug("\(url.absoluteString) not modified")
            case .modified(let resource):
                logger.debug("\(url.absoluteString) fetched (\(resource.body.count) bytes)")
                try mirror.store(path, resource)
            }
            return true
        } catch let error as HTTPError where error.status == 404 || error.status == 410 {
            try mirror.forget(path)
            return false
        }
    }

    /// Runs `body` holding `lock`.
    private func guarded<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// Runs a read of the mirror, naming the registry's URL in a refusal.
    private func reading<T>(_ read: () throws -> T) throws -> T {
        do {
            return try read()
        } catch let error as RegistryError {
            throw ClientError.unreadableRegistry(location.description, "its copy in \(mirror.root.path) is refused: \(error)")
        }
    }
}
