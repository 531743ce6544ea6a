import Foundation
import PerfManifest
import Testing

/// Semantic Versioning 2.0.0: the examples semver.org's FAQ links to (regex101.com/r/vkijKf),
/// and the precedence rules of §11.
@Suite struct SemanticVersionTests {
    static let valid = [
        "0.0.4", "1.2.3", "10.20.30", "1.1.2-prerelease+meta", "1.1.2+meta", "1.1.2+meta-valid", "1.0.0-alpha",
        "1.0.0-beta", "1.0.0-alpha.beta", "1.0.0-alpha.beta.1", "1.0.0-alpha.1", "1.0.0-alpha0.valid",
        "1.0.0-alpha.0valid", "1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay", "1.0.0-rc.1+build.1",
        "2.0.0-rc.1+build.123", "1.2.3-beta", "10.2.3-DEV-SNAPSHOT", "1.2.3-SNAPSHOT-123", "1.0.0", "2.0.0", "1.1.7",
        "2.0.0+build.1848", "2.0.1-alpha.1227", "1.0.0-alpha+beta", "1.2.3----RC-SNAPSHOT.12.9.1--.12+788",
        "1.2.3----R-S.12.9.1--.12+meta", "1.2.3----RC-SNAPSHOT.12.9.1--.12", "1.0.0+0.build.1-rc.10000aaa-kk-0.1",
        "99999999999999999999999.999999999999999999.99999999999999999", "1.0.0-0A.is.legal",
    ]

    static let invalid = [
        "1", "1.2", "1.2.3-0123", "1.2.3-0123.0123", "1.1.2+.123", "+invalid", "-invalid", "-invalid+invalid",
        "-invalid.01", "alpha", "alpha.beta", "alpha.beta.1", "alpha.1", "alpha+beta", "alpha_beta", "alpha.",
        "alpha..", "beta", "1.0.0-alpha_beta", "-alpha.", "1.0.0-alpha..", "1.0.0-alpha..1", "1.0.0-alpha...1",
        "1.0.0-alpha....1", "1.0.0-alpha.....1", "1.0.0-alpha......1", "1.0.0-alpha.......1", "01.1.1", "1.01.1",
        "1.1.01", "1.2.3.DEV", "1.2-SNAPSHOT", "1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788", "1.2-RC-SNAPSHOT",
        "-1.0.3-gamma+b7718", "+justmeta", "9.8.7+meta+meta", "9.8.7-whatever+meta+meta",
        "99999999999999999999999.999999999999999999.99999999999999999----RC-SNAPSHOT.12.09.1--------------------------------..12",
        // Beyond the FAQ's list: empty parts, prefixes, spaces, newlines, non-ASCII digits.
        "", "1.0.0-", "1.0.0+", "1.0.0-+b", "v1.2.3", " 1.2.3", "1.2.3 ", "1.2.3\n", "1.2.3-a b", "1..3", "1.2.3.",
        "١.2.3", "1.2.3-é", "1.2.3-\u{301}", "1.2.3-" + String(repeating: "a", count: 251),
    ]

    @Test(arguments: valid) func parsesEveryValidExampleAndPrintsItBack(_ text: String) throws {
        let version = try SemanticVersion(parsing: text)
        #expect(version.description == text)
        #expect(SemanticVersion(text)?.description == text)
        #expect(try JSONDecoder().decode(SemanticVersion.self, from: JSONEncoder().encode(version)).isIdentical(to: version))
    }

    @Test(arguments: invalid) func refusesEveryInvalidExample(_ text: String) {
        #expect(SemanticVersion(text) == nil)
        let error = #expect(throws: ManifestError.self) { try SemanticVersion(parsing: text) }
        #expect(error?.description.hasPrefix("invalid version") == true)
    }

