import Foundation
import Logging
import PerfDiagnostics
import PerfHTTP
import PerfManifest
import PerfSigning

/// Verified archives in `PERF_HOME/cache/sha256/`, each beside the signature it was verified
/// with. An archive enters the cache only after `ArchiveExpectation.check` accepted the
/// complete download (the HTTP client renames it into place after the check), and is
/// checked again whenever it is used, so a damaged entry is replaced, never installed.
public struct ArchiveCache: Sendable {
    /// The PERF_HOME holding the cache.
    public let home: ClientHome
    private let logger: Logger

    /// The cache of `home`.
    public init(home: ClientHome, logger: Logger = Logger(label: "perf.client")) {
        self.home = home
        self.logger = logger
    }

    /// The archive `expected` describes, verified with `key`: from the cache, else fetched
    /// from `source`. Offline, or without a source, a missing archive is a `ClientError`
    /// naming what is missing and where.
    public func archive(_ expected: ArchiveExpectation, key: PublicKey, from source: (any RegistrySource)?) throws -> VerifiedArchive {
        let url = home.archive(expected.sha256)
        if let cached = try cachedArchive(expected, key: key, at: url) { return cached }
        guard let source, !source.isOffline else { throw missing(expected) }
        let signature = try source.signature(of: expected.sha256)
        let location = try source.archiveURL(of: expected.sha256).absoluteString
        var manifest: PackageManifest?
        var data = Data()
        var refusal: ClientError?
        do {
            try LocalFile.makeFolder(home.archives)
            try source.download(expected.sha256, size: expected.size, to: url) { partial in
                data = try LocalFile.read(partial) ?? Data()
                do {
                    manifest = try expected.check(data, signature: signature, key: key, location: location)
                } catch let error as ClientError {
                    refusal = error
                    throw error
                }
                try LocalFile.write(Data(signature.text.utf8), to: home.signature(expected.sha256))
            }
        } catch let error as HTTPError where error.exitStatus == .verificationFailed || error.exitStatus == .dataError {
            throw refusal ?? ClientError.archiveRejected(expected.package, location: location, "\(error)")
        }
        guard let manifest else { throw InternalError("a download returned without its verification") }
        logger.debug("verified \(expected.package) from \(location) into \(url.path)")
        return VerifiedArchive(expectation: expected, data: data, manifest: manifest, url: url, downloaded: true)
    }

    /// Whether the archive with `sha256` is in the cache (not yet verified).
    public func holds(_ sha256: Digest) -> Bool {
        FileManager.default.fileExists(atPath: home.archive(sha256).path)
    }

    /// The error for an archive that is not in the cache and may not be fetched.
    func missing(_ expected: ArchiveExpectation) -> ClientError {
        ClientError.notCached("\(expected.package) (sha256 \(expected.sha256.hex))", path: home.archive(expected.sha256).path,
                              fix: "run `perf install` without --offline to download it")
    }

    /// The cached archive, verified; nil when absent or damaged (a damaged one is removed).
    private func cachedArchive(_ expected: ArchiveExpectation, key: PublicKey, at url: URL) throws -> VerifiedArchive? {
        let signatureURL = home.signature(expected.sha256)
        guard let data = try LocalFile.read(url), let signatureData = try LocalFile.read(signatureURL) else { return nil }
        do {
            let signature = try Minisig(text: String(decoding: signatureData, as: UTF8.self), source: signatureURL.path)
            let manifest = try expected.check(data, signature: signature, key: key, location: url.path)
            return VerifiedArchive(expectation: expected, data: data, manifest: manifest, url: url, downloaded: false)
        } catch {
            logger.warning("removing the damaged cache entry \(url.path): \(error)")
            try LocalFile.remove(url)
            try LocalFile.remove(signatureURL)
            return nil
        }
    }
}

/// An archive that passed `ArchiveExpectation.check`.
public struct VerifiedArchive: Sendable {
    /// What it was checked against.
    public let expectation: ArchiveExpectation
    /// Its bytes.
    public let data: Data
    /// Its `perf.json`.
    public let manifest: PackageManifest
    /// Its place in the cache.
    public let url: URL
    /// Whether it was fetched in this call (false: it was already in the cache).
    public let downloaded: Bool
}
