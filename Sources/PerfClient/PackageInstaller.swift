import Foundation
import Logging
import PerfBundle
import PerfManifest
import PerfSigning

/// Installs exactly what a `Lockfile` pins: every archive is verified (from the cache, or
/// fetched into it) with the key its entry names, which must be trusted for the scope in the
/// entry's registry; then the concepts' base weights are checked against the locked base;
/// only then is anything extracted, each package atomically into
/// `PERF_HOME/packages/<scope>/<name>/<version>/`. A refused archive leaves the cache and
/// the installed packages as they were.
public struct PackageInstaller {
    /// The PERF_HOME installed into.
    public let home: ClientHome
    private let archives: ArchiveCache
    private let logger: Logger

    /// An installer into `home`.
    public init(home: ClientHome, logger: Logger = Logger(label: "perf.client")) {
        self.home = home
        archives = ArchiveCache(home: home, logger: logger)
        self.logger = logger
    }

    /// Installs every package of `lockfile`. Keys come from `trust` (by registry `lockValue`),
    /// else from the pins in PERF_HOME; missing archives are fetched from `source` when the
    /// entry's registry is `source`'s, and are otherwise a `ClientError`.
    public func install(_ lockfile: Lockfile, trust: [TrustStore] = [], source: (any RegistrySource)?) throws -> [InstalledPackage] {
        var stores = Dictionary(trust.map { ($0.registry.lockValue, $0) }) { first, _ in first }
        var verified: [VerifiedArchive] = []
        for package in lockfile.packages {
            if stores[package.registry] == nil {
                stores[package.registry] = try TrustStore(home: home, registry: RegistryLocation(parsing: package.registry))
            }
            guard let store = stores[package.registry] else { continue }
            let expected = ArchiveExpectation(locked: package)
            let from = source.flatMap { $0.location.lockValue == package.registry ? $0 : nil }
            guard let id = KeyID(hex: package.keyID), let key = store.key(scope: package.name.scope, id: id) else {
                // Never installed here: no pinned key and no archive. Say what the cache lacks first.
                if !archives.holds(package.sha256), from?.isOffline ?? true { throw archives.missing(expected) }
                throw ClientError.untrustedKey(expected.package, keyID: package.keyID,
                                               registry: store.registry.description, trustFile: store.file.path)
            }
            verified.append(try archives.archive(expected, key: key, from: from))
        }
        try checkBases(verified)
        return try verified.map(extract)
    }

    /// Every locked concept must have been trained on the weights of the locked base it names.
    private func checkBases(_ archives: [VerifiedArchive]) throws {
        var weights: [PackageName: (version: SemanticVersion, digest: Digest)] = [:]
        for archive in archives {
            if case .base(let base) = archive.manifest { weights[base.name] = (base.version, base.weightsDigest) }
        }
        for archive in archives {
            guard case .concept(let concept) = archive.manifest, let base = weights[concept.base.name],
                  base.digest != concept.base.digest else { continue }
            throw ClientError.baseMismatch(concept: archive.expectation.package, wanted: "\(concept.base.digest)",
                                           base: "\(concept.base.name)@\(base.version)", weights: "\(base.digest)")
        }
    }

    /// Puts a verified archive's files in place, unless an identical copy is there already.
    private func extract(_ archive: VerifiedArchive) throws -> InstalledPackage {
        let expected = archive.expectation
        let destination = home.installFolder(expected.name, expected.version)
        let limits: BundleLimits = expected.kind == .concept ? .concept : .base
        let source = archive.url.path
        var status = InstalledPackage.Status.installed
        if FileManager.default.fileExists(atPath: destination.path) {
            let entries = try BundleArchive.entries(of: archive.data, source: source, limits: limits)
            if try InstalledFolder(destination).holds(entries) {
                return InstalledPackage(expectation: expected, folder: destination, status: .unchanged, downloaded: archive.downloaded)
            }
            logger.warning("\(destination.path) differs from \(expected.package)'s archive; replacing it")
            status = .repaired
        }
        try LocalFile.makeFolder(destination.deletingLastPathComponent())
        let staging = destination.deletingLastPathComponent().appendingPathComponent(".\(expected.version).\(UUID().uuidString)")
        try BundleArchive.extract(archive.data, source: source, to: staging, limits: limits)
        try InstalledFolder(destination).replace(with: staging)
        logger.debug("installed \(expected.package) into \(destination.path)")
        return InstalledPackage(expectation: expected, folder: destination, status: status, downloaded: archive.downloaded)
    }
}

/// One package `PackageInstaller` put in place.
public struct InstalledPackage: Sendable, Equatable {
    /// What was installed.
    public enum Status: String, Sendable, Codable {
        /// Extracted now.
        case installed
        /// Already installed with the same files.
        case unchanged
        /// Installed before, but its files differed from the archive: replaced.
        case repaired
    }

    /// The package and its archive.
    public let expectation: ArchiveExpectation
    /// `PERF_HOME/packages/<scope>/<name>/<version>/`.
    public let folder: URL
    /// What happened to the folder.
    public let status: Status
    /// Whether its archive was downloaded (false: it came from the cache).
    public let downloaded: Bool
}
