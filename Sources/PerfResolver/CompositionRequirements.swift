import PerfManifest

/// What a composition asks the resolver for (the root of the resolution): concepts by
/// version requirement, optionally a base model, and the versions `perf.lock` pins.
public struct CompositionRequirements: Hashable, Sendable {
    /// The concepts the composition uses.
    public var concepts: [PackageName: VersionRequirement]
    /// The base model the composition asks for; nil to take the concepts' base.
    public var base: Base?
    /// Versions from `perf.lock`: preferred whenever they still fit, and kept even when
    /// yanked (with a warning).
    public var locked: [PackageName: SemanticVersion]

    /// The requirements of a composition.
    public init(concepts: [PackageName: VersionRequirement], base: Base? = nil, locked: [PackageName: SemanticVersion] = [:]) {
        self.concepts = concepts
        self.base = base
        self.locked = locked
    }

    /// A base package by version requirement.
    public struct Base: Hashable, Sendable {
        /// The base package.
        public var name: PackageName
        /// The acceptable versions.
        public var requirement: VersionRequirement

        /// A base requirement from its parts.
        public init(name: PackageName, requirement: VersionRequirement) {
            self.name = name
            self.requirement = requirement
        }
    }
}
