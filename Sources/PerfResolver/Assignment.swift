import PerfManifest

/// One entry of the partial solution (PubGrub, "Assignment"): a decision that selects one
/// version, or a derivation that unit propagation found must hold, with its cause.
struct Assignment: Hashable, Sendable {
    /// What the assignment states.
    let term: Term
    /// The number of decisions at or before this assignment.
    let decisionLevel: Int
    /// The position in the partial solution.
    let index: Int
    /// The incompatibility the term was derived from; nil for a decision.
    let cause: Incompatibility?

    /// True for a decision.
    var isDecision: Bool { cause == nil }
}
