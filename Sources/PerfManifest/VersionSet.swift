/// A set of versions, closed under union, intersection and complement: what a version
/// requirement allows, and what a resolver term says about one package.
///
/// Releases and pre-releases are kept apart, each as a sorted union of disjoint half-open
/// intervals in semver precedence order, because requirements treat them differently:
/// `^1.2` allows every release from 1.2.0 below 2.0.0 but no pre-release, while
/// `>=1.0.0-rc.1, <2.0` also allows the pre-releases of 1.0.0 from rc.1 on. Keeping two
/// interval lists makes every such set finite to write down and the algebra exact.
///
/// The form is canonical (release intervals have release bounds, pre-release intervals
/// pre-release bounds, none empty, none touching), so two sets are `==` exactly when they
/// hold the same versions.
public struct VersionSet: Hashable, Sendable {
    /// Intervals of releases; their bounds are releases.
    let releases: [VersionInterval]
    /// Intervals of pre-releases; their bounds are pre-releases.
    let preReleases: [VersionInterval]

    /// Builds the canonical form of the given intervals (any bounds, any order, overlaps allowed).
    init(releases: [VersionInterval], preReleases: [VersionInterval]) {
        self.releases = Component.releases.canonical(releases)
        self.preReleases = Component.preReleases.canonical(preReleases)
    }

    /// Every version, releases and pre-releases.
    public static let any = VersionSet(from: .minimum, below: nil)

    /// No version at all.
    public static let empty = VersionSet(releases: [], preReleases: [])

    /// Every version `v`, release or pre-release, with `lower <= v < upper` in semver
    /// precedence (no upper end when `upper` is nil). Note that precedence puts `2.0.0-rc`
    /// below `2.0.0`, so `[1.0.0, 2.0.0)` holds it.
    public init(from lower: SemanticVersion, below upper: SemanticVersion?) {
        let interval = [VersionInterval(lower, upper)]
        self.init(releases: interval, preReleases: interval)
    }

    /// The releases `v` with `lower <= v < upper`, and no pre-release.
    public init(releasesFrom lower: SemanticVersion, below upper: SemanticVersion?) {
        self.init(releases: [VersionInterval(lower, upper)], preReleases: [])
    }

    /// Exactly one version.
    public static func exactly(_ version: SemanticVersion) -> VersionSet {
        VersionSet(from: version, below: version.successor)
    }

    /// Exactly the given versions.
    public init<S: Sequence>(versions: S) where S.Element == SemanticVersion {
        let intervals = versions.map { VersionInterval($0, $0.successor) }
        self.init(releases: intervals.filter { !$0.lower.isPreRelease }, preReleases: intervals.filter { $0.lower.isPreRelease })
    }

    /// True when `version` is in the set (build metadata is ignored, as precedence ignores it).
    public func contains(_ version: SemanticVersion) -> Bool {
        let intervals = version.isPreRelease ? preReleases : releases
        var low = 0
        var high = intervals.count
        while low < high {
            let middle = (low + high) / 2
            if let upper = intervals[middle].upper, upper <= version { low = middle + 1 } else { high = middle }
        }
        return low < intervals.count && intervals[low].lower <= version
    }

    /// True when the set holds no version.
    public var isEmpty: Bool { releases.isEmpty && preReleases.isEmpty }

    /// True when the set holds every version.
    public var isAny: Bool { self == .any }
}

extension VersionSet {
    /// One half of the version space, with its own canonical bounds.
    enum Component {
        case releases
        case preReleases

        /// The least version of this half.
        var floor: SemanticVersion {
            switch self {
            case .releases: return .minimumRelease
            case .preReleases: return .minimum
            }
        }

        /// A bound that cuts this half at the same place as `bound` and is itself in the half:
        /// for releases, `1.3.0-rc` cuts like `1.3.0`; for pre-releases, `1.3.0` cuts like `1.3.1-0`.
        func canonical(_ bound: SemanticVersion) -> SemanticVersion {
            switch self {
            case .releases: return bound.release
            case .preReleases: return bound.isPreRelease ? bound.withoutBuildMetadata : bound.nextPatchFloor
            }
        }

        /// Sorted, merged, non-empty intervals with canonical bounds, holding the same versions
        /// of this half as `intervals`.
        func canonical(_ intervals: [VersionInterval]) -> [VersionInterval] {
            let bounded = intervals
                .map { VersionInterval(canonical(max($0.lower, floor)), $0.upper.map(canonical)) }
                .filter { !$0.isEmpty }
                .sorted { $0.lower < $1.lower }
            var merged: [VersionInterval] = []
            merged.reserveCapacity(bounded.count)
            for interval in bounded {
                if let last = merged.last, last.upper.map({ interval.lower <= $0 }) ?? true {
                    merged[merged.count - 1].upper = VersionInterval.maxUpper(last.upper, interval.upper)
                } else {
                    merged.append(interval)
                }
            }
            return merged
        }
    }
}
