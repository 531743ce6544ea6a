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
        intersection(other) == self
    }

    /// True when no version is in both sets.
    public func isDisjoint(with other: VersionSet) -> Bool {
        Self.intersect(releases, other.releases).isEmpty && Self.intersect(preReleases, other.preReleases).isEmpty
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
