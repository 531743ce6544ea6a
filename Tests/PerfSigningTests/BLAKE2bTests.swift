import Foundation
@testable import PerfSigning
import PerfTestSupport
import Testing

@Suite struct BLAKE2bTests {
    @Test func rfc7693AppendixAVectorForABC() {
        // RFC 7693 Appendix A: BLAKE2b-512("abc").
        let expected = "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
            + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"
        #expect(BLAKE2b.hash(Data("abc".utf8)).hex == expected)
    }

    @Test func emptyInputMatchesThePublishedDigest() {
        // BLAKE2b-512 of the empty string (the reference implementation's KAT, unkeyed).
        let expected = "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
            + "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce"
        #expect(BLAKE2b.hash(Data()).hex == expected)
    }

    @Test(arguments: [64, 32, 20, 1])
    func agreesWithPythonHashlibOnRandomInputs(outputLength: Int) throws {
        let lengths = [0, 1, 2, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1000, 4096, 65_537]
        var generator = SystemRandomNumberGenerator()
        let inputs = lengths.map { Data((0..<$0).map { _ in UInt8.random(in: 0...255, using: &generator) }) }
        let script = """
            import sys, hashlib
            for line in sys.stdin.read().split("\\n")[:-1]:
                print(hashlib.blake2b(bytes.fromhex(line), digest_size=\(outputLength)).hexdigest())
            """
        let input = Data(inputs.map { $0.hex + "\n" }.joined().utf8)
        let result = try ProcessRunner.run(tool: "python3", ["-c", script], input: input)
        #expect(result.status == 0, "\(result.stderr)")
        let expected = result.stdout.split(separator: "\n").map(String.init)
        try #require(expected.count == inputs.count)
        for (index, data) in inputs.enumerated() {
            #expect(BLAKE2b.hash(data, outputLength: outputLength).hex == expected[index], "length \(data.count)")
        }
    }

    @Test func feedingInPiecesEqualsHashingAtOnce() {
        let data = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        for pieceSize in [1, 7, 127, 128, 129, 500] {
            var hasher = BLAKE2b()
            var offset = 0
            while offset < data.count {
                hasher.update(data[offset..<min(offset + pieceSize, data.count)])
                offset += pieceSize
            }
            #expect(hasher.finalize() == BLAKE2b.hash(data), "pieces of \(pieceSize)")
        }
    }
}

extension Data {
    /// Lowercase hex, for comparing digests with other tools' output.
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
