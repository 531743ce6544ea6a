import Foundation

/// The BLAKE2b hash function (RFC 7693), unkeyed, with any output length from 1 to 64 bytes.
/// minisign hashes files with BLAKE2b-512 before signing them ("ED" signatures) and checks
/// secret keys with BLAKE2b-256; swift-crypto has no BLAKE2b, so perf carries its own.
public struct BLAKE2b: Sendable {
    /// Bytes per compressed block (RFC 7693 §2.1, `bb`).
    static let blockSize = 128
    /// The initialisation vector: SHA-512's (RFC 7693 §2.6).
    static let iv: [UInt64] = [
        0x6A09_E667_F3BC_C908, 0xBB67_AE85_84CA_A73B, 0x3C6E_F372_FE94_F82B, 0xA54F_F53A_5F1D_36F1,
        0x510E_527F_ADE6_82D1, 0x9B05_688C_2B3E_6C1F, 0x1F83_D9AB_FB41_BD6B, 0x5BE0_CD19_137E_2179,
    ]
    /// The message word schedule, 16 indices for each of the 12 rounds (RFC 7693 §2.7;
    /// rounds 10 and 11 repeat rounds 0 and 1).
    static let sigma: [UInt8] = [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
    ]

    /// The chained state `h[0..7]`.
    private var state: [UInt64]
    /// Input not yet compressed: up to one whole block, kept until more input or `finalize`
    /// shows whether it is the last block.
    private var pending: [UInt8] = []
    /// Bytes compressed so far (the counter `t`, RFC 7693 §3.2; 2⁶⁴ bytes is out of reach).
    private var compressedCount: UInt64 = 0
    /// The digest length in bytes (`nn`).
    public let outputLength: Int

    /// Starts an unkeyed hash producing `outputLength` bytes (1...64).
    public init(outputLength: Int = 64) {
        precondition((1...64).contains(outputLength), "BLAKE2b output length must be 1...64 bytes")
        self.outputLength = outputLength
        state = Self.iv
        // Parameter block: digest length, key length 0, fanout 1, depth 1 (RFC 7693 §2.5).
        state[0] ^= 0x0101_0000 ^ UInt64(outputLength)
        pending.reserveCapacity(Self.blockSize)
    }

    /// The BLAKE2b digest of `data`, `outputLength` bytes long.
    public static func hash<D: DataProtocol>(_ data: D, outputLength: Int = 64) -> Data {
        var hasher = BLAKE2b(outputLength: outputLength)
        hasher.update(data)
        return hasher.finalize()
    }

    /// Feeds `data` into the hash.
    public mutating func update<D: DataProtocol>(_ data: D) {
        for region in data.regions {
            region.withUnsafeBytes { update(bytes: $0) }
        }
    }

    private mutating func update(bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            if pending.count == Self.blockSize {
                compressedCount &+= UInt64(Self.blockSize)
                pending.withUnsafeBytes { compress(block: $0.baseAddress!, isLast: false) }
                pending.removeAll(keepingCapacity: true)
            }
            // Whole blocks with more input after them are compressed in place, not copied.
            if pending.isEmpty, bytes.count - offset > Self.blockSize {
                compressedCount &+= UInt64(Self.blockSize)
                compress(block: bytes.baseAddress! + offset, isLast: false)
                offset += Self.blockSize
                continue
            }
            let take = min(Self.blockSize - pending.count, bytes.count - offset)
            pending.append(contentsOf: bytes[offset..<(offset + take)])
            offset += take
        }
    }

    /// Pads and compresses the last block and returns the digest.
    public mutating func finalize() -> Data {
        compressedCount &+= UInt64(pending.count)
        pending.append(contentsOf: repeatElement(0, count: Self.blockSize - pending.count))
        pending.withUnsafeBytes { compress(block: $0.baseAddress!, isLast: true) }
        var digest = Data(capacity: 64)
        for word in state {
            withUnsafeBytes(of: word.littleEndian) { digest.append(contentsOf: $0) }
        }
        return digest.prefix(outputLength)
    }

    /// The compression function F (RFC 7693 §3.2) over one 128-byte block.
    private mutating func compress(block: UnsafeRawPointer, isLast: Bool) {
        let counter = compressedCount
        state.withUnsafeMutableBufferPointer { h in
            Self.sigma.withUnsafeBufferPointer { sigma in
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 32) { scratch in
                    let v = scratch.baseAddress!, m = v + 16
                    for i in 0..<16 {
                        m[i] = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
                    }
                    for i in 0..<8 {
                        v[i] = h[i]
                        v[i + 8] = Self.iv[i]
                    }
                    v[12] ^= counter
                    // v[13] would take the counter's high word, which stays 0.
                    if isLast { v[14] = ~v[14] }
                    for round in 0..<12 {
                        let s = sigma.baseAddress! + 16 * round
                        Self.mix(v, 0, 4, 8, 12, m[Int(s[0])], m[Int(s[1])])
                        Self.mix(v, 1, 5, 9, 13, m[Int(s[2])], m[Int(s[3])])
                        Self.mix(v, 2, 6, 10, 14, m[Int(s[4])], m[Int(s[5])])
                        Self.mix(v, 3, 7, 11, 15, m[Int(s[6])], m[Int(s[7])])
                        Self.mix(v, 0, 5, 10, 15, m[Int(s[8])], m[Int(s[9])])
                        Self.mix(v, 1, 6, 11, 12, m[Int(s[10])], m[Int(s[11])])
                        Self.mix(v, 2, 7, 8, 13, m[Int(s[12])], m[Int(s[13])])
                        Self.mix(v, 3, 4, 9, 14, m[Int(s[14])], m[Int(s[15])])
                    }
                    for i in 0..<8 {
                        h[i] ^= v[i] ^ v[i + 8]
                    }
                }
            }
        }
    }

    /// The mixing function G (RFC 7693 §3.1), rotations 32, 24, 16, 63.
    private static func mix(_ v: UnsafeMutablePointer<UInt64>, _ a: Int, _ b: Int, _ c: Int, _ d: Int,
                            _ x: UInt64, _ y: UInt64) {
        v[a] = v[a] &+ v[b] &+ x
        v[d] = rotateRight(v[d] ^ v[a], 32)
        v[c] = v[c] &+ v[d]
        v[b] = rotateRight(v[b] ^ v[c], 24)
        v[a] = v[a] &+ v[b] &+ y
        v[d] = rotateRight(v[d] ^ v[a], 16)
        v[c] = v[c] &+ v[d]
        v[b] = rotateRight(v[b] ^ v[c], 63)
    }

    private static func rotateRight(_ x: UInt64, _ n: UInt64) -> UInt64 {
        (x >> n) | (x << (64 - n))
    }
}
