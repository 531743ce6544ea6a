import PerfManifest

/// Where the resolver learns which versions of a package exist. The caller implements it
/// (from a registry index, a cache, a test catalogue); the resolver itself does no IO.
public protocol PackageProvider {
    /// Every published version of `package`, yanked and untrusted ones included (the
    /// resolver decides which may be chosen); empty when the package is unknown. Errors
    /// thrown here (a registry that cannot be reached) end the resolution unchanged.
    func versions(of package: PackageName) throws -> [CandidateVersion]
}
