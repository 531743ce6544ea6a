extension VersionSet {
    /// A set from intervals already in canonical form (the algebra below keeps it).
    private init(canonicalReleases: [VersionInterval], preReleases: [VersionInterval]) {
        self.releases = canonicalReleases
        self.preReleases = preReleases
    }

    /// The versions in both sets.
    public func intersection(_ other: VersionSet) -> VersionSet {
        VersionSet(canonicalReleases: Self.intersect(releases, other.releases),
                   preReleases: Self.intersect(preReleases, other.preReleases))
    }

    /// The versions in either set.
    public func union(_ other: VersionSet) -> VersionSet {
        if isEmpty { return other }
        if other.isEmpty { return self }
        return VersionSet(releases: releases + other.releases, preReleases: preReleases + other.preReleases)
    }

    /// Every version not in this set.
    public var inverted: VersionSet {
        VersionSet(canonicalReleases: Self.complement(releases, floor: Component.releases.floor),
                   preReleases: Self.complement(preReleases, floor: Component.preReleases.floor))
    }

    /// The versions in this set and not in `other`.
    public func subtracting(_ other: VersionSet) -> VersionSet {
        intersection(other.inverted)
    }

    /// True when every version of this set is in `other`.
    public func isSubset(of other: VersionSet) -> Bool {
        Self.fits(releases, within: other.releases) && Self.fits(preReleases, within: other.preReleases)
    }

    /// True when no version is in both sets.
    public func isDisjoint(with other: VersionSet) -> Bool {
        !Self.overlap(releases, other.releases) && !Self.overlap(preReleases, other.preReleases)
    }

    /// True when each interval of `a` lies inside one interval of `b` (both sorted, disjoint
    /// and not touching, so an interval cannot straddle two of `b`). Allocates nothing:
    /// unit propagation asks this constantly.
    private static func fits(_ a: [VersionInterval], within b: [VersionInterval]) -> Bool {
        var j = 0
        for interval in a {
            while j < b.count, let upper = b[j].upper, upper <= interval.lower { j += 1 }
            guard j < b.count, b[j].lower <= interval.lower else { return false }
            if let outer = b[j].upper {
                guard let inner = interval.upper, inner <= outer else { return false }
            }
        }
        return true
    }

    /// True when some interval of `a` meets some interval of `b` (both sorted and disjoint).
    private static func overlap(_ a: [VersionInterval], _ b: [VersionInterval]) -> Bool {
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            let lower = max(a[i].lower, b[j].lower)
            if (a[i].upper.map { lower < $0 } ?? true) && (b[j].upper.map { lower < $0 } ?? true) { return true }
            // Neither interval reaches past `lower` on both sides: drop the one ending first.
            switch (a[i].upper, b[j].upper) {
            case (nil, _): j += 1
            case (_, nil): i += 1
            case (let x?, let y?): if x < y { i += 1 } else { j += 1 }
            }
        }
        return false
    }

    /// The pairwise intersections of two sorted, disjoint interval lists (sorted and disjoint again).
    private static func intersect(_ a: [VersionInterval], _ b: [VersionInterval]) -> [VersionInterval] {
        var result: [VersionInterval] = []
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            let overlap = a[i].intersection(b[j])
            if !overlap.isEmpty { result.append(overlap) }
            // Step past whichever interval ends first; it can meet nothing further on the other side.
            switch (a[i].upper, b[j].upper) {
            case (nil, nil): return result
            case (nil, _): j += 1
            case (_, nil): i += 1
            case (let x?, let y?): if x < y { i += 1 } else { j += 1 }
            }
        }
        return result
    }

    /// The gaps of a sorted, disjoint interval list within `[floor, ∞)`.
    private static func complement(_ intervals: [VersionInterval], floor: SemanticVersion) -> [VersionInterval] {
        var result: [VersionInterval] = []
        var cursor: SemanticVersion? = floor
        for interval in intervals {
            guard let start = cursor else { break }
            if start < interval.lower { result.append(VersionInterval(start, interval.lower)) }
            cursor = interval.upper
        }
        if let start = cursor { result.append(VersionInterval(start, nil)) }
        return result
    }
}
