import PerfManifest

/// A `PackageProvider` over versions held in memory: for tests, benchmarks, and callers
/// that have already read a registry index.
public struct PackageCatalog: PackageProvider, Sendable {
    /// The versions of each package.
    public private(set) var packages: [PackageName: [CandidateVersion]]

    /// A catalogue of the given versions.
    public init(_ packages: [PackageName: [CandidateVersion]] = [:]) {
        self.packages = packages
    }

    /// Adds one version of `package` (replacing an earlier entry for the same version).
    public mutating func add(_ package: PackageName, _ candidate: CandidateVersion) {
        packages[package, default: []].removeAll { $0.version == candidate.version }
        packages[package, default: []].append(candidate)
    }

    /// The versions of `package`; empty when it is unknown.
    public func versions(of package: PackageName) -> [CandidateVersion] {
        packages[package] ?? []
    }
}
