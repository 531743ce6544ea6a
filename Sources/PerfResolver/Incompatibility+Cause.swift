import PerfManifest

extension Incompatibility {
    /// Why an incompatibility's terms cannot all hold: an external fact, or two prior
    /// incompatibilities it was derived from.
    public indirect enum Cause: Hashable, Sendable {
        /// `{not root}`: the composition must be resolved.
        case root
        /// `{depender, not dependency}`: the depender's versions need `requirement` of the dependency.
        case dependency(VersionRequirement)
        /// `{concept, not base}`: the concept's versions need a base model in `requirement`.
        case baseRequirement(VersionRequirement)
        /// `{concept, not weights}`: the concept's versions were trained on the weights `digest`.
        case trainedOn(Digest)
        /// `{base, not weights}`: those versions of a base package are the weights `digest`.
        case weights(Digest)
        /// `{package versions}`: no usable version lies there; `excluded` lists the versions
        /// that exist there but may not be chosen, and why.
        case noVersions(excluded: [ExcludedVersion])
        /// `{base A, base B}`: a composition has exactly one base model.
        case oneBase
        /// `{weights X, weights Y}` of one base: a composition has exactly one set of base weights.
        case oneWeights
        /// Derived by resolution from two incompatibilities.
        case conflict(Incompatibility, Incompatibility)
    }

    /// A version that exists but may not be chosen by a new resolution.
    public struct ExcludedVersion: Hashable, Sendable {
        /// The version.
        public let version: SemanticVersion
        /// Why it is not a candidate.
        public let reason: Reason

        /// Why a version is not a candidate.
        public enum Reason: Hashable, Sendable {
            /// Its publisher yanked it and no lock pins it.
            case yanked
            /// It is signed by a key perf does not trust.
            case untrusted
        }
    }
}
