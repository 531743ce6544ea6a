import PerfManifest

/// Watches the solver work, for `--verbose` tracing and benchmarks; the resolver never
/// prints. Every method has an empty default.
public protocol ResolverDelegate: AnyObject {
    /// A version was selected.
    func resolverDidDecide(_ package: PackageNode, version: SemanticVersion)
    /// Unit propagation found that `term` must hold because of `cause`.
    func resolverDidDerive(_ term: Term, cause: Incompatibility)
    /// `incompatibility` is satisfied by the partial solution: a conflict to resolve.
    func resolverDidFindConflict(_ incompatibility: Incompatibility)
    /// Conflict resolution learned `incompatibility` and went back to decision `level`.
    func resolverDidBacktrack(learning incompatibility: Incompatibility, toLevel level: Int)
}

extension ResolverDelegate {
    /// Does nothing.
    public func resolverDidDecide(_ package: PackageNode, version: SemanticVersion) {}
    /// Does nothing.
    public func resolverDidDerive(_ term: Term, cause: Incompatibility) {}
    /// Does nothing.
    public func resolverDidFindConflict(_ incompatibility: Incompatibility) {}
    /// Does nothing.
    public func resolverDidBacktrack(learning incompatibility: Incompatibility, toLevel level: Int) {}
}
