import PerfManifest

/// What the solver knows about one real package's versions: the candidates it may choose
/// (sorted), the versions it may not and why, and the version `perf.lock` pins.
struct PackageListing {
    /// The versions a resolution may choose, ascending.
    let candidates: [CandidateVersion]
    /// Versions that exist but may not be chosen.
    let excluded: [Incompatibility.ExcludedVersion]
    /// The locked version, if the lock pins one.
    let locked: SemanticVersion?
    /// The locked version when it was refused for an untrusted signature.
    let lockedButUntrusted: SemanticVersion?

    /// Sorts the provider's versions into candidates and excluded ones. A yanked version
    /// stays a candidate only when locked; an untrusted one never does.
    init(_ versions: [CandidateVersion], locked: SemanticVersion?) {
        var candidates: [CandidateVersion] = []
        var excluded: [Incompatibility.ExcludedVersion] = []
        var seen: Set<SemanticVersion> = []
        for candidate in versions.sorted(by: { $0.version < $1.version }) where seen.insert(candidate.version).inserted {
            if !candidate.isTrusted {
                excluded.append(.init(version: candidate.version, reason: .untrusted))
            } else if candidate.isYanked && candidate.version != locked {
                excluded.append(.init(version: candidate.version, reason: .yanked))
            } else {
                candidates.append(candidate)
            }
        }
        self.candidates = candidates
        self.excluded = excluded
        self.locked = locked
        self.lockedButUntrusted = excluded.first { $0.version == locked && $0.reason == .untrusted }?.version
    }

    /// How many candidates lie in `versions`.
    func count(in versions: VersionSet) -> Int {
        candidates.reduce(0) { $0 + (versions.contains($1.version) ? 1 : 0) }
    }

    /// The candidate to try in `versions`: the locked one when it lies there, else the highest.
    func best(in versions: VersionSet) -> Int? {
        if let locked, versions.contains(locked), let index = candidates.firstIndex(where: { $0.version == locked }) {
            return index
        }
        return candidates.indices.last { versions.contains(candidates[$0].version) }
    }

    /// The versions excluded from `versions`, for explaining why none is left.
    func excluded(in versions: VersionSet) -> [Incompatibility.ExcludedVersion] {
        excluded.filter { versions.contains($0.version) }
    }

    /// The widest range of candidates around `index` that all share a property (for
    /// example "depends on perf/shapes ^1"), written as pub does: from the first version
    /// with it (no lower end when that is the oldest) to the first version after without it
    /// (no upper end when none). One incompatibility then covers many versions.
    func range(around index: Int, where shares: (CandidateVersion) -> Bool) -> VersionSet {
        var first = index
        while first > 0, shares(candidates[first - 1]) { first -= 1 }
        var last = index
        while last + 1 < candidates.count, shares(candidates[last + 1]) { last += 1 }
        let lower = first == 0 ? SemanticVersion.minimum : candidates[first].version
        let upper = last + 1 < candidates.count ? candidates[last + 1].version : nil
        return VersionSet(from: lower, below: upper)
    }
}
