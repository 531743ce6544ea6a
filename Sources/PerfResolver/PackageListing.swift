import PerfManifest

/// What the solver knows about one real package's versions: the candidates it may choose
/// (sorted), the versions it may not and why, and the version `perf.lock` pins.
struct PackageListing {
    /// The versions a resolution may choose, ascending.
    let candidates: [CandidateVersion]
    /// The candidates' versions, in the same order (counted often, so kept apart).
    private let candidateVersions: [SemanticVersion]
    /// Versions that exist but may not be chosen.
    let excluded: [Incompatibility.ExcludedVersion]
    /// The locked version, if the lock pins one.
    let locked: SemanticVersion?
    /// The locked version when it was refused for an untrusted signature.
    let lockedButUntrusted: SemanticVersion?
    /// Every published version, ascending, with its position in `candidates` (nil when excluded).
    private let published: [(version: SemanticVersion, candidate: Int?)]
    /// For each candidate, its position in `published`.
    private let publishedIndex: [Int]

    /// Sorts the provider's versions into candidates and excluded ones. A yanked version
    /// stays a candidate only when locked; an untrusted one never does.
    init(_ versions: [CandidateVersion], locked: SemanticVersion?) {
        var candidates: [CandidateVersion] = []
        var excluded: [Incompatibility.ExcludedVersion] = []
        var published: [(version: SemanticVersion, candidate: Int?)] = []
        var publishedIndex: [Int] = []
        var seen: Set<SemanticVersion> = []
        for candidate in versions.sorted(by: { $0.version < $1.version }) where seen.insert(candidate.version).inserted {
            if !candidate.isTrusted {
                excluded.append(.init(version: candidate.version, reason: .untrusted))
                published.append((candidate.version, nil))
            } else if candidate.isYanked && candidate.version != locked {
                excluded.append(.init(version: candidate.version, reason: .yanked))
                published.append((candidate.version, nil))
            } else {
                publishedIndex.append(published.count)
                published.append((candidate.version, candidates.count))
                candidates.append(candidate)
            }
        }
        self.published = published
        self.publishedIndex = publishedIndex
        self.candidates = candidates
        self.candidateVersions = candidates.map(\.version)
        self.excluded = excluded
        self.locked = locked
        self.lockedButUntrusted = excluded.first { $0.version == locked && $0.reason == .untrusted }?.version
    }

    /// How many candidates lie in `versions`.
    func count(in versions: VersionSet) -> Int {
        candidateVersions.reduce(0) { $0 + (versions.contains($1) ? 1 : 0) }
    }

    /// The candidate to try in `versions`: the locked one when it lies there, else the highest.
    func best(in versions: VersionSet) -> Int? {
        if let locked, versions.contains(locked), let index = candidateVersions.firstIndex(of: locked) {
            return index
        }
        return candidateVersions.lastIndex { versions.contains($0) }
    }

    /// The versions excluded from `versions`, for explaining why none is left.
    func excluded(in versions: VersionSet) -> [Incompatibility.ExcludedVersion] {
        excluded.filter { versions.contains($0.version) }
    }

    /// The widest range of published versions around candidate `index` that are all
    /// candidates sharing a property (for example "depends on perf/shapes ^1"), written as
    /// pub does: from the first version with it (no lower end when that is the oldest) to
    /// the first version after without it (no upper end when none). One incompatibility then
    /// covers many versions. An excluded version ends the range: nothing is claimed of it.
    func range(around index: Int, where shares: (CandidateVersion) -> Bool) -> VersionSet {
        func isShared(_ position: Int) -> Bool {
            published[position].candidate.map { shares(candidates[$0]) } ?? false
        }
        var first = publishedIndex[index]
        while first > 0, isShared(first - 1) { first -= 1 }
        var last = publishedIndex[index]
        while last + 1 < published.count, isShared(last + 1) { last += 1 }
        let lower = first == 0 ? SemanticVersion.minimum : published[first].version
        let upper = last + 1 < published.count ? published[last + 1].version : nil
        return VersionSet(from: lower, below: upper)
    }
}
