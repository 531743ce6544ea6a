import Foundation
import PerfManifest
import Testing

/// Package names, digests and version requirements: perf and the schemas accept exactly
/// the same strings.
@Suite struct IdentifierTests {
    static let validNames = ["alice/teddy", "a/b", "0/9", "perf/shapes-32", "a_b/c-d", "\(String(repeating: "a", count: 64))/x"]
    static let invalidNames = ["alice", "alice/", "/teddy", "Alice/teddy", "alice/Teddy", "a/b/c", "-a/b", "a/_b", "a b/c",
                               "\(String(repeating: "a", count: 65))/x", "alice/teddy\n", "alicé/teddy", "", "/", "a//b"]

    static let validRequirements = ["*", "1", "1.2", "1.2.3", "^1.0", "~1.2.3", "=2.0.0-rc.1", ">=1.0, <2.0", ">=1.0,<2.0",
                                    ">1 , <=3.4.5-alpha.0", "0.0.0", "<99999999999999999999999", "^1.0.0-x-y.1"]
    static let invalidRequirements = ["", " ", "**", "* ", "1.x", "1.2.3.4", "^^1", ">= 1.0", "=>1", "^1,", ",^1", "^1,,^2",
                                      "1.0-rc.1", "1-rc", "^1.0.0+b", "^01", "1.2.3-", "1.2.3-a..b", "v1", "^1.0\n", " ^1",
                                      "^1 ", "*, ^1", "latest", "^1 || ^2", "１.0", String(repeating: "1,", count: 128) + "1"]

    @Test func packageNamesAgreeWithTheSchema() throws {
        for text in Self.validNames {
            let name = try PackageName(parsing: text)
            #expect(name.description == text && "\(name.scope)/\(name.name)" == text)
        }
        for text in Self.invalidNames {
            #expect(PackageName(text) == nil, "\(jsonLiteral(text))")
            #expect(throws: ManifestError.self) { try PackageName(parsing: text) }
        }
        let names = Self.validNames + Self.invalidNames
        let verdicts = try SchemaValidator.judge(names.map { "{\"schema\": 1, \"kind\": \"composition\", \"concepts\": {}, \"name\": \(jsonLiteral($0))}" },
                                                 schema: "composition.schema.json")
        for (name, verdict) in zip(names, verdicts) {
            #expect(verdict.valid == (PackageName(name) != nil), "perf and the schema disagree on \(jsonLiteral(name))")
        }
    }

    @Test func packageNamesOrderByScopeThenName() throws {
        let names = try ["b/a", "a/c", "a/b", "a-b/a", "a/b-c"].map(PackageName.init(parsing:)).sorted().map(\.description)
        // Scope first: "a" sorts before "a-b" although "a-b/a" < "a/b" byte by byte.
        #expect(names == ["a/b", "a/b-c", "a/c", "a-b/a", "b/a"])
        #expect(throws: ManifestError.self) { try PackageName(scope: "Alice", name: "teddy") }
    }

    @Test func requirementsAgreeWithTheSchema() throws {
        for text in Self.validRequirements { #expect(RequirementSyntax.isValid(text), "\(jsonLiteral(text))") }
        for text in Self.invalidRequirements { #expect(!RequirementSyntax.isValid(text), "\(jsonLiteral(text))") }
        let all = Self.validRequirements + Self.invalidRequirements
        let verdicts = try SchemaValidator.judge(all.map { "{\"schema\": 1, \"kind\": \"composition\", \"concepts\": {\"a/b\": \(jsonLiteral($0))}}" },
                                                 schema: "composition.schema.json")
        for (text, verdict) in zip(all, verdicts) {
            #expect(verdict.valid == RequirementSyntax.isValid(text), "perf and the schema disagree on \(jsonLiteral(text))")
        }
    }

    @Test func digestsAreSha256InLowercaseHex() throws {
        let hex = String(repeating: "0123456789abcdef", count: 4)
        let digest = try Digest(sha256Hex: hex)
        #expect(digest.description == "sha256:" + hex && digest.hex == hex)
        #expect(try Digest(parsing: "sha256:" + hex) == digest && Digest("sha256:" + hex) == digest)
        for bad in [hex.uppercased(), String(hex.dropLast()), hex + "0", "sha256:" + hex, String(hex.dropLast()) + "g", ""] {
            #expect(throws: ManifestError.self) { try Digest(sha256Hex: bad) }
        }
        for bad in [hex, "sha256:" + hex.uppercased(), "SHA256:" + hex, "sha512:" + hex, "sha256: " + hex, "sha256:" + hex + "\n"] {
            #expect(Digest(bad) == nil, "\(jsonLiteral(bad))")
        }
        let encoded = try JSONEncoder().encode(["d": digest])
        #expect(try JSONDecoder().decode([String: Digest].self, from: encoded)["d"] == digest)
    }
}
