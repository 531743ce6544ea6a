import PerfManifest
import PerfTestSupport
import Testing

/// `VersionSet` is a Boolean algebra: union, intersection, complement and difference agree
/// with membership, and its canonical form makes equal sets `==`.
@Suite struct VersionSetTests {
    /// A random set: a requirement's versions, a precedence range, or a few exact versions.
    static func randomSet(using random: inout SeededRandomNumberGenerator) -> VersionSet {
        let grid = CargoReference.grid
        switch Int.random(in: 0..<4, using: &random) {
        case 0, 1:
            return VersionRequirement(CargoReference.randomRequirement(using: &random))!.versions
        case 2:
            let ends = [grid.randomElement(using: &random)!, grid.randomElement(using: &random)!].sorted()
            return VersionSet(from: ends[0], below: Bool.random(using: &random) ? ends[1] : nil)
        default:
            return VersionSet(versions: (0..<Int.random(in: 0...4, using: &random)).map { _ in grid.randomElement(using: &random)! })
        }
    }

    @Test func operationsAgreeWithMembership() {
        var random = SeededRandomNumberGenerator(seed: 11)
        var failures: [String] = []
        for _ in 0..<400 {
            let a = Self.randomSet(using: &random)
            let b = Self.randomSet(using: &random)
            let (union, intersection, inverse, difference) = (a.union(b), a.intersection(b), a.inverted, a.subtracting(b))
            for version in CargoReference.grid {
                let (x, y) = (a.contains(version), b.contains(version))
                if union.contains(version) != (x || y) { failures.append("\(a) ∪ \(b) at \(version)") }
                if intersection.contains(version) != (x && y) { failures.append("\(a) ∩ \(b) at \(version)") }
                if inverse.contains(version) == x { failures.append("not \(a) at \(version)") }
                if difference.contains(version) != (x && !y) { failures.append("\(a) ∖ \(b) at \(version)") }
            }
            if a.isSubset(of: b) != a.subtracting(b).isEmpty { failures.append("\(a) ⊆ \(b)") }
            if a.isDisjoint(with: b) != a.intersection(b).isEmpty { failures.append("\(a) disjoint \(b)") }
            // Laws that hold only if the form is canonical.
            if a.union(b).inverted != a.inverted.intersection(b.inverted) { failures.append("De Morgan on \(a), \(b)") }
            if a.inverted.inverted != a || a.union(a.inverted) != .any || !a.intersection(a.inverted).isEmpty {
                failures.append("complement of \(a)")
            }
            if a.union(b) != b.union(a) || a.intersection(b).union(a) != a { failures.append("absorption on \(a), \(b)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    @Test func exactVersionsAndPrecedenceRanges() throws {
        let rc = try SemanticVersion(parsing: "2.0.0-rc.1")
        let release = try SemanticVersion(parsing: "2.0.0")
        #expect(VersionSet.exactly(rc).contains(rc) && !VersionSet.exactly(rc).contains(release))
        #expect(VersionSet.exactly(release).contains(try SemanticVersion(parsing: "2.0.0+build")))
        // Precedence puts 2.0.0-rc.1 below 2.0.0: inside [1.0.0, 2.0.0), unlike the requirement ^1.
        #expect(VersionSet(from: SemanticVersion(1, 0, 0), below: release).contains(rc))
        #expect(!VersionRequirement("^1")!.matches(rc))
        #expect(VersionSet(releasesFrom: SemanticVersion(1, 0, 0), below: nil).contains(SemanticVersion(7, 0, 0)))
        #expect(!VersionSet(releasesFrom: SemanticVersion(1, 0, 0), below: nil).contains(rc))
        #expect(VersionSet.empty.inverted == .any && VersionSet.any.inverted == .empty)
        #expect(SemanticVersion.minimum < SemanticVersion(0, 0, 0) && VersionSet.any.contains(.minimum))
        #expect(try SemanticVersion(parsing: "1.2.3").successor == SemanticVersion(parsing: "1.2.4-0"))
        #expect(try SemanticVersion(parsing: "1.2.3-rc").successor == SemanticVersion(parsing: "1.2.3-rc.0"))
    }
}
