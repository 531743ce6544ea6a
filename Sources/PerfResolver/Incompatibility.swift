import PerfManifest

/// A set of terms that must not all hold at once (PubGrub, "Incompatibility"): "alice/teddy
/// 1.x depends on perf/shapes ^1" is `{alice/teddy 1.x, not perf/shapes ^1}`. External
/// incompatibilities state facts about packages; derived ones come from two others during
/// conflict resolution and remember them as their cause, which makes the derivation graph
/// that explains a failure. Identity is the solver-assigned `id`.
public struct Incompatibility: Hashable, Sendable, CustomStringConvertible {
    /// Unique within one resolution, in order of creation.
    public let id: Int
    /// At most one term per package.
    public let terms: [Term]
    /// Why the terms cannot all hold.
    public let cause: Cause

    /// Normalizes `terms` (terms about one package are intersected, statements that always
    /// hold are dropped, and a derived incompatibility drops the always-true root term).
    init(id: Int, terms: [Term], cause: Cause) {
        var merged: [Term] = []
        for term in terms {
            if let index = merged.firstIndex(where: { $0.package == term.package }) {
                merged[index] = merged[index].intersection(term)
            } else {
                merged.append(term)
            }
        }
        merged.removeAll(where: \.isTautology)
        if case .conflict = cause, merged.count > 1 {
            merged.removeAll { $0.package == .root && $0.isPositive }
        }
        self.id = id
        self.terms = merged
        self.cause = cause
    }

    /// The term about `package`, if any.
    func term(for package: PackageNode) -> Term? {
        terms.first { $0.package == package }
    }

    /// True when the terms say the composition itself cannot be resolved.
    var isFailure: Bool {
        terms.isEmpty || (terms.count == 1 && terms[0].package == .root && terms[0].isPositive)
    }

    /// True for an incompatibility derived during conflict resolution.
    var isDerived: Bool {
        if case .conflict = cause { return true }
        return false
    }

    /// `{alice/teddy 1.x, not perf/shapes ^1}`.
    public var description: String { "{" + terms.map(\.description).joined(separator: ", ") + "}" }

    public static func == (lhs: Incompatibility, rhs: Incompatibility) -> Bool { lhs.id == rhs.id }

    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
