import Foundation
import PerfSigning
import PerfTestSupport
import Testing

/// Reading and writing minisign's key and signature files, and refusing broken ones clearly.
@Suite struct MinisignFormatTests {
    let key = SecretKey.generate()

    /// Expects reading to fail with a data error whose message contains every one of `words`.
    func expectMalformed(_ words: String..., sourceLocation: SourceLocation = #_sourceLocation,
                         _ read: () throws -> Void) {
        let error = #expect(throws: SigningError.self, sourceLocation: sourceLocation) { try read() }
        for word in words {
            #expect(error?.description.contains(word) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
        }
        #expect(error?.exitStatus == .dataError, sourceLocation: sourceLocation)
    }

    /// `data` with an algorithm tag, then base64, in a file with `comment`.
    func file(_ comment: String, _ data: Data) -> String {
        "untrusted comment: \(comment)\n\(data.base64EncodedString())\n"
    }

    // MARK: Key ids

    @Test func keyIDsPrintAsSixteenUppercaseHexDigitsOfTheLittleEndianBytes() throws {
        let id = KeyID(value: 0x00AB_CDEF_0123_4567)
        #expect(id.description == "00ABCDEF01234567")
        #expect(id.bytes == Data([0x67, 0x45, 0x23, 0x01, 0xEF, 0xCD, 0xAB, 0x00]))
        #expect(KeyID(hex: "ABCDEF01234567") == id)
        #expect(KeyID(hex: "00abcdef01234567") == id)
        #expect(KeyID(hex: "") == nil)
        #expect(KeyID(hex: "00ABCDEF012345678") == nil)
        #expect(KeyID(hex: "+0ABCDEF01234567") == nil)
        let json = try JSONEncoder().encode([id])
        #expect(String(decoding: json, as: UTF8.self) == "[\"00ABCDEF01234567\"]")
        #expect(try JSONDecoder().decode([KeyID].self, from: json) == [id])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([KeyID].self, from: Data("[\"XYZ\"]".utf8)) }
    }

    // MARK: Public keys

    @Test func publicKeysRoundTripAsFileOrBareLine() throws {
        let publicKey = key.publicKey
        #expect(publicKey.minisignFile == "untrusted comment: minisign public key \(key.keyID)\n\(publicKey.base64)\n")
        #expect(try PublicKey(minisign: publicKey.minisignFile, source: "k.pub") == publicKey)
        #expect(try PublicKey(minisign: publicKey.base64, source: "-P") == publicKey)
        #expect(try PublicKey(minisign: publicKey.minisignFile.replacingOccurrences(of: "\n", with: "\r\n"), source: "crlf") == publicKey)
        #expect(publicKey.base64.hasPrefix("RW"))  // "Ed" in base64
    }

    @Test func brokenPublicKeysAreRefusedClearly() {
        let good = Data(base64Encoded: key.publicKey.base64)!
        expectMalformed("k.pub", "not valid base64") { _ = try PublicKey(minisign: file("c", good).replacingOccurrences(of: "RW", with: "R*"), source: "k.pub") }
        expectMalformed("decodes to 41 bytes", "has 42") { _ = try PublicKey(minisign: file("c", good.dropLast()), source: "k.pub") }
        expectMalformed("decodes to 43 bytes") { _ = try PublicKey(minisign: file("c", good + Data([0])), source: "k.pub") }
        expectMalformed("algorithm tag \"ED\"") {
            _ = try PublicKey(minisign: file("c", Data("ED".utf8) + good.dropFirst(2)), source: "k.pub")
        }
        expectMalformed("line 1 should start with \"untrusted comment: \"") {
            _ = try PublicKey(minisign: "comment\n\(key.publicKey.base64)\n", source: "k.pub")
        }
        expectMalformed("empty") { _ = try PublicKey(minisign: "\n\n", source: "k.pub") }
        expectMalformed("3 lines") { _ = try PublicKey(minisign: key.publicKey.minisignFile + "extra\n", source: "k.pub") }
    }

    // MARK: Secret keys

    @Test func secretKeysRoundTripWithTheirChecksum() throws {
        let text = key.minisignFile
        let read = try SecretKey(minisignFile: text, source: "k.key")
        #expect(read.keyID == key.keyID)
        #expect(read.publicKey == key.publicKey)
        #expect(read.minisignFile == text)
        let data = try #require(Data(base64Encoded: String(text.split(separator: "\n")[1])))
        #expect(data.count == 158)
        #expect(data.prefix(6) == Data("Ed\0\0B2".utf8))
        #expect(data[6..<54].allSatisfy { $0 == 0 })  // salt and scrypt limits unused
        #expect(data[54..<62] == key.keyID.bytes)
        #expect(data[94..<126] == key.publicKey.rawRepresentation)
        #expect(data[126...] == BLAKE2b.hash(data[0..<2] + data[54..<126], outputLength: 32))
    }

