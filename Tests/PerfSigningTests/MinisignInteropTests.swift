import Foundation
import PerfSigning
import PerfTestSupport
import Testing

/// perf and the stock minisign (Debian's 0.11) read each other's keys and signatures.
@Suite struct MinisignInteropTests {
    let directory: TemporaryDirectory
    let minisign: MinisignTool
    let message = Data("a concept bundle, or any file\n".utf8) + Data((0..<3000).map { UInt8($0 % 251) })

    init() throws {
        directory = try TemporaryDirectory("perf-signing")
        minisign = MinisignTool(directory: directory)
        try directory.write("bundle.perf", message)
    }

    @Test func minisignVerifiesWhatPerfSigns() throws {
        let key = SecretKey.generate()
        try directory.write("perf.pub", key.publicKey.minisignFile)
        let comment = "perf-package:1 name=alice/teddy version=1.2.0 sha256=abc base=none"
        let signature = try Minisign.sign(message, with: key, trustedComment: comment)
        try directory.write("bundle.perf.minisig", signature.text)

        let byFile = try minisign.run(["-V", "-p", "perf.pub", "-m", "bundle.perf"])
        #expect(byFile.status == 0, "\(byFile.stderr)")
        #expect(byFile.stdout.contains("Trusted comment: \(comment)"))
        // -H demands a prehashed signature; -P takes the bare base64 line.
        let prehashed = try minisign.run(["-V", "-H", "-P", key.publicKey.base64, "-m", "bundle.perf"])
        #expect(prehashed.status == 0, "\(prehashed.stderr)")
    }

    @Test func perfVerifiesWhatMinisignSigns() throws {
        try minisign.generateKeyPair("x")
        let signed = try minisign.run(["-S", "-s", "x.key", "-m", "bundle.perf", "-t", "trusted comment"])
        try #require(signed.status == 0, "\(signed.stderr)")

        let publicKey = try PublicKey(minisign: minisign.read("x.pub"), source: "x.pub")
        let signature = try Minisig(text: minisign.read("bundle.perf.minisig"), source: "bundle.perf.minisig")
        #expect(signature.algorithm == .prehashed)
        #expect(signature.trustedComment == "trusted comment")
        #expect(signature.untrustedComment == "signature from minisign secret key")
        try Minisign.verify(signature, of: message, with: publicKey)
        // Reading and writing back gives minisign's bytes exactly.
        #expect(try signature.text == minisign.read("bundle.perf.minisig"))
        #expect(throws: SigningError.self) { try Minisign.verify(signature, of: message + Data([0]), with: publicKey) }
    }

    @Test func perfVerifiesMinisignLegacySignatures() throws {
        try minisign.generateKeyPair("x")
        let signed = try minisign.run(["-S", "-l", "-s", "x.key", "-m", "bundle.perf", "-t", "legacy"])
        try #require(signed.status == 0, "\(signed.stderr)")
        let signature = try Minisig(text: minisign.read("bundle.perf.minisig"), source: "bundle.perf.minisig")
        #expect(signature.algorithm == .legacy)
        try Minisign.verify(signature, of: message, with: PublicKey(minisign: minisign.read("x.pub"), source: "x.pub"))
    }

    @Test func perfSignsWithMinisignsUnencryptedSecretKey() throws {
        try minisign.generateKeyPair("x")
        let key = try SecretKey(minisignFile: minisign.read("x.key"), source: "x.key")
        let publicKey = try PublicKey(minisign: minisign.read("x.pub"), source: "x.pub")
        #expect(key.publicKey == publicKey)
        // minisign 0.11 prints the id without leading zeros; newer ones pad it to 16 digits.
        let printed = try #require(minisign.read("x.pub").split(separator: "\n").first?.split(separator: " ").last)
        #expect(KeyID(hex: String(printed)) == key.keyID)

        let signature = try Minisign.sign(message, with: key, trustedComment: "signed by perf with a minisign key")
        try directory.write("bundle.perf.minisig", signature.text)
        let verified = try minisign.run(["-V", "-p", "x.pub", "-m", "bundle.perf"])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("Trusted comment: signed by perf with a minisign key"))
    }

    @Test func minisignSignsWithPerfsSecretKeyFile() throws {
        let key = SecretKey.generate()
        try directory.write("perf.key", key.minisignFile)
        try directory.write("perf.pub", key.publicKey.minisignFile)
        let signed = try minisign.run(["-S", "-s", "perf.key", "-m", "bundle.perf", "-t", "signed by minisign"])
        try #require(signed.status == 0, "\(signed.stderr)")

        let signature = try Minisig(text: minisign.read("bundle.perf.minisig"), source: "bundle.perf.minisig")
        #expect(signature.keyID == key.keyID)
        try Minisign.verify(signature, of: message, with: key.publicKey)
        let verified = try minisign.run(["-V", "-p", "perf.pub", "-m", "bundle.perf"])
        #expect(verified.status == 0, "\(verified.stderr)")
        // minisign derives the same public key from perf's secret key file.
        let recreated = try minisign.run(["-R", "-s", "perf.key", "-p", "recreated.pub"])
        try #require(recreated.status == 0, "\(recreated.stderr)")
        #expect(try PublicKey(minisign: minisign.read("recreated.pub"), source: "recreated.pub") == key.publicKey)
    }

    @Test func perfRefusesMinisignsEncryptedSecretKeyWithAdvice() throws {
        // minisign reads the password twice from standard input when there is no terminal.
        let generated = try minisign.run(["-G", "-p", "e.pub", "-s", "e.key"], input: "secret\nsecret\n")
        try #require(generated.status == 0, "\(generated.stderr)")
        let error = try #require(throws: SigningError.self) {
            try SecretKey(minisignFile: minisign.read("e.key"), source: "e.key")
        }
        #expect(error.description.contains("unencrypted"))
        #expect(error.description.contains("minisign -C -W -s e.key"))
        #expect(error.exitStatus == .dataError)
    }
}
