import Foundation

/// The 8-byte id minisign gives a key pair and writes into every signature, printed as
/// minisign prints it: the bytes read as a little-endian 64-bit number, in 16 uppercase hex
/// digits (minisign 0.11 drops leading zeros; parsing accepts both).
public struct KeyID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The id as minisign's `le64_load` reads it.
    public let value: UInt64

    /// Wraps a numeric key id.
    public init(value: UInt64) { self.value = value }

    /// Reads the 8 bytes stored in key and signature files.
    init<Bytes: Collection<UInt8>>(bytes: Bytes) {
        precondition(bytes.count == 8, "a key id has 8 bytes")
        value = bytes.reversed().reduce(0) { ($0 << 8) | UInt64($1) }
    }

    /// Parses 1 to 16 hex digits, either case, as minisign prints key ids.
    public init?(hex: String) {
        guard (1...16).contains(hex.count), hex.allSatisfy(\.isHexDigit),
              let value = UInt64(hex, radix: 16) else { return nil }
        self.value = value
    }

    /// A fresh random id, as `minisign -G` draws one.
    public static func random() -> KeyID {
        var generator = SystemRandomNumberGenerator()
        return KeyID(value: generator.next())
    }

    /// The 8 bytes as stored in key and signature files (little-endian).
    public var bytes: Data {
        withUnsafeBytes(of: value.littleEndian) { Data($0) }
    }

    /// 16 uppercase hex digits, e.g. `AD73C8122D4A13A6`.
    public var description: String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Decodes the 16-hex-digit string form.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = KeyID(hex: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a minisign key id (16 hex digits)")
        }
        self = id
    }

    /// Encodes the 16-hex-digit string form.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
