import PerfManifest
import PerfResolver

/// A composition resolved against a registry: the lockfile `perf install` would write, the
/// base model chosen, what the user should know, and how the lock changes.
public struct ResolvedComposition: Sendable {
    /// The packages chosen, as `perf.lock` records them.
    public let lockfile: Lockfile
    /// The composition's base model; nil when nothing needs one.
    public let base: Resolution.BaseSelection?
    /// Things the user should know, such as a locked version that is yanked.
    public let warnings: [ResolutionWarning]
    /// Every package of the old and new lock, and what happened to it.
    public let changes: [LockChange]
}

/// How one package's entry in `perf.lock` changes.
public struct LockChange: Sendable, Equatable {
    /// The kind of change.
    public enum Kind: String, Sendable, Codable {
        /// Newly locked.
        case added
        /// Locked at another version, or from another registry.
        case updated
        /// No longer needed.
        case removed
        /// Locked as before.
        case unchanged
    }

    /// The package.
    public let name: PackageName
    /// What happens to it.
    public let kind: Kind
    /// The version locked before, if any.
    public let from: SemanticVersion?
    /// The version locked now, if any.
    public let to: SemanticVersion?

    /// The changes from `old` (nil: no lock yet) to `new`, sorted by name.
    static func between(_ old: Lockfile?, _ new: Lockfile) -> [LockChange] {
        let before = Dictionary((old?.packages ?? []).map { ($0.name, $0) }) { first, _ in first }
        let after = Dictionary(new.packages.map { ($0.name, $0) }) { first, _ in first }
        return Set(before.keys).union(after.keys).sorted().map { name in
            switch (before[name], after[name]) {
            case (nil, let added?): return LockChange(name: name, kind: .added, from: nil, to: added.version)
            case (let removed?, nil): return LockChange(name: name, kind: .removed, from: removed.version, to: nil)
            case (let old?, let new?):
                return LockChange(name: name, kind: old == new ? .unchanged : .updated, from: old.version, to: new.version)
            case (nil, nil): preconditionFailure("a name comes from one of the two locks")
            }
        }
    }
}
