import Foundation
import PerfSigning
import Testing

@Suite struct SignedStatementTests {
    let digest = String(repeating: "ab", count: 32)

    @Test func packageStatementsReadAsDocumented() throws {
        let statement = try SignedStatement.package(name: "alice/teddy", version: "1.2.0", sha256: digest,
                                                    base: "sha256:" + digest)
        #expect(statement.text == "perf-package:1 name=alice/teddy version=1.2.0 sha256=\(digest) base=sha256:\(digest)")
        #expect(statement.kind == SignedStatement.packageKind)
        #expect(statement["version"] == "1.2.0")
        #expect(statement["missing"] == nil)
        #expect(try SignedStatement(parsing: statement.text) == statement)
        let base = try SignedStatement.package(name: "perf/world", version: "1.0.0", sha256: digest, base: nil)
        #expect(base["base"] == "none")
    }

    @Test func yankAndKeyRotationStatementsRoundTrip() throws {
        let yank = try SignedStatement.yank(name: "alice/teddy", version: "1.2.0", yanked: false)
        #expect(yank.text == "perf-yank:1 name=alice/teddy version=1.2.0 yanked=false")
        #expect(try SignedStatement(parsing: yank.text) == yank)

        let newKey = SecretKey.generate().publicKey
        let rotation = try SignedStatement.keyRotation(scope: "alice", newKey: newKey)
        #expect(rotation.kind == SignedStatement.keyRotationKind)
        let parsed = try SignedStatement(parsing: rotation.text)
        #expect(try PublicKey(minisign: #require(parsed["key"]), source: "rotation") == newKey)
    }

    @Test func orderAndValuesDecideEquality() throws {
        let ab = try SignedStatement(kind: "k:1", fields: [("a", "1"), ("b", "2")])
        #expect(ab != (try SignedStatement(kind: "k:1", fields: [("b", "2"), ("a", "1")])))
        #expect(ab != (try SignedStatement(kind: "k:2", fields: [("a", "1"), ("b", "2")])))
        #expect(ab != (try SignedStatement(kind: "k:1", fields: [("a", "1")])))
        #expect(ab == (try SignedStatement(parsing: "k:1 a=1 b=2")))
    }

    @Test(arguments: ["has space", "has=equals", "", "tab\there", "new\nline"])
    func valuesThatCannotBeReadBackAreRefused(value: String) {
        let error = #expect(throws: SigningError.self) {
            _ = try SignedStatement.package(name: "alice/teddy", version: value, sha256: "x", base: nil)
        }
        #expect(error?.description.contains("version") == true)
        #expect(error?.exitStatus == .dataError)
    }

    @Test func badKindsAndKeysAreRefused() {
        #expect(throws: SigningError.self) { _ = try SignedStatement(kind: "Perf", fields: []) }
        #expect(throws: SigningError.self) { _ = try SignedStatement(kind: "k=1", fields: []) }
        #expect(throws: SigningError.self) { _ = try SignedStatement(kind: "k", fields: [("A", "1")]) }
        #expect(throws: SigningError.self) { _ = try SignedStatement(kind: "k", fields: [("", "1")]) }
        #expect(throws: SigningError.self) { _ = try SignedStatement(kind: "k", fields: [("a", "1"), ("a", "2")]) }
    }

    @Test(arguments: [
        "", " perf-package:1 name=a", "perf-package:1  name=a", "perf-package:1 name=a ", "perf-package:1 name",
        "perf-package:1 name=a=b", "perf-package:1 =a", "perf-package:1 name=", "perf-package:1 name=a name=b",
        "timestamp:1700000000\tfile:bundle.perf\thashed",  // minisign's default trusted comment
    ])
    func malformedTrustedCommentsAreRefused(text: String) {
        let error = #expect(throws: SigningError.self) { _ = try SignedStatement(parsing: text) }
        #expect(error?.description.contains("is not a perf statement") == true)
    }
}
