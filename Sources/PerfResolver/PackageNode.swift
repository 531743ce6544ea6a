import PerfManifest

/// Something the solver picks a version of: the composition itself (the root), a real
/// package, or the weights of a base model. A base's weights are a virtual package with
/// a single version, so "every concept of a composition was trained on the same base
/// weights" becomes ordinary incompatibilities between weights nodes.
public enum PackageNode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The composition being resolved.
    case root
    /// A concept or base package.
    case package(PackageName)
    /// The weights of base `name` whose digest is `digest`.
    case baseWeights(PackageName, Digest)

    /// The one version of the root and of a weights node.
    static let soleVersion = SemanticVersion(0, 0, 0)

    /// The real package's name; nil for the root and weights nodes.
    public var name: PackageName? {
        if case .package(let name) = self { return name }
        return nil
    }

    /// How messages name the node: `the composition`, `alice/teddy`, `perf/tiny's weights sha256:…`.
    public var description: String {
        switch self {
        case .root: return "the composition"
        case .package(let name): return name.description
        case .baseWeights(let name, let digest): return "\(name) with weights \(digest)"
        }
    }

    public static func < (lhs: PackageNode, rhs: PackageNode) -> Bool {
        switch (lhs, rhs) {
        case (.root, .root): return false
        case (.root, _): return true
        case (_, .root): return false
        case (.package(let a), .package(let b)): return a < b
        case (.package, .baseWeights): return true
        case (.baseWeights, .package): return false
        case (.baseWeights(let a, let x), .baseWeights(let b, let y)): return (a, x.hex) < (b, y.hex)
        }
    }
}
