/// One comparator of a version requirement, as cargo writes them: an operator and a
/// version that may leave out minor and patch (`^1.2`, `~1`, `>=1.2.3-rc.1`, `1.*`).
struct VersionComparator: Hashable, Sendable, CustomStringConvertible {
    /// How the comparator relates a version to its numbers.
    enum Operator: String, Sendable, CaseIterable {
        /// `^`, and a bare version: changes that keep the leftmost non-zero number.
        case caret = "^"
        /// `~`: patch changes (minor ones when only the major is given).
        case tilde = "~"
        /// `=`: exactly this version, or every version with the given numbers.
        case exact = "="
        /// `>`
        case greater = ">"
        /// `>=`
        case greaterOrEqual = ">="
        /// `<`
        case less = "<"
        /// `<=`
        case lessOrEqual = "<="
        /// `*`, `1.*`, `1.2.*`: any value for the numbers left out.
        case wildcard = "*"
    }

    /// The operator.
    let op: Operator
    /// The major number; nil only for a bare `*`.
    let major: NumericIdentifier?
    /// The minor number, when given.
    let minor: NumericIdentifier?
    /// The patch number, when given.
    let patch: NumericIdentifier?
    /// Pre-release identifiers; only with all three numbers.
    let preRelease: [PreReleaseIdentifier]

    /// The comparator as written in normal form: `^1.2`, `>=1.0.0-rc.1`, `1.*`, `*`.
    var description: String {
        let numbers = [major, minor, patch].compactMap { $0?.description }.joined(separator: ".")
        let pre = preRelease.isEmpty ? "" : "-" + preRelease.map(\.description).joined(separator: ".")
        switch op {
        case .wildcard: return numbers.isEmpty ? "*" : numbers + ".*"
        default: return op.rawValue + numbers + pre
        }
    }

    /// The version spelled out, missing numbers as 0.
    private var spelledOut: SemanticVersion {
        SemanticVersion(major: major ?? 0, minor: minor ?? 0, patch: patch ?? 0, preRelease: preRelease)
    }

    /// The version whose pre-releases this comparator lets through (cargo's rule: a
    /// pre-release matches only a comparator naming a pre-release of the same numbers).
    var preReleaseNumbers: SemanticVersion? {
        preRelease.isEmpty ? nil : spelledOut.release
    }

    /// The least version the comparator's numbers cover. Cargo compares a partial version
    /// number by number, so `1.2` covers the pre-releases of 1.2.0 too (`1.2.0-0` on), while
    /// a full version compares with its pre-release (`1.2.3` starts at 1.2.3).
    private var start: SemanticVersion {
        patch == nil ? spelledOut.preReleaseFloor : spelledOut
    }

    /// The first version past every version with the numbers given: `1.2` → `1.3.0-0`,
    /// `1` → `2.0.0-0`, `1.2.3` → `1.2.4-0`, `1.2.3-rc` → `1.2.3-rc.0`.
    private var pastGivenNumbers: SemanticVersion? {
        guard let major else { return nil }
        guard let minor else { return SemanticVersion(major: major.incremented(), minor: 0, patch: 0).preReleaseFloor }
        guard patch != nil else { return SemanticVersion(major: major, minor: minor.incremented(), patch: 0).preReleaseFloor }
        return spelledOut.successor
    }

    /// The versions the comparator allows, as one interval in precedence order, before the
    /// pre-release rule is applied. Ends that come from a changed number (`^1.2.3` ends
    /// before 2.0.0, `~1.2.3` before 1.3.0) exclude that number's pre-releases too, since
    /// cargo asks for an equal major (minor) rather than a lower version.
    var interval: VersionInterval {
        switch op {
        case .exact, .wildcard:
            return VersionInterval(major == nil ? .minimum : start, pastGivenNumbers)
        case .greaterOrEqual:
            return VersionInterval(start, nil)
        case .greater:
            return VersionInterval(pastGivenNumbers ?? .minimum, nil)
        case .less:
            return VersionInterval(.minimum, start)
        case .lessOrEqual:
            return VersionInterval(.minimum, pastGivenNumbers)
        case .tilde:
            guard minor != nil else { return VersionInterval(start, pastGivenNumbers) }
            let numbers = spelledOut
            return VersionInterval(start, SemanticVersion(major: numbers.major, minor: numbers.minor.incremented(), patch: 0).preReleaseFloor)
        case .caret:
            let numbers = spelledOut
            guard minor != nil, patch != nil else {
                // `^1` is `1.*`, `^1.2` is `>=1.2.0, <2.0.0`, `^0.2` is `0.2.*`, `^0` is `0.*`, `^0.0` is `0.0.*`.
                if numbers.major == 0, minor != nil { return VersionInterval(start, pastGivenNumbers) }
                return VersionInterval(start, SemanticVersion(major: numbers.major.incremented(), minor: 0, patch: 0).preReleaseFloor)
            }
            return VersionInterval(start, Self.caretUpper(major: numbers.major, minor: numbers.minor, patch: numbers.patch).preReleaseFloor)
        }
    }

    /// The end of `^major.minor.patch`: the next major, or for 0.x the next minor, or for
    /// 0.0.x the next patch.
    static func caretUpper(major: NumericIdentifier, minor: NumericIdentifier, patch: NumericIdentifier) -> SemanticVersion {
        if major != 0 { return SemanticVersion(major: major.incremented(), minor: 0, patch: 0) }
        if minor != 0 { return SemanticVersion(major: 0, minor: minor.incremented(), patch: 0) }
        return SemanticVersion(major: 0, minor: 0, patch: patch.incremented())
    }
}
