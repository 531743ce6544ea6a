import Foundation
import PerfManifest
import Testing

/// Package names and digests: perf and the schemas accept exactly the same strings
/// (version requirements: `RequirementAgreementTests`).
@Suite struct IdentifierTests {
    static let validNames = ["alice/teddy", "a/b", "0/9", "perf/shapes-32", "a_b/c-d", "\(String(repeating: "a", count: 64))/x"]
    static let invalidNames = ["alice", "alice/", "/teddy", "Alice/teddy", "alice/Teddy", "a/b/c", "-a/b", "a/_b", "a b/c",
                               "\(String(repeating: "a", count: 65))/x", "alice/teddy\n", "alicé/teddy", "", "/", "a//b"]

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
