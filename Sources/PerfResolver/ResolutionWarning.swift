import PerfManifest

/// Something about a successful resolution the user should know and may want to act on.
public struct ResolutionWarning: Hashable, Sendable, CustomStringConvertible {
    /// The package concerned.
    public let package: PackageName
    /// The version concerned.
    public let version: SemanticVersion
    /// What happened and what to do.
    public let description: String

    /// A warning from its parts.
    init(package: PackageName, version: SemanticVersion, _ description: String) {
        self.package = package
        self.version = version
        self.description = description
    }

    /// The locked version is yanked but was kept.
    static func yankedButLocked(_ package: PackageName, _ version: SemanticVersion) -> ResolutionWarning {
        ResolutionWarning(package: package, version: version, """
            \(package) \(version) is yanked: its publisher withdrew it (usually for a serious bug or a security \
            problem), so no new resolution will choose it. It is still used because perf.lock pins it; remove its \
            entry from perf.lock and resolve again to move to a version that is not yanked.
            """)
    }

    /// The locked version is signed by an untrusted key, so another version was chosen.
    static func lockedButUntrusted(_ package: PackageName, locked: SemanticVersion, chosen: SemanticVersion?) -> ResolutionWarning {
        let instead = chosen.map { "version \($0) was chosen instead" } ?? "another version was chosen"
        return ResolutionWarning(package: package, version: locked, """
            perf.lock pins \(package) \(locked), but that version is signed by a key perf does not trust, so \
            \(instead); check the scope's keys (`perf keys list`) if you expected to trust it.
            """)
    }
}
