import PerfDiagnostics
import PerfManifest

extension SolverState {
    /// Decision making (solver.md, "Decision Making"): pick the required, undecided package
    /// with the fewest candidates left (conflicts surface sooner), add the incompatibilities
    /// of its best version's dependencies, and select that version unless they conflict
    /// with it at once. Returns the packages to propagate from; nil when every required
    /// package has a version.
    func decideNext() throws -> [PackageNode]? {
        var best: (package: PackageNode, term: Term, count: Int)?
        for (package, term) in solution.undecided {
            let count = try candidateCount(package, term)
            if let current = best, (current.count, current.package) <= (count, package) { continue }
            best = (package, term, count)
        }
        guard let (package, term, _) = best else { return nil }
        switch package {
        case .root:
            let facts = rootFacts()
            return try decide(.root, PackageNode.soleVersion, facts: facts)
        case .baseWeights:
            return try decide(package, PackageNode.soleVersion, facts: [])
        case .package(let name):
            let listing = try listing(name)
            guard let index = listing.best(in: term.versions) else {
                let none = makeIncompatibility([term], cause: .noVersions(excluded: listing.excluded(in: term.versions)))
                add(none)
                return [package]
            }
            return try decide(package, listing.candidates[index].version, facts: facts(of: name, at: index, in: listing))
        }
    }

    /// How many versions of `package` could still be chosen under `term`.
    private func candidateCount(_ package: PackageNode, _ term: Term) throws -> Int {
        guard case .package(let name) = package else { return 1 }
        if let (counted, count) = candidateCounts[package], counted == term { return count }
        let count = try listing(name).count(in: term.versions)
        candidateCounts[package] = (term, count)
        return count
    }

    /// Adds `facts` (skipping ones already known), then selects `version` unless one of them
    /// would be satisfied by that choice. Returns the packages to propagate from.
    private func decide(_ package: PackageNode, _ version: SemanticVersion, facts: [Incompatibility]) throws -> [PackageNode] {
        var changed = [package]
        var conflicts = false
        for fact in facts where knownFacts.insert(fact.terms).inserted {
            add(fact)
            if !fact.terms.contains(where: { $0.package == package }) {
                // A fact not about the package (one base per composition) may already bite elsewhere.
                changed += fact.terms.map(\.package)
            } else if wouldSatisfy(fact, deciding: package, version) {
                conflicts = true
            }
        }
        if !conflicts {
            solution.decide(package, version)
            delegate?.resolverDidDecide(package, version: version)
        }
        return changed
    }

    /// True when selecting `version` of `package` would make every term of `fact` hold.
    private func wouldSatisfy(_ fact: Incompatibility, deciding package: PackageNode, _ version: SemanticVersion) -> Bool {
        fact.terms.allSatisfy { term in
            term.package == package
                ? term.isPositive == term.versions.contains(version)
                : solution.relation(to: term) == .satisfied
        }
    }

    /// The composition's own dependencies: its concepts and its base.
    private func rootFacts() -> [Incompatibility] {
        let root = Term(.root, .any)
        var facts = composition.concepts.sorted { $0.key < $1.key }.map { name, requirement in
            makeIncompatibility([root, Term(.package(name), requirement.versions, isPositive: false)], cause: .dependency(requirement))
        }
        if let base = composition.base {
            facts += baseFacts(base.name)
            facts.append(makeIncompatibility([root, Term(.package(base.name), base.requirement.versions, isPositive: false)],
                                             cause: .baseRequirement(base.requirement)))
        }
        return facts
    }

    /// The dependencies of candidate `index` of `name`, each stated for the widest range of
    /// neighbouring candidates that share it.
    private func facts(of name: PackageName, at index: Int, in listing: PackageListing) -> [Incompatibility] {
        let candidate = listing.candidates[index]
        let node = PackageNode.package(name)
        var facts: [Incompatibility] = []
        for (dependency, requirement) in candidate.dependencies.sorted(by: { $0.key < $1.key }) {
            let range = listing.range(around: index) { $0.dependencies[dependency] == requirement }
            facts.append(makeIncompatibility([Term(node, range), Term(.package(dependency), requirement.versions, isPositive: false)],
                                             cause: .dependency(requirement)))
        }
        if let base = candidate.base {
            facts += baseFacts(base.name) + weightsFacts(base.name, base.digest)
            let accepting = listing.range(around: index) { $0.base?.name == base.name && $0.base?.requirement == base.requirement }
            facts.append(makeIncompatibility([Term(node, accepting), Term(.package(base.name), base.requirement.versions, isPositive: false)],
                                             cause: .baseRequirement(base.requirement)))
            let trained = listing.range(around: index) { $0.base?.name == base.name && $0.base?.digest == base.digest }
            facts.append(makeIncompatibility([Term(node, trained), Term(.baseWeights(base.name, base.digest), .any, isPositive: false)],
                                             cause: .trainedOn(base.digest)))
        }
        if let digest = candidate.weightsDigest {
            facts += baseFacts(name) + weightsFacts(name, digest)
            let same = listing.range(around: index) { $0.weightsDigest == digest }
            facts.append(makeIncompatibility([Term(node, same), Term(.baseWeights(name, digest), .any, isPositive: false)],
                                             cause: .weights(digest)))
        }
        return facts
    }

    /// Registers `base` as a base model; the first time, states that it excludes every other base found so far.
    private func baseFacts(_ base: PackageName) -> [Incompatibility] {
        guard !bases.contains(base) else { return [] }
        defer { bases.append(base) }
        return bases.map { makeIncompatibility([Term(.package($0), .any), Term(.package(base), .any)], cause: .oneBase) }
    }

    /// Registers weights `digest` of `base`; the first time, states that they exclude every other weights of it found so far.
    private func weightsFacts(_ base: PackageName, _ digest: Digest) -> [Incompatibility] {
        let known = weights[base, default: []]
        guard !known.contains(digest) else { return [] }
        weights[base, default: []].append(digest)
        return known.map {
            makeIncompatibility([Term(.baseWeights(base, $0), .any), Term(.baseWeights(base, digest), .any)], cause: .oneWeights)
        }
    }
}
