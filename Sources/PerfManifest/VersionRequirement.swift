/// Which versions of a package a manifest accepts, with cargo's meaning ("Specifying
/// Dependencies" in the Cargo Book), plus npm-style alternatives:
///
/// - `1.2.3`, `^1.2.3`: `>=1.2.3, <2.0.0`; `^0.2.3`: `>=0.2.3, <0.3.0`; `^0.0.3`: `=0.0.3`;
///   `^1.2`: `>=1.2.0, <2.0.0`; `^1`: `1.*`; `^0.2`: `0.2.*`; `^0.0`: `0.0.*`; `^0`: `0.*`.
/// - `~1.2.3`: `>=1.2.3, <1.3.0`; `~1.2`: `1.2.*`; `~1`: `1.*`.
/// - `=1.2.3` exactly; `=1.2` is `1.2.*`; `>`, `>=`, `<`, `<=` compare (`>1.2` is `>=1.3.0`,
///   `<=1.2` is `<1.3.0`); `*`, `1.*`, `1.2.*` (also `x`, `X`) leave numbers open.
/// - `A, B`: both; `A || B`: either (npm's union; cargo has none). Comma binds tighter.
/// - Pre-releases: a pre-release version matches only when an alternative has a comparator
///   naming a pre-release of the same `major.minor.patch` (cargo's rule), so `^1.0` never
///   picks `1.1.0-beta`, while `>=1.1.0-beta, <2` allows `1.1.0-beta.2` but not `1.2.0-rc`.
/// - Build metadata is not allowed (it takes no part in precedence).
///
/// `description` is the normal form (`1.2` is written `^1.2`, `1.x` is written `1.*`,
/// spaces as `>=1.0, <2.0 || ^3`), which parses back to an equal requirement. Two
/// requirements are `==` when their normal forms are; `versions` compares meanings.
/// Coded as its string.
public struct VersionRequirement: Hashable, Sendable, Codable, LosslessStringConvertible {
    /// The alternatives (joined by `||`), each a conjunction of comparators (joined by `,`).
    let alternatives: [[VersionComparator]]

    /// Exactly the versions the requirement accepts.
    public let versions: VersionSet

    /// What a valid requirement looks like, for error messages.
    public static let expectation = "a version requirement such as \"^1.2\", \"~1.2.3\", \"=1.0.0\", \">=1.0, <2.0\", \"1.*\", \"*\" or \"^1 || ^2\""

    /// The longest requirement text perf accepts, in bytes.
    public static let maximumLength = 256

    /// A requirement from parsed alternatives.
    init(alternatives: [[VersionComparator]]) {
        self.alternatives = alternatives
        self.versions = alternatives.reduce(VersionSet.empty) { $0.union(Self.versions(of: $1)) }
    }

    /// `*`: every release (a pre-release only matches a requirement that names it, as in cargo).
    public static let any = VersionRequirement(alternatives: [[VersionComparator(op: .wildcard, major: nil, minor: nil, patch: nil, preRelease: [])]])

    /// Exactly `version` (`=1.2.3`); build metadata is dropped.
    public static func exactly(_ version: SemanticVersion) -> VersionRequirement {
        VersionRequirement(alternatives: [[VersionComparator(op: .exact, major: version.major, minor: version.minor,
                                                             patch: version.patch, preRelease: version.preRelease)]])
    }

    /// The versions compatible with `version` (`^1.2.3`); build metadata is dropped.
    public static func compatible(with version: SemanticVersion) -> VersionRequirement {
        VersionRequirement(alternatives: [[VersionComparator(op: .caret, major: version.major, minor: version.minor,
                                                             patch: version.patch, preRelease: version.preRelease)]])
    }

    /// True when `version` meets the requirement.
    public func matches(_ version: SemanticVersion) -> Bool {
        versions.contains(version)
    }

    /// The normal form: comparators joined by `, `, alternatives by ` || `.
    public var description: String {
        alternatives.map { $0.map(\.description).joined(separator: ", ") }.joined(separator: " || ")
    }

    public static func == (lhs: VersionRequirement, rhs: VersionRequirement) -> Bool {
        lhs.alternatives == rhs.alternatives
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(alternatives)
    }

    /// The versions one alternative accepts: the intersection of its comparators' intervals,
    /// all its releases, and only the pre-releases of numbers one of its comparators names.
    private static func versions(of comparators: [VersionComparator]) -> VersionSet {
        let hull = comparators.map(\.interval).reduce(VersionInterval(.minimum, nil)) { $0.intersection($1) }
        guard !hull.isEmpty else { return .empty }
        let preReleases = comparators.compactMap(\.preReleaseNumbers).map {
            hull.intersection(VersionInterval($0.preReleaseFloor, $0))
        }
        return VersionSet(releases: [hull], preReleases: preReleases)
    }
}
