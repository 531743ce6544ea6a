import PerfDiagnostics

extension SolverState {
    /// Conflict resolution (solver.md, "Conflict Resolution"): from an incompatibility the
    /// partial solution satisfies, derive its root cause by resolution with the causes of
    /// its satisfiers, until the satisfier is a decision or the only relevant assignment of
    /// its decision level; then backjump to the level of the previous satisfier and return
    /// the learned incompatibility. Throws `ResolutionError` when the composition itself is
    /// proved impossible.
    func resolveConflict(_ conflict: Incompatibility) throws -> Incompatibility {
        delegate?.resolverDidFindConflict(conflict)
        var incompatibility = conflict
        while !incompatibility.isFailure {
            var satisfier: Assignment?
            var satisfiedTerm: Term?
            var difference: Term?
            // Level 1 holds the root's decision; going no further back keeps it.
            var previousLevel = 1
            for term in incompatibility.terms {
                let candidate = try solution.satisfier(of: term)
                if let current = satisfier, current.index >= candidate.index {
                    previousLevel = max(previousLevel, candidate.decisionLevel)
                    continue
                }
                if let current = satisfier { previousLevel = max(previousLevel, current.decisionLevel) }
                satisfier = candidate
                satisfiedTerm = term
                // The satisfier may satisfy the term only together with earlier assignments.
                let rest = candidate.term.difference(term)
                difference = rest.isImpossible ? nil : rest
            }
            guard let satisfier, let satisfiedTerm else { throw InternalError("empty incompatibility reached conflict resolution") }
            if let difference {
                previousLevel = max(previousLevel, try solution.satisfier(of: difference.inverse).decisionLevel)
            }
            if satisfier.isDecision || previousLevel < satisfier.decisionLevel {
                if incompatibility != conflict { add(incompatibility) }
                solution.backtrack(to: previousLevel)
                candidateCounts = [:]
                delegate?.resolverDidBacktrack(learning: incompatibility, toLevel: previousLevel)
                return incompatibility
            }
            guard let cause = satisfier.cause else { throw InternalError("derivation without a cause") }
            var terms = incompatibility.terms.filter { $0 != satisfiedTerm }
            terms += cause.terms.filter { $0.package != satisfier.term.package }
            if let difference { terms.append(difference.inverse) }
            incompatibility = makeIncompatibility(terms, cause: .conflict(incompatibility, cause))
        }
        throw ResolutionError.unsatisfiable(incompatibility)
    }
}