    @Test func brokenSecretKeysAreRefusedClearly() throws {
        let good = try #require(Data(base64Encoded: String(key.minisignFile.split(separator: "\n")[1])))
        func changed(_ range: Range<Int>, to bytes: Data) -> String {
            var data = good
            data.replaceSubrange(range, with: bytes)
            return file("k", data)
        }
        expectMalformed("k.key", "checksum does not match") {
            _ = try SecretKey(minisignFile: changed(130..<131, to: Data([good[130] ^ 1])), source: "k.key")
        }
        // With the checksum zeroed, as minisign writes it, the key's halves are still checked.
        var flippedPublicHalf = good
        flippedPublicHalf[100] ^= 1
        flippedPublicHalf.replaceSubrange(126..<158, with: Data(count: 32))
        expectMalformed("public half does not match its seed") {
            _ = try SecretKey(minisignFile: file("k", flippedPublicHalf), source: "k.key")
        }
        expectMalformed("checksum algorithm") { _ = try SecretKey(minisignFile: changed(4..<6, to: Data("B3".utf8)), source: "k.key") }
        expectMalformed("key derivation") { _ = try SecretKey(minisignFile: changed(2..<4, to: Data("Ar".utf8)), source: "k.key") }
        expectMalformed("algorithm tag \"ED\"") { _ = try SecretKey(minisignFile: changed(0..<2, to: Data("ED".utf8)), source: "k.key") }
        expectMalformed("decodes to 157 bytes") { _ = try SecretKey(minisignFile: file("k", good.dropLast()), source: "k.key") }
        expectMalformed("not valid base64") { _ = try SecretKey(minisignFile: "untrusted comment: k\n%%%%\n", source: "k.key") }
        expectMalformed("1 lines") { _ = try SecretKey(minisignFile: good.base64EncodedString(), source: "k.key") }
        let encrypted = SigningError.self
        let error = #expect(throws: encrypted) { try SecretKey(minisignFile: changed(2..<4, to: Data("Sc".utf8)), source: "k.key") }
        #expect(error?.description.contains("perf needs an unencrypted key") == true)
    }

    @Test func aZeroChecksumAsMinisignWritesItIsAccepted() throws {
        var data = try #require(Data(base64Encoded: String(key.minisignFile.split(separator: "\n")[1])))
        data.replaceSubrange(126..<158, with: Data(count: 32))
        let read = try SecretKey(minisignFile: file("minisign encrypted secret key", data), source: "k.key")
        #expect(read.publicKey == key.publicKey)
    }

    // MARK: Signatures

    @Test func signaturesRoundTripThroughText() throws {
        let signature = try Minisign.sign(Data("m".utf8), with: key, trustedComment: "tc\twith a tab", untrustedComment: "u")
        let lines = signature.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5 && lines[4].isEmpty)
        #expect(lines[0] == "untrusted comment: u")
        #expect(lines[2] == "trusted comment: tc\twith a tab")
        let sigLine = try #require(Data(base64Encoded: String(lines[1])))
        #expect(sigLine.prefix(2) == Data("ED".utf8) && sigLine.count == 74)
        #expect(sigLine[2..<10] == key.keyID.bytes)
        #expect(try Minisig(text: signature.text, source: "s") == signature)
    }

    @Test func brokenSignaturesAreRefusedClearly() throws {
        let text = try Minisign.sign(Data("m".utf8), with: key, trustedComment: "tc").text
        var lines = text.split(separator: "\n").map(String.init)
        func with(_ index: Int, _ line: String) -> String {
            var copy = lines
            copy[index] = line
            return copy.joined(separator: "\n") + "\n"
        }
        let sigLine = try #require(Data(base64Encoded: lines[1]))
        expectMalformed("x.minisig", "it has 3 lines") { _ = try Minisig(text: lines.dropLast().joined(separator: "\n"), source: "x.minisig") }
        expectMalformed("line 2 (the signature) is not valid base64") { _ = try Minisig(text: with(1, "!!" + lines[1]), source: "x.minisig") }
        expectMalformed("decodes to 73 bytes, minisign's has 74") {
            _ = try Minisig(text: with(1, sigLine.dropLast().base64EncodedString()), source: "x.minisig")
        }
        expectMalformed("algorithm tag \"EX\"", "\"ED\" or \"Ed\"") {
            _ = try Minisig(text: with(1, (Data("EX".utf8) + sigLine.dropFirst(2)).base64EncodedString()), source: "x.minisig")
        }
        expectMalformed("line 3 should start with \"trusted comment: \"") { _ = try Minisig(text: with(2, "tc"), source: "x.minisig") }
        expectMalformed("line 1 should start") { _ = try Minisig(text: with(0, "comment: x"), source: "x.minisig") }
        expectMalformed("line 4 (the global signature) decodes to 3 bytes") { _ = try Minisig(text: with(3, "AAAA"), source: "x.minisig") }
        lines.append("a fifth line")
        expectMalformed("5 lines") { _ = try Minisig(text: lines.joined(separator: "\n"), source: "x.minisig") }
    }

    @Test func commentsMinisignCannotReadBackAreRefusedWhenSigning() {
        for comment in ["two\nlines", "carriage\rreturn", "nul\u{0}", "escape\u{1B}[0m", String(repeating: "x", count: 9000)] {
            let error = #expect(throws: SigningError.self) {
                _ = try Minisign.sign(Data(), with: key, trustedComment: comment)
            }
            #expect(error?.description.contains("trusted comment") == true)
        }
        #expect(throws: SigningError.self) { _ = try Minisign.sign(Data(), with: key, trustedComment: "ok", untrustedComment: "a\nb") }
    }
}
