import Foundation
import PerfSigning
import PerfTestSupport
import Testing

/// A package signature binds name, version, archive digest and base: it cannot be moved.
@Suite struct PackageSignatureTests {
    let key = SecretKey.generate()
    let archive = Data("teddy bundle bytes".utf8)
    let base = "sha256:" + String(repeating: "0f", count: 32)
    let signature: Minisig

    init() throws {
        signature = try PackageSignature.sign(archive: archive, name: "alice/teddy", version: "1.2.0", base: base, with: key)
    }

    /// Expects verification to fail, saying `words`.
    func expectRefused(archive: Data? = nil, name: String = "alice/teddy", version: String = "1.2.0", base: String?? = nil,
                       signature: Minisig? = nil, saying words: String..., sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: SigningError.self, sourceLocation: sourceLocation) {
            try PackageSignature.verify(signature ?? self.signature, archive: archive ?? self.archive, name: name,
                                        version: version, base: base ?? self.base, with: key.publicKey)
        }
        for word in words {
            #expect(error?.description.contains(word) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
        }
        #expect(error?.exitStatus == .verificationFailed, sourceLocation: sourceLocation)
    }

    @Test func theSignatureVerifiesAndStatesThePackage() throws {
        try PackageSignature.verify(signature, archive: archive, name: "alice/teddy", version: "1.2.0", base: base,
                                    with: key.publicKey)
        let statement = try PackageSignature.statement(of: signature)
        #expect(statement["name"] == "alice/teddy")
        let sha256sum = try ProcessRunner.run(tool: "sha256sum", ["-"], input: archive)
        #expect(statement["sha256"] == String(sha256sum.stdout.prefix(64)))
        #expect(statement["base"] == base)
        #expect(signature.untrustedComment.contains("alice/teddy@1.2.0"))
    }

    @Test func movedToAnotherArchiveIsRefused() {
        expectRefused(archive: archive + Data("!".utf8), saying: "alice/teddy@1.2.0", "does not match its contents")
    }

    @Test func movedToAnotherNameIsRefused() {
        expectRefused(name: "mallory/teddy", saying: "mallory/teddy@1.2.0", "name 'alice/teddy', not 'mallory/teddy'")
    }

    @Test func movedToAnotherVersionIsRefused() {
        expectRefused(version: "1.2.1", saying: "version '1.2.0', not '1.2.1'")
    }

    @Test func movedToAnotherBaseIsRefused() {
        expectRefused(base: .some(nil), saying: "base '\(base)', not 'none'")
        expectRefused(base: "sha256:" + String(repeating: "1e", count: 32), saying: "base")
    }

    @Test func aStatementWithAnotherDigestIsRefused() throws {
        // Validly signed over this archive, but stating another archive's sha256.
        let lie = try SignedStatement.package(name: "alice/teddy", version: "1.2.0", sha256: String(repeating: "e", count: 64), base: base)
        let signed = try Minisign.sign(archive, with: key, trustedComment: lie.text)
        expectRefused(signature: signed, saying: "sha256 'eeee")
    }

    @Test func aSignatureOfSomethingElseIsRefused() throws {
        let yank = try SignedStatement.yank(name: "alice/teddy", version: "1.2.0", yanked: true)
        let signed = try Minisign.sign(archive, with: key, trustedComment: yank.text)
        expectRefused(signature: signed, saying: "'perf-yank:1' statement")
    }
}
