import PerfManifest

/// Chooses one version of every package a composition needs, or proves that none fits,
/// with PubGrub (Natalie Weizenbaum, 2018; Dart pub's `doc/solver.md`): unit propagation,
/// conflict-driven learning and backjumping over version ranges, and a failure explained
/// from the derivation graph.
///
/// Domain rules on top of "one version per package": a composition has exactly one base
/// model, so every concept must accept the same base version and have been trained on the
/// same base weights (digest); yanked versions are chosen only when `perf.lock` pins them
/// (with a warning); versions signed by an untrusted key are never chosen.
public struct Resolver {
    /// Where versions come from.
    public let provider: any PackageProvider
    /// Watches the solver work; nil for none.
    public let delegate: (any ResolverDelegate)?

    /// A resolver reading versions from `provider`.
    public init(provider: any PackageProvider, delegate: (any ResolverDelegate)? = nil) {
        self.provider = provider
        self.delegate = delegate
    }

    /// Resolves `composition`; throws `ResolutionError` explaining why when no versions fit,
    /// and rethrows the provider's errors unchanged.
    public func resolve(_ composition: CompositionRequirements) throws -> Resolution {
        try SolverState(provider: provider, composition: composition, delegate: delegate).solve()
    }
}
