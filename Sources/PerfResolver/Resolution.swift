import PerfManifest

/// A successful resolution: one version of every package the composition needs, which of
/// them is the base model, and anything the user should know about the choice.
public struct Resolution: Hashable, Sendable {
    /// The chosen version of every package, the base included.
    public var packages: [PackageName: SemanticVersion]
    /// The composition's base model; nil when nothing asked for one.
    public var base: BaseSelection?
    /// Things the user should know, such as a locked version that is yanked.
    public var warnings: [ResolutionWarning]

    /// A resolution from its parts.
    public init(packages: [PackageName: SemanticVersion], base: BaseSelection?, warnings: [ResolutionWarning]) {
        self.packages = packages
        self.base = base
        self.warnings = warnings
    }

    /// The base model chosen for the composition.
    public struct BaseSelection: Hashable, Sendable {
        /// The base package.
        public var name: PackageName
        /// Its chosen version.
        public var version: SemanticVersion
        /// The weights every concept was trained on; nil when no concept names them.
        public var digest: Digest?

        /// A base selection from its parts.
        public init(name: PackageName, version: SemanticVersion, digest: Digest?) {
            self.name = name
            self.version = version
            self.digest = digest
        }
    }
}
