/// A version as Semantic Versioning 2.0.0 defines it: `MAJOR.MINOR.PATCH`, an optional
/// pre-release (`-alpha.1`) and optional build metadata (`+build.5`). Precedence follows
/// semver §11 exactly; build metadata is kept in `description` but ignored by `==`, `<`
/// and hashing, so `1.0.0+a == 1.0.0+b` (a registry treats them as one version).
/// Coded as its string.
public struct SemanticVersion: Comparable, Hashable, Sendable, Codable, LosslessStringConvertible {
    /// Incompatible changes.
    public let major: NumericIdentifier
    /// Compatible additions.
    public let minor: NumericIdentifier
    /// Compatible fixes.
    public let patch: NumericIdentifier
    /// The pre-release identifiers; empty for a release.
    public let preRelease: [PreReleaseIdentifier]
    /// The build metadata identifiers; empty when there are none.
    public let buildMetadata: [String]

    /// The longest version text perf accepts, in bytes.
    public static let maximumLength = 256

    /// What a valid version looks like, for error messages.
    public static let expectation = "a semantic version MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] such as 1.2.3 or 1.0.0-rc.1 (semver 2.0)"

    /// The release `major.minor.patch`.
    public init(_ major: UInt64, _ minor: UInt64, _ patch: UInt64) {
        self.init(major: NumericIdentifier(major), minor: NumericIdentifier(minor), patch: NumericIdentifier(patch))
    }

    /// A version from its parts; build identifiers must each be 1 or more of 0-9, A-Z, a-z, `-`.
    public init(major: NumericIdentifier, minor: NumericIdentifier, patch: NumericIdentifier,
                preRelease: [PreReleaseIdentifier] = [], buildMetadata: [String] = []) {
        precondition(buildMetadata.allSatisfy(Self.isBuildIdentifier), "invalid build metadata \(buildMetadata)")
        self.major = major
        self.minor = minor
        self.patch = patch
        self.preRelease = preRelease
        self.buildMetadata = buildMetadata
    }

    /// True when the version has pre-release identifiers.
    public var isPreRelease: Bool { !preRelease.isEmpty }

    /// The same version without build metadata.
    public var withoutBuildMetadata: SemanticVersion {
        SemanticVersion(major: major, minor: minor, patch: patch, preRelease: preRelease)
    }

    /// The full text, build metadata included.
    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !preRelease.isEmpty { text += "-" + preRelease.map(\.description).joined(separator: ".") }
        if !buildMetadata.isEmpty { text += "+" + buildMetadata.joined(separator: ".") }
        return text
    }

    /// Precedence by semver §11: numbers left to right; a pre-release before its release;
    /// pre-releases identifier by identifier, a shorter prefix first.
    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        if lhs.major != rhs.major { return lhs.major < rhs.major }
        if lhs.minor != rhs.minor { return lhs.minor < rhs.minor }
        if lhs.patch != rhs.patch { return lhs.patch < rhs.patch }
        switch (lhs.preRelease.isEmpty, rhs.preRelease.isEmpty) {
        case (true, _): return false
        case (false, true): return true
        case (false, false): return lhs.preRelease.lexicographicallyPrecedes(rhs.preRelease)
        }
    }

    /// Equal precedence: build metadata does not count.
    public static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) == (rhs.major, rhs.minor, rhs.patch) && lhs.preRelease == rhs.preRelease
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(preRelease)
    }

    /// True when two versions agree in every part, build metadata included.
    public func isIdentical(to other: SemanticVersion) -> Bool {
        self == other && buildMetadata == other.buildMetadata
    }

    /// True for 1 or more of 0-9, A-Z, a-z and `-` (leading zeros are allowed in build metadata).
    static func isBuildIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }
}