    /// The lockfile's `version` field carries the schema's version pattern.
    @Test func theSchemaAgreesOnEveryExample() throws {
        let locks = (Self.valid + Self.invalid).map { version in
            "{\"schema\": 1, \"packages\": [{\"name\": \"a/b\", \"version\": \(jsonLiteral(version)), \"kind\": \"concept\", "
                + "\"sha256\": \"\(String(repeating: "0", count: 64))\", \"size\": 1, \"registry\": \"file:///r\", "
                + "\"key_id\": \"0123456789ABCDEF\"}]}"
        }
        let verdicts = try SchemaValidator.judge(locks, schema: "lockfile.schema.json")
        for (version, verdict) in zip(Self.valid + Self.invalid, verdicts) {
            #expect(verdict.valid == (SemanticVersion(version) != nil), "perf and the schema disagree on \(jsonLiteral(version))")
        }
    }

    /// semver §11.4's own example chain, then core numbers left to right.
    static let chain = [
        "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
        "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.9.0", "1.10.0", "2.0.0-0", "2.0.0-9", "2.0.0-10", "2.0.0-A",
        "2.0.0-a", "2.0.0-a.0", "2.0.0", "10.0.0", "99999999999999999998.0.0", "99999999999999999999.0.0",
        "100000000000000000000.0.0",
    ]

    @Test func precedenceFollowsSemverSection11() throws {
        let versions = try Self.chain.map(SemanticVersion.init(parsing:))
        for i in versions.indices {
            for j in versions.indices {
                #expect((versions[i] < versions[j]) == (i < j), "\(versions[i]) < \(versions[j])")
                #expect((versions[i] == versions[j]) == (i == j), "\(versions[i]) == \(versions[j])")
            }
        }
        var random = SplitMix64(seed: 3)
        #expect(versions.shuffled(using: &random).sorted() == versions)
    }

    @Test func buildMetadataIsKeptButIgnoredInPrecedence() throws {
        let plain = try SemanticVersion(parsing: "1.0.0-alpha")
        let a = try SemanticVersion(parsing: "1.0.0-alpha+001")
        let b = try SemanticVersion(parsing: "1.0.0-alpha+exp.sha.5114f85")
        #expect(a == b && a == plain)
        #expect(!(a < b) && !(b < a) && !(a < plain))
        #expect(Set([a, b, plain]).count == 1)
        #expect(a.description == "1.0.0-alpha+001" && b.description == "1.0.0-alpha+exp.sha.5114f85")
        #expect(a.buildMetadata == ["001"] && b.buildMetadata == ["exp", "sha", "5114f85"])
        #expect(!a.isIdentical(to: b) && a.withoutBuildMetadata.isIdentical(to: plain))
        #expect(try SemanticVersion(parsing: "1.0.0+build") < SemanticVersion(parsing: "1.0.1"))
    }

    @Test func partsAreExposed() throws {
        let version = try SemanticVersion(parsing: "1.22.333-rc.7.x+b")
        #expect(version.major == 1 && version.minor == 22 && version.patch == 333)
        #expect(version.preRelease.map(\.description) == ["rc", "7", "x"])
        #expect(version.preRelease.map(\.numericValue) == [nil, 7, nil])
        #expect(version.isPreRelease && !SemanticVersion(1, 0, 0).isPreRelease)
        #expect(SemanticVersion(3, 1, 4).description == "3.1.4")
    }

    @Test func hugeNumbersStayExact() throws {
        let version = try SemanticVersion(parsing: "18446744073709551616.0.0")
        #expect(version.major.value == nil)
        #expect(version.major.incremented().description == "18446744073709551617")
        #expect(NumericIdentifier(9).incremented() == 10 && NumericIdentifier("1999")!.incremented() == 2000)
        #expect(NumericIdentifier(UInt64.max).incremented().description == "18446744073709551616")
        #expect(NumericIdentifier("007") == nil && NumericIdentifier("") == nil && NumericIdentifier("-1") == nil)
    }
}

/// `text` as a JSON string literal.
func jsonLiteral(_ text: String) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .withoutEscapingSlashes
    return String(decoding: try! encoder.encode(text), as: UTF8.self)
}
