import PerfDiagnostics
import PerfManifest

/// The solver's current best guess (PubGrub, "Partial solution"): an ordered list of
/// assignments, with, per package, the intersection of its assignments' terms.
struct PartialSolution {
    /// Every assignment, in order.
    private(set) var assignments: [Assignment] = []
    /// The selected version of each decided package.
    private(set) var decisions: [PackageNode: SemanticVersion] = [:]
    /// Per package, the intersection of all its assignments' terms.
    private(set) var accumulated: [PackageNode: Term] = [:]
    /// Per package, the positions of its assignments.
    private var positions: [PackageNode: [Int]] = [:]
    /// The packages with a positive accumulated term and no decision.
    private var required: Set<PackageNode> = []

    /// The number of decisions made so far.
    var decisionLevel: Int { decisions.count }

    /// Selects `version` of `package`.
    mutating func decide(_ package: PackageNode, _ version: SemanticVersion) {
        decisions[package] = version
        append(Term(package, .exactly(version)), cause: nil)
    }

    /// Records that `term` must hold because of `cause`.
    mutating func derive(_ term: Term, cause: Incompatibility) {
        append(term, cause: cause)
    }

    private mutating func append(_ term: Term, cause: Incompatibility?) {
        let assignment = Assignment(term: term, decisionLevel: decisionLevel, index: assignments.count, cause: cause)
        assignments.append(assignment)
        positions[term.package, default: []].append(assignment.index)
        accumulated[term.package] = accumulated[term.package].map { $0.intersection(term) } ?? term
        updateRequired(term.package)
    }

    private mutating func updateRequired(_ package: PackageNode) {
        if accumulated[package]?.isPositive == true && decisions[package] == nil {
            required.insert(package)
        } else {
            required.remove(package)
        }
    }

    /// Removes every assignment made after decision level `level`.
    mutating func backtrack(to level: Int) {
        var touched: Set<PackageNode> = []
        while let last = assignments.last, last.decisionLevel > level {
            assignments.removeLast()
            touched.insert(last.term.package)
            if last.isDecision { decisions[last.term.package] = nil }
        }
        for package in touched {
            let kept = positions[package, default: []].filter { $0 < assignments.count }
            positions[package] = kept.isEmpty ? nil : kept
            accumulated[package] = kept.isEmpty ? nil : kept.dropFirst().reduce(assignments[kept[0]].term) {
                $0.intersection(assignments[$1].term)
            }
            updateRequired(package)
        }
    }

    /// The packages required (a positive term) but not yet decided.
    var undecided: [(PackageNode, Term)] {
        required.map { ($0, accumulated[$0]!) }
    }

    /// How the current assignments relate to `term`.
    func relation(to term: Term) -> Relation {
        guard let known = accumulated[term.package] else { return term.isTautology ? .satisfied : .inconclusive }
        if known.satisfies(term) { return .satisfied }
        if known.contradicts(term) { return .contradicted }
        return .inconclusive
    }

    /// How the current assignments relate to `incompatibility`.
    func relation(to incompatibility: Incompatibility) -> IncompatibilityRelation {
        var unsatisfied: Term?
        for term in incompatibility.terms {
            switch relation(to: term) {
            case .contradicted: return .contradicted
            case .satisfied: continue
            case .inconclusive:
                if unsatisfied != nil { return .inconclusive }
                unsatisfied = term
            }
        }
        return unsatisfied.map(IncompatibilityRelation.almostSatisfied) ?? .satisfied
    }

    /// The earliest assignment after which the assignments so far satisfy `term`.
    func satisfier(of term: Term) throws -> Assignment {
        var known: Term?
        for position in positions[term.package, default: []] {
            let assignment = assignments[position]
            let next = known.map { $0.intersection(assignment.term) } ?? assignment.term
            if next.satisfies(term) { return assignment }
            known = next
        }
        throw InternalError("no assignment satisfies \(term)")
    }

    /// Relation of a term to the partial solution.
    enum Relation { case satisfied, contradicted, inconclusive }

    /// Relation of an incompatibility to the partial solution.
    enum IncompatibilityRelation {
        /// Every term holds: a conflict.
        case satisfied
        /// Some term cannot hold: nothing to learn.
        case contradicted
        /// All terms but this one hold, so its inverse must hold.
        case almostSatisfied(Term)
        /// Two or more terms are undetermined.
        case inconclusive
    }
}
