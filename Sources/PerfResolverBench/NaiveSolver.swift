import PerfManifest
import PerfResolver

/// The baseline: chronological backtracking as early package managers did it. Packages are
/// decided in the order they are discovered (breadth first, names sorted); each gets the
/// newest version meeting every requirement on it so far; when none does, the last
/// decision moves to its next version. Nothing is learned from a failure.
struct NaiveSolver {
    let catalog: PackageCatalog
    /// Gives up after this many version trials.
    let stepLimit: Int

    /// What happened: the packages chosen (nil when none fit or the limit was hit), and the trials made.
    struct Outcome {
        var solution: [PackageName: SemanticVersion]?
        var steps: Int
        var gaveUp: Bool
    }

    func solve(_ composition: CompositionRequirements) -> Outcome {
        var state = State(catalog: catalog, stepLimit: stepLimit)
        for (name, requirement) in composition.concepts.sorted(by: { $0.key < $1.key }) { state.require(name, requirement) }
        let solved = state.search()
        return Outcome(solution: solved ? state.chosen : nil, steps: state.steps, gaveUp: state.gaveUp)
    }

    private struct State {
        let catalog: PackageCatalog
        let stepLimit: Int
        var chosen: [PackageName: SemanticVersion] = [:]
        /// Requirements on each package, from the root and from chosen versions.
        var requirements: [PackageName: [VersionRequirement]] = [:]
        /// Packages in the order they were discovered; decided ones form a prefix.
        var order: [PackageName] = []
        /// Each package's usable versions, newest first, read once.
        var versions: [PackageName: [CandidateVersion]] = [:]
        var steps = 0
        var gaveUp = false

        init(catalog: PackageCatalog, stepLimit: Int) {
            self.catalog = catalog
            self.stepLimit = stepLimit
        }

        mutating func require(_ name: PackageName, _ requirement: VersionRequirement) {
            if requirements[name] == nil { order.append(name) }
            requirements[name, default: []].append(requirement)
        }

        /// Takes back the last requirement added on `name`.
        mutating func unrequire(_ name: PackageName) {
            requirements[name]!.removeLast()
            if requirements[name]!.isEmpty {
                requirements[name] = nil
                order.removeLast()
            }
        }

        mutating func usable(_ name: PackageName) -> [CandidateVersion] {
            if let known = versions[name] { return known }
            let found = catalog.versions(of: name).filter { $0.isTrusted && !$0.isYanked }.sorted { $0.version > $1.version }
            versions[name] = found
            return found
        }

        /// Decides the next package in discovery order, then the rest, recursively.
        mutating func search() -> Bool {
            guard chosen.count < order.count else { return true }
            let next = order[chosen.count]
            for candidate in usable(next) where requirements[next, default: []].allSatisfy({ $0.matches(candidate.version) }) {
                steps += 1
                if steps > stepLimit {
                    gaveUp = true
                    return false
                }
                chosen[next] = candidate.version
                let dependencies = candidate.dependencies.sorted { $0.key < $1.key }
                for (dependency, requirement) in dependencies { require(dependency, requirement) }
                // A dependency on an already chosen package must accept its version.
                let consistent = candidate.dependencies.allSatisfy { chosen[$0.key].map($0.value.matches) ?? true }
                if consistent, search() { return true }
                if gaveUp { return false }
                for (dependency, _) in dependencies.reversed() { unrequire(dependency) }
                chosen[next] = nil
            }
            return false
        }
    }
}
