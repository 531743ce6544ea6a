extension SemanticVersion {
    /// The least version there is, `0.0.0-0`: every version has at least this precedence.
    public static let minimum = SemanticVersion(major: 0, minor: 0, patch: 0, preRelease: [PreReleaseIdentifier.zero])

    /// The least release, `0.0.0`.
    static let minimumRelease = SemanticVersion(0, 0, 0)

    /// The version right after this one in precedence order, so that no version lies
    /// strictly between them: `1.2.3` → `1.2.4-0`, `1.0.0-rc` → `1.0.0-rc.0`. A half-open
    /// range `[v, v.successor)` holds exactly `v`; `> v` is `>= v.successor`.
    public var successor: SemanticVersion {
        isPreRelease
            ? SemanticVersion(major: major, minor: minor, patch: patch, preRelease: preRelease + [PreReleaseIdentifier.zero])
            : nextPatchFloor
    }

    /// The release with the same numbers and no build metadata: `1.2.3-rc.1+b` → `1.2.3`.
    public var release: SemanticVersion {
        SemanticVersion(major: major, minor: minor, patch: patch)
    }

    /// The least pre-release of the next patch, `1.2.3` → `1.2.4-0`: the first version
    /// above every pre-release of this version's numbers.
    var nextPatchFloor: SemanticVersion {
        SemanticVersion(major: major, minor: minor, patch: patch.incremented(), preRelease: [PreReleaseIdentifier.zero])
    }

    /// The least pre-release of this version's numbers, `1.2.3` → `1.2.3-0`.
    var preReleaseFloor: SemanticVersion {
        SemanticVersion(major: major, minor: minor, patch: patch, preRelease: [PreReleaseIdentifier.zero])
    }

    /// True when both versions share major, minor and patch.
    func hasSameNumbers(as other: SemanticVersion) -> Bool {
        major == other.major && minor == other.minor && patch == other.patch
    }
}

extension PreReleaseIdentifier {
    /// `0`, the least identifier: `x-0` precedes every other pre-release of `x`.
    static let zero = PreReleaseIdentifier("0")!
}
