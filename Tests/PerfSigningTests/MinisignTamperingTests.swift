import Foundation
import PerfSigning
import PerfTestSupport
import Testing

/// Every change to a signed file, its signature or its key is refused, by perf with an
/// error naming what failed, and by minisign too (so the tampering is real).
@Suite struct MinisignTamperingTests {
    let key = SecretKey.generate()
    let message = Data("the archive's bytes".utf8)
    let signature: Minisig
    let directory: TemporaryDirectory

    init() throws {
        signature = try Minisign.sign(message, with: key, trustedComment: "perf-yank:1 name=a/b version=1.0.0 yanked=true")
        directory = try TemporaryDirectory("perf-tamper")
        try directory.write("key.pub", key.publicKey.minisignFile)
    }

    /// Checks that perf refuses `signature` over `message` with `publicKey` saying `words`,
    /// and that minisign refuses it too.
    func expectRefused(_ signature: Minisig, of message: Data, with publicKey: PublicKey, saying words: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let error = try #require(throws: SigningError.self, sourceLocation: sourceLocation) {
            try Minisign.verify(signature, of: message, with: publicKey, subject: "bundle.perf")
        }
        #expect(error.description.contains(words), "\(error)", sourceLocation: sourceLocation)
        #expect(error.description.contains("bundle.perf"), sourceLocation: sourceLocation)
        #expect(error.exitStatus == .verificationFailed, sourceLocation: sourceLocation)

        try directory.write("bundle.perf", message)
        try directory.write("bundle.perf.minisig", signature.text)
        try directory.write("other.pub", publicKey.minisignFile)
        let result = try MinisignTool(directory: directory).run(["-V", "-p", "other.pub", "-m", "bundle.perf"])
        #expect(result.status != 0, "minisign accepted it", sourceLocation: sourceLocation)
    }

    /// The signature with byte `index` of base64 line `line` (1-based, 2 or 4) flipped.
    func flipping(line: Int, byte index: Int) throws -> Minisig {
        var lines = signature.text.split(separator: "\n").map(String.init)
        var bytes = try #require(Data(base64Encoded: lines[line - 1]))
        bytes[index] ^= 0x01
        lines[line - 1] = bytes.base64EncodedString()
        return try Minisig(text: lines.joined(separator: "\n") + "\n", source: "tampered")
    }

    @Test func theUntamperedSignatureVerifies() throws {
        try Minisign.verify(signature, of: message, with: key.publicKey)
        try directory.write("bundle.perf", message)
        try directory.write("bundle.perf.minisig", signature.text)
        #expect(try MinisignTool(directory: directory).run(["-V", "-p", "key.pub", "-m", "bundle.perf"]).status == 0)
    }

    @Test func aFlippedByteInTheFileIsRefused() throws {
        var changed = message
        changed[3] ^= 0x20
        try expectRefused(signature, of: changed, with: key.publicKey, saying: "does not match its contents")
    }

    @Test func aFlippedByteInTheSignatureIsRefused() throws {
        try expectRefused(flipping(line: 2, byte: 40), of: message, with: key.publicKey, saying: "does not match its contents")
    }

    @Test func aChangedTrustedCommentIsRefused() throws {
        let changed = signature.text.replacingOccurrences(of: "yanked=true", with: "yanked=fals")
        let tampered = try Minisig(text: changed, source: "tampered")
        #expect(tampered.trustedComment.hasSuffix("yanked=fals"))
        try expectRefused(tampered, of: message, with: key.publicKey, saying: "trusted comment")
    }

    @Test func aFlippedByteInTheGlobalSignatureIsRefused() throws {
        try expectRefused(flipping(line: 4, byte: 10), of: message, with: key.publicKey, saying: "trusted comment")
    }

    @Test func aSignatureNamingAnotherKeyIDIsRefused() throws {
        let tampered = try flipping(line: 2, byte: 2)
        #expect(tampered.keyID != key.keyID)
        try expectRefused(tampered, of: message, with: key.publicKey, saying: "was made by key \(tampered.keyID)")
    }

    @Test func anotherKeyIsRefused() throws {
        let other = SecretKey.generate().publicKey
        try expectRefused(signature, of: message, with: other, saying: "not by the given key \(other.keyID)")
    }

    @Test func anotherKeyWearingTheSameKeyIDIsRefused() throws {
        let impostor = try PublicKey(keyID: key.keyID, rawRepresentation: SecretKey.generate().publicKey.rawRepresentation)
        try expectRefused(signature, of: message, with: impostor, saying: "does not match its contents")
    }

    @Test func aLegacySignatureRelabelledPrehashedIsRefused() throws {
        // The algorithm tag is not covered by any signature, but changing it changes what is checked.
        let relabelled = signature.text.replacingOccurrences(
            of: signature.text.split(separator: "\n")[1],
            with: (Data("Ed".utf8) + signature.keyID.bytes + signature.signature).base64EncodedString())
        let tampered = try Minisig(text: relabelled, source: "tampered")
        #expect(tampered.algorithm == .legacy)
        try expectRefused(tampered, of: message, with: key.publicKey, saying: "does not match its contents")
    }
}
