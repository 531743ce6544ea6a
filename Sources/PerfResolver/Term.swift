import PerfManifest

/// A statement about one package that a selection of versions makes true or false
/// (PubGrub, "Term"): positive `foo ^1.0` holds when a version of foo in `^1.0` is
/// selected; negative `not foo ^1.0` holds when foo is not selected or its version lies
/// outside `^1.0`. Terms are combined as the sets of selections they allow.
public struct Term: Hashable, Sendable, CustomStringConvertible {
    /// The package the statement is about.
    public let package: PackageNode
    /// The versions the statement names.
    public let versions: VersionSet
    /// Whether the statement requires the package (positive) or excludes those versions (negative).
    public let isPositive: Bool

    /// A term from its parts.
    public init(_ package: PackageNode, _ versions: VersionSet, isPositive: Bool = true) {
        self.package = package
        self.versions = versions
        self.isPositive = isPositive
    }

    /// The opposite statement.
    public var inverse: Term { Term(package, versions, isPositive: !isPositive) }

    /// `foo 1.2.3` or `not foo ^1`.
    public var description: String { (isPositive ? "" : "not ") + "\(package) \(versions)" }

    /// True for a statement no selection can make true (a positive term with no versions).
    var isImpossible: Bool { isPositive && versions.isEmpty }

    /// True for a statement every selection makes true (a negative term with no versions).
    var isTautology: Bool { !isPositive && versions.isEmpty }

    /// The statement that both terms hold; both must be about the same package.
    func intersection(_ other: Term) -> Term {
        switch (isPositive, other.isPositive) {
        case (true, true): return Term(package, versions.intersection(other.versions))
        case (true, false): return Term(package, versions.subtracting(other.versions))
        case (false, true): return Term(package, other.versions.subtracting(versions))
        case (false, false): return Term(package, versions.union(other.versions), isPositive: false)
        }
    }

    /// The statement that this term holds and `other` does not.
    func difference(_ other: Term) -> Term { intersection(other.inverse) }

    /// True when every selection allowed by this term is allowed by `other`.
    func satisfies(_ other: Term) -> Bool {
        switch (isPositive, other.isPositive) {
        case (true, true): return versions.isSubset(of: other.versions)
        case (true, false): return versions.isDisjoint(with: other.versions)
        case (false, true): return false
        case (false, false): return other.versions.isSubset(of: versions)
        }
    }

    /// True when no selection allowed by this term is allowed by `other`.
    func contradicts(_ other: Term) -> Bool {
        switch (isPositive, other.isPositive) {
        case (true, true): return versions.isDisjoint(with: other.versions)
        case (true, false): return versions.isSubset(of: other.versions)
        case (false, true): return other.versions.isSubset(of: versions)
        case (false, false): return false
        }
    }
}
