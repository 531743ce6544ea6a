import PerfManifest

/// One published version of a package, as the resolver needs it: what it depends on, the
/// base model it was trained on (concepts), its weights (bases), and whether a new
/// resolution may choose it.
public struct CandidateVersion: Hashable, Sendable {
    /// The version.
    public var version: SemanticVersion
    /// Other packages it needs, by version requirement.
    public var dependencies: [PackageName: VersionRequirement]
    /// For a concept, the base model it works with; nil for a package without one.
    public var base: Base?
    /// For a base package, the `weights_digest` of this version's weights; nil when unknown.
    public var weightsDigest: Digest?
    /// Whether its publisher withdrew it: never chosen by a new resolution, kept when locked.
    public var isYanked: Bool
    /// Whether it is signed by a key perf trusts for its scope; untrusted versions are never chosen.
    public var isTrusted: Bool

    /// A candidate from its parts; trusted, not yanked, no dependencies by default.
    public init(_ version: SemanticVersion, dependencies: [PackageName: VersionRequirement] = [:], base: Base? = nil,
                weightsDigest: Digest? = nil, isYanked: Bool = false, isTrusted: Bool = true) {
        self.version = version
        self.dependencies = dependencies
        self.base = base
        self.weightsDigest = weightsDigest
        self.isYanked = isYanked
        self.isTrusted = isTrusted
    }

    /// The base model a concept needs: a base package, the versions of it the concept
    /// accepts, and the digest of the exact weights it was trained on.
    public struct Base: Hashable, Sendable {
        /// The base package.
        public var name: PackageName
        /// The base versions the concept accepts.
        public var requirement: VersionRequirement
        /// The `weights_digest` the concept was trained on.
        public var digest: Digest

        /// A base requirement from its parts.
        public init(name: PackageName, requirement: VersionRequirement, digest: Digest) {
            self.name = name
            self.requirement = requirement
            self.digest = digest
        }
    }
}
