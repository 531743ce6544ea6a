import PerfManifest
import PerfResolver

/// One synthetic resolution problem: a catalogue of versions and what the root asks for.
struct BenchmarkCase {
    /// A short name for the table.
    let name: String
    /// How the graph was made, for BENCHMARKS.md.
    let summary: String
    /// Every version of every package.
    let catalog: PackageCatalog
    /// The root's requirements.
    let composition: CompositionRequirements

    /// The package `bench/<name>`.
    static func package(_ name: String) -> PackageName {
        PackageName("bench/" + name)!
    }

    /// `major.minor.0`.
    static func version(_ major: Int, _ minor: Int) -> SemanticVersion {
        SemanticVersion(UInt64(major), UInt64(minor), 0)
    }

    /// Twenty versions: majors 1 to 4, minors 0 to 4.
    static let twentyVersions = (1...4).flatMap { major in (0...4).map { (major, $0) } }
}
