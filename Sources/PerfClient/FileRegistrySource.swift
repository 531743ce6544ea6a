import Foundation
import PerfDiagnostics
import PerfHTTP
import PerfManifest
import PerfRegistry
import PerfSigning

/// A registry in a folder on this machine, read through `FileRegistry` (which checks index
/// files and key histories as it reads them). Archives are copied with the HTTP client's
/// verify-before-rename download from their `file://` URL; a `dl` template that points
/// elsewhere is fetched with `remote`, which `--offline` forbids.
public struct FileRegistrySource: RegistrySource {
    /// The folder.
    public let location: RegistryLocation
    /// The registry it holds.
    public let registry: FileRegistry
    /// Reads `file://` URLs only: never the network, so usable offline.
    private let local: HTTPClient
    /// Fetches archives whose `dl` URL is not a file.
    private let remote: HTTPClient

    /// Opens the registry in `location`'s folder; `remote` fetches archives served elsewhere.
    public init(location: RegistryLocation, remote: HTTPClient) throws {
        precondition(location.kind == .folder, "a FileRegistrySource reads a folder")
        self.location = location
        registry = try FileRegistry(root: location.root)
        local = HTTPClient(configuration: HTTPClientConfiguration(maxRetries: 0))
        self.remote = remote
    }

    /// Always false: the folder is on this machine (a remote `dl` URL still obeys `--offline`).
    public var isOffline: Bool { false }

    public func config() throws -> RegistryConfig { registry.config }

    public func versions(of name: PackageName) throws -> [IndexLine]? {
        do {
            return try registry.versions(of: name)
        } catch let error as RegistryError where error.exitStatus == .notFound {
            return nil
        }
    }

    public func scopeKeys(_ scope: String) throws -> ScopeKeys? {
        do {
            return try registry.scopeKeys(scope)
        } catch let error as RegistryError where error.exitStatus == .notFound {
            return nil
        }
    }

    public func signature(of sha256: Digest) throws -> Minisig {
        let url = location.resolve(RegistryPath.signature(sha256))
        guard let data = try LocalFile.read(url) else {
            throw ClientError.archiveRejected("the archive \(sha256.hex)", location: url.path, "its signature file is missing")
        }
        return try Minisig(text: String(decoding: data, as: UTF8.self), source: url.path)
    }

    public func archiveURL(of sha256: Digest) throws -> URL {
        location.resolve(registry.config.downloadPath(for: sha256))
    }

    public func download(_ sha256: Digest, size: Int, to destination: URL, verify: (URL) throws -> Void) throws {
        let url = try archiveURL(of: sha256)
        try (url.isFileURL ? local : remote).download(url, to: destination, expectedSize: size, verify: verify)
    }

    public var logLocation: String { registry.logLocation }

    public func signedCheckpoint() throws -> Data { try registry.signedCheckpoint() }

    public func logEntries() throws -> Data { try registry.logEntries() }
}
