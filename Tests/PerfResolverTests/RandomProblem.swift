import PerfManifest
import PerfResolver
import PerfTestSupport

/// A small random resolution problem (four concepts, two bases, a few versions each, with
/// yanked, untrusted and locked versions, pre-releases, unions and base weights), and an
/// exhaustive search over every selection, which knows nothing of PubGrub.
struct RandomProblem {
    var catalog: [PackageName: [CandidateVersion]] = [:]
    var composition = CompositionRequirements(concepts: [:])

    static let concepts = (0..<4).map { Scenario.name("c\($0)") }
    static let bases = (0..<2).map { Scenario.name("b\($0)") }
    static let digests = [Scenario.digest("#aa"), Scenario.digest("#bb")]
    static let requirements = ["^1", "^2", "*", ">=1.1", "=1.0.0", "<2", "^1 || ^2", "^2.0.0-rc.1", "~1.1", ">=2.0.0-rc.1, <3"]
        .map { VersionRequirement($0)! }

    init(using random: inout SeededRandomNumberGenerator) {
        func pick<T>(_ items: [T]) -> T { items.randomElement(using: &random)! }
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
        for concept in Self.concepts {
            let versions = ["1.0.0", "1.1.0", "2.0.0", "2.0.0-rc.1"].shuffled(using: &random).prefix(Int.random(in: 1...3, using: &random))
            catalog[concept] = versions.map { text in
                var candidate = CandidateVersion(Scenario.version(text), isYanked: chance(0.1), isTrusted: !chance(0.1))
                for _ in 0..<Int.random(in: 0...2, using: &random) where chance(0.6) {
                    let dependency = pick(Self.concepts)
                    if dependency != concept { candidate.dependencies[dependency] = pick(Self.requirements) }
                }
                if chance(0.6) {
                    let digest = chance(0.8) ? Self.digests[0] : Self.digests[1]
                    candidate.base = .init(name: chance(0.8) ? Self.bases[0] : Self.bases[1],
                                           requirement: pick(Array(Self.requirements.prefix(3))), digest: digest)
                }
                return candidate
            }
        }
        for base in Self.bases {
            let versions = ["1.0.0", "1.1.0", "2.0.0"].shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random))
            catalog[base] = versions.map {
                CandidateVersion(Scenario.version($0), weightsDigest: chance(0.8) ? (chance(0.8) ? Self.digests[0] : Self.digests[1]) : nil,
                                 isYanked: chance(0.1), isTrusted: !chance(0.1))
            }
        }
        for _ in 0..<Int.random(in: 1...2, using: &random) {
            composition.concepts[pick(Self.concepts)] = pick(Self.requirements)
        }
        if chance(0.3) { composition.base = .init(name: pick(Self.bases), requirement: pick(Array(Self.requirements.prefix(3)))) }
        if chance(0.4) {
            let name = pick(Self.concepts + Self.bases)
            if let version = catalog[name]?.randomElement(using: &random)?.version { composition.locked[name] = version }
        }
    }

    /// The versions a resolution may choose from.
    func candidates(_ name: PackageName) -> [CandidateVersion] {
        (catalog[name] ?? []).filter { $0.isTrusted && (!$0.isYanked || composition.locked[name] == $0.version) }
    }

    /// Every selection (one version or none per package) that meets all the rules; stops at the first.
    func bruteForceSolution() -> [PackageName: CandidateVersion]? {
        let names = Self.concepts + Self.bases
        var selection: [PackageName: CandidateVersion] = [:]
        func search(_ index: Int) -> Bool {
            if index == names.count { return violations(selection).isEmpty }
            if search(index + 1) { return true }
            for candidate in candidates(names[index]) {
                selection[names[index]] = candidate
                if search(index + 1) { return true }
            }
            selection[names[index]] = nil
            return false
        }
        return search(0) ? selection : nil
    }

    /// The rules `selection` breaks, in words; empty when it is a solution.
    func violations(_ selection: [PackageName: CandidateVersion]) -> [String] {
        var problems: [String] = []
        func need(_ name: PackageName, _ requirement: VersionRequirement, by who: String) {
            if !(selection[name].map { requirement.matches($0.version) } ?? false) { problems.append("\(who) needs \(name) \(requirement)") }
        }
        for (name, requirement) in composition.concepts { need(name, requirement, by: "root") }
        var usedBases: Set<PackageName> = []
        if let base = composition.base {
            need(base.name, base.requirement, by: "root")
            usedBases.insert(base.name)
        }
        var weights: [PackageName: Set<Digest>] = [:]
        for (name, candidate) in selection {
            if !candidates(name).contains(candidate) { problems.append("\(name) \(candidate.version) is not a candidate") }
            for (dependency, requirement) in candidate.dependencies { need(dependency, requirement, by: "\(name)") }
            if let base = candidate.base {
                need(base.name, base.requirement, by: "\(name)")
                usedBases.insert(base.name)
                weights[base.name, default: []].insert(base.digest)
            }
            if let digest = candidate.weightsDigest, Self.bases.contains(name) { weights[name, default: []].insert(digest) }
        }
        if usedBases.count > 1 { problems.append("two bases \(usedBases)") }
        for (base, digests) in weights where digests.count > 1 && usedBases.contains(base) { problems.append("two weights of \(base)") }
        return problems
    }

    /// Packages of `selection` that nothing in the composition leads to.
    func unreachable(_ selection: [PackageName: CandidateVersion]) -> Set<PackageName> {
        var reached: Set<PackageName> = []
        var pending = Array(composition.concepts.keys) + (composition.base.map { [$0.name] } ?? [])
        while let name = pending.popLast() {
            guard reached.insert(name).inserted, let candidate = selection[name] else { continue }
            pending += Array(candidate.dependencies.keys) + (candidate.base.map { [$0.name] } ?? [])
        }
        return Set(selection.keys).subtracting(reached)
    }
}
