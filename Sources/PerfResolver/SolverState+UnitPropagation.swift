import PerfDiagnostics

extension SolverState {
    /// Unit propagation (solver.md, "Unit Propagation"): while some incompatibility of a
    /// changed package has all terms but one satisfied, derive the inverse of that one; when
    /// one is fully satisfied, resolve the conflict and derive from what was learned.
    /// Newest incompatibilities are tried first, as learned ones tend to be more general.
    func propagate(from packages: [PackageNode]) throws {
        var changed = packages
        var pending = Set(packages)
        while let package = changed.popLast() {
            pending.remove(package)
            let candidates = incompatibilities[package, default: []]
            for incompatibility in candidates.reversed() {
                switch solution.relation(to: incompatibility) {
                case .satisfied:
                    let learned = try resolveConflict(incompatibility)
                    guard case .almostSatisfied(let term) = solution.relation(to: learned) else {
                        throw InternalError("learned incompatibility \(learned) is not almost satisfied after backjumping")
                    }
                    derive(term.inverse, cause: learned)
                    changed = [term.package]
                    pending = [term.package]
                case .almostSatisfied(let term):
                    derive(term.inverse, cause: incompatibility)
                    if pending.insert(term.package).inserted { changed.append(term.package) }
                    continue
                case .contradicted, .inconclusive:
                    continue
                }
                break
            }
        }
    }

    private func derive(_ term: Term, cause: Incompatibility) {
        solution.derive(term, cause: cause)
        delegate?.resolverDidDerive(term, cause: cause)
    }
}
