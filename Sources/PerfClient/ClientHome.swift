import Foundation
import PerfManifest

/// The client's part of PERF_HOME (DESIGN §4):
///
///     cache/sha256/<hex>                 archives, content-addressed, verified before the rename
///     cache/sha256/<hex>.minisig         their signatures, kept so an install verifies offline
///     cache/index/<registry id>/...      copies of an HTTP registry's config.json, index/ and keys/,
///                                        with their ETags in .etags/, revalidated on each use
///     trust/<registry id>.json           the scope keys pinned for each registry (`TrustStore`)
///     registries/<registry id>/          the registry's log checkpoint last verified (`CheckpointStore`)
///     packages/<scope>/<name>/<version>/ installed packages, extracted atomically
public struct ClientHome: Sendable, Equatable {
    /// PERF_HOME itself.
    public let root: URL

    /// The client files of the PERF_HOME at `root`.
    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// `cache/sha256/`: verified archives and their signatures.
    public var archives: URL { root.appendingPathComponent("cache/sha256", isDirectory: true) }

    /// `cache/sha256/<hex>`: the archive with SHA-256 `digest`.
    public func archive(_ digest: Digest) -> URL { archives.appendingPathComponent(digest.hex) }

    /// `cache/sha256/<hex>.minisig`: the signature the archive with `digest` was verified with.
    public func signature(_ digest: Digest) -> URL { archives.appendingPathComponent(digest.hex + ".minisig") }

    /// `cache/index/<registry id>/`: the copy of an HTTP registry's index tree.
    public func indexMirror(_ registry: RegistryLocation) -> URL {
        root.appendingPathComponent("cache/index", isDirectory: true).appendingPathComponent(registry.id, isDirectory: true)
    }

    /// `trust/<registry id>.json`: the keys pinned for each scope of `registry`.
    public func trustFile(_ registry: RegistryLocation) -> URL {
        root.appendingPathComponent("trust", isDirectory: true).appendingPathComponent(registry.id + ".json")
    }

    /// `registries/<registry id>/`: the checkpoint key pinned for `registry`'s log and its last verified checkpoint.
    public func logMemory(_ registry: RegistryLocation) -> URL {
        root.appendingPathComponent("registries", isDirectory: true).appendingPathComponent(registry.id, isDirectory: true)
    }

    /// `packages/`: installed packages.
    public var packages: URL { root.appendingPathComponent("packages", isDirectory: true) }

    /// `packages/<scope>/<name>/<version>/`: where `name@version` is installed.
    public func installFolder(_ name: PackageName, _ version: SemanticVersion) -> URL {
        packages.appendingPathComponent(name.scope, isDirectory: true)
            .appendingPathComponent(name.name, isDirectory: true)
            .appendingPathComponent(version.description, isDirectory: true)
    }
}
