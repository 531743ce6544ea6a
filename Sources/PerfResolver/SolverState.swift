import PerfDiagnostics
import PerfManifest

/// All mutable state of one resolution, in one place: the partial solution, the known
/// incompatibilities indexed by package, and what the provider said. The algorithm's steps
/// live in extensions (unit propagation, conflict resolution, decision making).
final class SolverState {
    let provider: any PackageProvider
    let composition: CompositionRequirements
    let delegate: (any ResolverDelegate)?

    /// The current guess.
    var solution = PartialSolution()
    /// Every incompatibility that mentions a package, oldest first.
    var incompatibilities: [PackageNode: [Incompatibility]] = [:]
    /// Term lists of incompatibilities already added from package facts, to add each once.
    var knownFacts: Set<[Term]> = []
    /// Listings already read from the provider.
    var listings: [PackageName: PackageListing] = [:]
    /// Packages known to be base models, in the order found.
    var bases: [PackageName] = []
    /// Per base, the weights digests found so far.
    var weights: [PackageName: [Digest]] = [:]
    /// Per package, the last term its candidates were counted for, and the count.
    var candidateCounts: [PackageNode: (Term, Int)] = [:]
    /// The next incompatibility id.
    private var nextID = 0

    init(provider: any PackageProvider, composition: CompositionRequirements, delegate: (any ResolverDelegate)?) {
        self.provider = provider
        self.composition = composition
        self.delegate = delegate
    }

    /// Runs PubGrub's main loop: propagate from the last changed packages, then decide, until
    /// every required package has a version or a conflict proves there is none.
    func solve() throws -> Resolution {
        add(makeIncompatibility([Term(.root, .any, isPositive: false)], cause: .root))
        var changed: [PackageNode] = [.root]
        while true {
            try propagate(from: changed)
            guard let next = try decideNext() else { break }
            changed = next
        }
        return try resolution()
    }

    /// A new incompatibility with the next id.
    func makeIncompatibility(_ terms: [Term], cause: Incompatibility.Cause) -> Incompatibility {
        defer { nextID += 1 }
        return Incompatibility(id: nextID, terms: terms, cause: cause)
    }

    /// Indexes `incompatibility` under each package it mentions.
    func add(_ incompatibility: Incompatibility) {
        for term in incompatibility.terms {
            incompatibilities[term.package, default: []].append(incompatibility)
        }
    }

    /// The listing of `name`, read from the provider on first use.
    func listing(_ name: PackageName) throws -> PackageListing {
        if let listing = listings[name] { return listing }
        let listing = PackageListing(try provider.versions(of: name), locked: composition.locked[name])
        listings[name] = listing
        return listing
    }

    /// The decisions as a `Resolution`, with warnings about locked versions.
    private func resolution() throws -> Resolution {
        var packages: [PackageName: SemanticVersion] = [:]
        var chosenWeights: [PackageName: Digest] = [:]
        for (node, version) in solution.decisions {
            switch node {
            case .root: continue
            case .package(let name): packages[name] = version
            case .baseWeights(let name, let digest): chosenWeights[name] = digest
            }
        }
        let base = bases.first { packages[$0] != nil }.map {
            Resolution.BaseSelection(name: $0, version: packages[$0]!, digest: chosenWeights[$0])
        }
        var warnings: [ResolutionWarning] = []
        for name in packages.keys.sorted() {
            guard let listing = listings[name], let version = packages[name] else { continue }
            if version == listing.locked, listing.candidates.contains(where: { $0.version == version && $0.isYanked }) {
                warnings.append(.yankedButLocked(name, version))
            }
            if let locked = listing.lockedButUntrusted {
                warnings.append(.lockedButUntrusted(name, locked: locked, chosen: version))
            }
        }
        return Resolution(packages: packages, base: base, warnings: warnings)
    }
}
