import PerfManifest
import PerfResolver

/// The synthetic graphs of the benchmark, each fixed by its seed.
enum SyntheticGraphs {
    /// `count` packages of 20 versions; each version depends on up to three packages further
    /// down the list (a DAG), mostly with lower bounds (`>=K`) and sometimes with carets
    /// (`^K`), which make versions conflict and force backtracking. The root needs every
    /// tenth package.
    static func random(count: Int, caretShare: Double, seed: UInt64) -> BenchmarkCase {
        var random = BenchRandom(seed: seed)
        var catalog = PackageCatalog()
        let names = (0..<count).map { BenchmarkCase.package("p\($0)") }
        for (index, name) in names.enumerated() {
            for (major, minor) in BenchmarkCase.twentyVersions {
                var dependencies: [PackageName: VersionRequirement] = [:]
                if index + 1 < count {
                    for _ in 0..<Int.random(in: 1...4, using: &random) {
                        let target = names[Int.random(in: (index + 1)..<count, using: &random)]
                        let bound = Int.random(in: 1...4, using: &random)
                        let caret = Double.random(in: 0..<1, using: &random) < caretShare
                        dependencies[target] = VersionRequirement(caret ? "^\(bound)" : ">=\(bound)")!
                    }
                }
                catalog.add(name, CandidateVersion(BenchmarkCase.version(major, minor), dependencies: dependencies))
            }
        }
        let roots = Dictionary(uniqueKeysWithValues: stride(from: 0, to: count, by: 10).map { (names[$0], VersionRequirement.any) })
        return BenchmarkCase(name: "random \(count)×20, \(Int(caretShare * 100))% carets",
                             summary: "\(count) packages × 20 versions, 1–4 dependencies per version on later packages, "
                                 + "\(Int(caretShare * 100))% `^K` else `>=K` (K from 1 to 4), seed \(seed); the root needs every tenth package",
                             catalog: catalog, composition: CompositionRequirements(concepts: roots))
    }

    /// A chain of `depth` packages of 20 versions, each version of one needing the same
    /// major of the next. The root needs the first package in `top`; with `bottom`, also the
    /// last one in that range: `^1` under `*` makes the newest majors chosen from the top
    /// fail at the bottom, to be undone; `^1` under `^4` cannot be met, and only a
    /// derivation through the whole chain shows it.
    static func chain(depth: Int, top: String = "*", bottom: String? = nil) -> BenchmarkCase {
        var catalog = PackageCatalog()
        let names = (0..<depth).map { BenchmarkCase.package("c\($0)") }
        for (index, name) in names.enumerated() {
            for (major, minor) in BenchmarkCase.twentyVersions {
                let dependencies = index + 1 < depth ? [names[index + 1]: VersionRequirement("^\(major)")!] : [:]
                catalog.add(name, CandidateVersion(BenchmarkCase.version(major, minor), dependencies: dependencies))
            }
        }
        var roots = [names[0]: VersionRequirement(top)!]
        if let bottom { roots[names[depth - 1]] = VersionRequirement(bottom)! }
        return BenchmarkCase(name: "chain of \(depth), top \(top)" + (bottom.map { ", bottom \($0)" } ?? ""),
                             summary: "\(depth) packages × 20 versions in a chain, each version needing the same major of the next; "
                                 + "the root needs the first one `\(top)`" + (bottom.map { " and the last one `\($0)`" } ?? ""),
                             catalog: catalog, composition: CompositionRequirements(concepts: roots))
    }

    /// A conflict that a search deciding packages in order only finds after trying every
    /// combination of `width` unrelated packages of `versions` versions each: the root needs
    /// all of them, `q ^1`, and `zz`, whose every version needs `q ^2`. No solution exists.
    static func hiddenConflict(width: Int, versions: Int) -> BenchmarkCase {
        var catalog = PackageCatalog()
        var roots: [PackageName: VersionRequirement] = [:]
        for index in 0..<width {
            let name = BenchmarkCase.package("a\(index)")
            for minor in 0..<versions { catalog.add(name, CandidateVersion(BenchmarkCase.version(1, minor))) }
            roots[name] = .any
        }
        let q = BenchmarkCase.package("q"), zz = BenchmarkCase.package("zz")
        catalog.add(q, CandidateVersion(BenchmarkCase.version(1, 0)))
        catalog.add(q, CandidateVersion(BenchmarkCase.version(2, 0)))
        for minor in 0..<versions {
            catalog.add(zz, CandidateVersion(BenchmarkCase.version(1, minor), dependencies: [q: VersionRequirement("^2")!]))
        }
        roots[q] = VersionRequirement("^1")!
        roots[zz] = .any
        return BenchmarkCase(name: "hidden conflict \(width)×\(versions)",
                             summary: "\(width) unrelated packages × \(versions) versions, and `zz` needing `q ^2` while the root needs "
                                 + "`q ^1`: unsatisfiable",
                             catalog: catalog, composition: CompositionRequirements(concepts: roots))
    }
}
