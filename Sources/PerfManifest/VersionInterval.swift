/// A half-open interval of versions in precedence order, `lower <= v < upper`, with no
/// upper end when `upper` is nil. The building block of `VersionSet`.
struct VersionInterval: Hashable, Sendable {
    /// The least version inside.
    var lower: SemanticVersion
    /// The least version above the interval; nil for no upper end.
    var upper: SemanticVersion?

    /// The interval `[lower, upper)`.
    init(_ lower: SemanticVersion, _ upper: SemanticVersion?) {
        self.lower = lower
        self.upper = upper
    }

    /// True when no version lies inside.
    var isEmpty: Bool { upper.map { $0 <= lower } ?? false }

    /// True when `version` lies inside.
    func contains(_ version: SemanticVersion) -> Bool {
        lower <= version && (upper.map { version < $0 } ?? true)
    }

    /// The versions in both intervals (possibly empty).
    func intersection(_ other: VersionInterval) -> VersionInterval {
        VersionInterval(max(lower, other.lower), Self.minUpper(upper, other.upper))
    }

    /// The lower of two upper ends, nil meaning no end.
    static func minUpper(_ a: SemanticVersion?, _ b: SemanticVersion?) -> SemanticVersion? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }

    /// The higher of two upper ends, nil meaning no end.
    static func maxUpper(_ a: SemanticVersion?, _ b: SemanticVersion?) -> SemanticVersion? {
        guard let a, let b else { return nil }
        return max(a, b)
    }
}
