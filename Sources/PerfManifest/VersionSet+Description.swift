extension VersionSet: CustomStringConvertible {
    /// A compact rendering for messages, in requirement syntax where one fits: `*`, `1.2.3`,
    /// `1.x`, `1.2.x`, `^1.2.3`, `~1.2.3`, `>=1.2.0, <3.0.0`, `<2.0.0`, alternatives joined by
    /// ` || `; `none` for the empty set. Pre-releases that lie inside a shown release range
    /// are not spelled out (`>=1.1.0` reads as "1.1.0 and everything after it").
    public var description: String {
        if isAny { return "*" }
        if isEmpty { return "none" }
        var shown = releases
        // Pre-releases beyond those a release range already spans in precedence order.
        var extra = VersionSet(canonicalPreReleases: preReleases).subtracting(releaseHull).preReleases
        for (index, interval) in shown.enumerated() {
            // `>=1.0.0-rc.1, <2.0.0`: the pre-releases just below a release range's start.
            if let joined = extra.firstIndex(where: { $0.upper == interval.lower.nextPatchFloor && $0.lower.hasSameNumbers(as: interval.lower) }) {
                shown[index].lower = extra[joined].lower
                extra.remove(at: joined)
            }
        }
        let pieces = shown.map(Self.render) + extra.map(Self.renderPreReleases)
        return pieces.joined(separator: " || ")
    }

    /// Only pre-release intervals, already canonical.
    private init(canonicalPreReleases: [VersionInterval]) {
        self.init(releases: [], preReleases: canonicalPreReleases)
    }

    /// The pre-releases lying between the ends of each release interval, in precedence order.
    private var releaseHull: VersionSet {
        VersionSet(releases: [], preReleases: releases.map {
            VersionInterval($0.lower == .minimumRelease ? .minimum : $0.lower.nextPatchFloor, $0.upper)
        })
    }

    /// One interval as the shortest requirement that means it.
    private static func render(_ interval: VersionInterval) -> String {
        let lower = interval.lower
        let isFloor = lower == .minimumRelease || lower == .minimum
        guard let upper = interval.upper else { return isFloor ? "*" : ">=\(lower)" }
        if isFloor { return "<\(upper)" }
        if upper == lower.successor || (!lower.isPreRelease && upper == lower.nextPatchFloor.release) { return "\(lower)" }
        let numbers = lower.release
        if !lower.isPreRelease, numbers.patch == 0 {
            if numbers.minor == 0, upper == SemanticVersion(major: numbers.major.incremented(), minor: 0, patch: 0) {
                return "\(numbers.major).x"
            }
            if upper == SemanticVersion(major: numbers.major, minor: numbers.minor.incremented(), patch: 0) {
                return "\(numbers.major).\(numbers.minor).x"
            }
        }
        if upper == VersionComparator.caretUpper(major: numbers.major, minor: numbers.minor, patch: numbers.patch) { return "^\(lower)" }
        if upper == SemanticVersion(major: numbers.major, minor: numbers.minor.incremented(), patch: 0) { return "~\(lower)" }
        return ">=\(lower), <\(upper)"
    }

    /// A pre-release interval on its own: `>=1.0.0-rc.1, <1.0.0` for pre-releases of one version.
    private static func renderPreReleases(_ interval: VersionInterval) -> String {
        let lower = interval.lower
        if let upper = interval.upper, upper == lower.successor { return "\(lower)" }
        if let upper = interval.upper, upper == lower.nextPatchFloor { return ">=\(lower), <\(lower.release)" }
        return render(interval)
    }
}
