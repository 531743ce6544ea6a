import Foundation
import PerfManifest
import PerfTestSupport
import Testing

/// Version requirements mean what the Cargo Book says they mean, plus `||` unions; their
/// normal form parses back to the same requirement; malformed text is refused with a
/// message that quotes it and says why.
@Suite struct VersionRequirementTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let requirement: String
        let matches: [String]
        let rejects: [String]
        var testDescription: String { requirement }

        init(_ requirement: String, _ matches: [String], _ rejects: [String]) {
            self.requirement = requirement
            self.matches = matches
            self.rejects = rejects
        }
    }

    /// The Cargo Book's "Specifying Dependencies" tables, and its pre-release rule.
    static let cargoCases: [Case] = [
        Case("1.2.3", ["1.2.3", "1.2.9", "1.9.0"], ["1.2.2", "2.0.0", "1.3.0-alpha", "2.0.0-rc.1"]),
        Case("^1.2.3", ["1.2.3", "1.99.99"], ["1.2.2", "2.0.0", "0.9.0"]),
        Case("^1.2", ["1.2.0", "1.99.0"], ["1.1.9", "2.0.0"]),
        Case("^1", ["1.0.0", "1.9.9"], ["0.9.9", "2.0.0"]),
        Case("^0.2.3", ["0.2.3", "0.2.9"], ["0.2.2", "0.3.0"]),
        Case("^0.2", ["0.2.0", "0.2.9"], ["0.1.9", "0.3.0"]),
        Case("^0.0.3", ["0.0.3"], ["0.0.2", "0.0.4"]),
        Case("^0.0", ["0.0.0", "0.0.9"], ["0.1.0"]),
        Case("^0", ["0.0.0", "0.9.9"], ["1.0.0"]),
        Case("~1.2.3", ["1.2.3", "1.2.9"], ["1.2.2", "1.3.0"]),
        Case("~1.2", ["1.2.0", "1.2.9"], ["1.1.9", "1.3.0"]),
        Case("~1", ["1.0.0", "1.9.9"], ["0.9.0", "2.0.0"]),
        Case("~0.2.3", ["0.2.3", "0.2.9"], ["0.3.0"]),
        Case("=1.2.3", ["1.2.3", "1.2.3+build.5"], ["1.2.4", "1.2.2", "1.2.3-rc.1"]),
        Case("=1.2", ["1.2.0", "1.2.7"], ["1.3.0", "1.1.9"]),
        Case("=1", ["1.0.0", "1.9.0"], ["2.0.0"]),
        Case(">1.2.3", ["1.2.4", "3.0.0"], ["1.2.3", "1.2.4-alpha"]),
        Case(">1.2", ["1.3.0"], ["1.2.9"]),
        Case(">1", ["2.0.0"], ["1.9.9"]),
        Case(">=1.2", ["1.2.0", "7.0.0"], ["1.1.9", "1.2.0-rc"]),
        Case("<1.2.3", ["1.2.2", "0.0.0"], ["1.2.3", "1.2.3-alpha"]),
        Case("<=1.2", ["1.2.9"], ["1.3.0"]),
        Case("<=1.2.3", ["1.2.3"], ["1.2.4"]),
        Case("*", ["0.0.0", "99.0.0"], ["1.0.0-alpha"]),
        Case("1.*", ["1.0.0", "1.9.9"], ["2.0.0", "0.9.9"]),
        Case("1.2.*", ["1.2.0", "1.2.9"], ["1.3.0", "1.1.0"]),
        Case("1.x", ["1.5.0"], ["2.0.0"]),
        Case("1.2.X", ["1.2.5"], ["1.3.0"]),
        Case(">=1.2, <1.5", ["1.2.0", "1.4.9"], ["1.5.0", "1.1.0"]),
        Case("^1 || ^3", ["1.0.0", "3.2.0"], ["2.0.0", "4.0.0"]),
        Case(">=2, <1", [], ["1.0.0", "1.5.0", "2.0.0"]),
        Case("^99999999999999999999.1", ["99999999999999999999.5.0"], ["100000000000000000000.0.0"]),
        // Pre-releases match only through a comparator naming a pre-release of the same numbers.
        Case("^1.2.3-beta.2", ["1.2.3-beta.2", "1.2.3-beta.10", "1.2.3-rc", "1.2.3", "1.9.0"],
             ["1.2.3-beta.1", "1.2.3-beta", "1.2.4-alpha", "2.0.0-alpha"]),
        Case(">=1.0.0-rc.1, <2", ["1.0.0-rc.1", "1.0.0-rc.2", "1.5.0"], ["1.0.0-beta", "1.1.0-rc.1", "2.0.0-rc"]),
        Case("<2.0.0-beta", ["2.0.0-alpha", "1.9.0"], ["2.0.0-beta", "1.9.0-alpha"]),
        Case("=1.2.3-alpha", ["1.2.3-alpha"], ["1.2.3-alpha.1", "1.2.3"]),
        Case("~1.2.3-alpha", ["1.2.3-alpha.1", "1.2.9"], ["1.2.4-alpha", "1.3.0"]),
        Case(">1.2.3-alpha", ["1.2.3-alpha.0", "1.2.3-beta", "1.2.3"], ["1.2.3-alpha", "1.2.4-alpha"]),
        Case("^1.0.0-rc.1 || ^2.0.0-rc.1", ["1.0.0-rc.2", "2.0.0-rc.1", "2.1.0"], ["2.1.0-rc.1", "1.0.0-beta"]),
    ]

    @Test(arguments: cargoCases)
    func meansWhatCargoSays(_ example: Case) throws {
        let requirement = try VersionRequirement(parsing: example.requirement)
        for text in example.matches {
            #expect(requirement.matches(try SemanticVersion(parsing: text)), "\(example.requirement) should match \(text)")
        }
        for text in example.rejects {
            #expect(!requirement.matches(try SemanticVersion(parsing: text)), "\(example.requirement) should not match \(text)")
        }
    }

    @Test func normalFormIsCompactAndParsesBack() throws {
        let forms = [
            "1.2": "^1.2", "1.x": "1.*", "1.2.X": "1.2.*", "x": "*", ">= 1.2 ,<2": ">=1.2, <2", "^1||^2": "^1 || ^2",
            "=1.2.3": "=1.2.3", " ~ 1.2.3-rc.1 ": "~1.2.3-rc.1", ">=1.0,<2.0": ">=1.0, <2.0",
        ]
        for (text, normal) in forms {
            let requirement = try VersionRequirement(parsing: text)
            #expect(requirement.description == normal, "\(text)")
            #expect(try VersionRequirement(parsing: requirement.description) == requirement)
        }
        #expect(VersionRequirement("^1") != VersionRequirement("1.*"))
        #expect(VersionRequirement("^1")?.versions == VersionRequirement("1.*")?.versions)
        #expect(VersionRequirement.exactly(SemanticVersion(1, 2, 3)).description == "=1.2.3")
        #expect(VersionRequirement.compatible(with: SemanticVersion(0, 2, 0)).description == "^0.2.0")
    }

    @Test func describesItsVersionsCompactly() throws {
        let descriptions = [
            "^1": "1.x", "^1.2": "^1.2.0", "~1.2.3": "~1.2.3", "=1.2.3": "1.2.3", ">=1.2, <3": ">=1.2.0, <3.0.0", "<2": "<2.0.0",
            ">=1.5": ">=1.5.0", "*": "*", "^1 || ^3": "1.x || 3.x", "^1.0.0-rc.1": "^1.0.0-rc.1", "~1.2": "1.2.x", "^0.0.3": "0.0.3",
            ">=1, <1": "none", "=1.0.0-rc.1": "1.0.0-rc.1", ">=1.0.0-rc.1, <1.0.0": ">=1.0.0-rc.1, <1.0.0",
        ]
        for (text, description) in descriptions {
            #expect(try VersionRequirement(parsing: text).versions.description == description, "\(text)")
        }
        #expect(VersionSet.any.description == "*")
        #expect(VersionSet(from: SemanticVersion(1, 1, 0), below: nil).description == ">=1.1.0")
    }

    @Test(arguments: [
        ("", "empty"), ("   ", "empty"), ("^", "no version"), (">=", "no version"), ("1.2.3.4", "more than three numbers"),
        ("01.2", "not a number"), ("1.2.3+build", "build metadata"), ("^1.*", "wildcard after `^`"), (">=1.*", "wildcard after `>=`"),
        ("1.*.3", "number after a wildcard"), ("1.2-beta", "not all three numbers"), ("1.2.3-", "malformed pre-release"),
        ("1.2.3-01", "malformed pre-release"), ("^1 ||", "alternative around `||` is empty"), ("|| ^1", "alternative around `||` is empty"),
        ("^1,", "comparator around `,` is empty"), (",^1", "comparator around `,` is empty"), ("^1 | ^2", "not a number"),
        ("latest", "not a number"), ("1.2.3 - 2.0.0", "malformed pre-release"), ("v1.2.3", "not a number"),
        ("-1", "no version numbers before"), ("^1\n", "U+A"), ("１.0", "U+FF11"), ("^1\u{0}", "U+0"),
        (String(repeating: "1,", count: 128) + "1", "more than the 256 allowed"), ("*1", "not a number"), ("1.2.3-rc.1*", "malformed"),
    ])
    func refusesMalformedText(_ text: String, _ reason: String) {
        #expect(VersionRequirement(text) == nil)
        do {
            _ = try VersionRequirement(parsing: text)
            Issue.record("\(text) was accepted")
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix("invalid version requirement"), "\(message)")
            #expect(message.contains(reason), "\(message)")
        }
    }

    @Test func codesAsItsNormalForm() throws {
        let requirement = try VersionRequirement(parsing: ">=1.0,<2||=3.0.0-rc.1")
        let data = try JSONEncoder().encode([requirement])
        #expect(String(decoding: data, as: UTF8.self) == #"[">=1.0, <2 || =3.0.0-rc.1"]"#)
        #expect(try JSONDecoder().decode([VersionRequirement].self, from: data) == [requirement])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([VersionRequirement].self, from: Data(#"["^^1"]"#.utf8)) }
    }

    /// Random requirements agree, on a grid of versions, with a direct reading of cargo's
    /// matching rules that shares no code with the interval algebra.
    @Test func agreesWithADirectReadingOfCargosRules() throws {
        var random = SeededRandomNumberGenerator(seed: 7)
        let grid = CargoReference.grid
        var disagreements: [String] = []
        for _ in 0..<600 {
            let text = CargoReference.randomRequirement(using: &random)
            let requirement = try VersionRequirement(parsing: text)
            let reference = CargoReference.matcher(text)
            for version in grid where requirement.matches(version) != reference(version) {
                disagreements.append("\(text) on \(version)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
    }
}
