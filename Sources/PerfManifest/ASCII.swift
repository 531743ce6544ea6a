/// Byte classes of the ASCII characters perf's formats allow, so that every check compares
/// bytes rather than Unicode-aware `Character`s (which would accept look-alikes).
enum ASCII {
    /// 0-9.
    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    /// a-z.
    static func isLowerLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    /// A-Z.
    static func isUpperLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    /// a-z and 0-9.
    static func isLowerAlphanumeric(_ byte: UInt8) -> Bool { isLowerLetter(byte) || isDigit(byte) }
    /// a-z, A-Z and 0-9.
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isLowerAlphanumeric(byte) || isUpperLetter(byte) }
    /// 0-9 and a-f.
    static func isLowerHex(_ byte: UInt8) -> Bool { isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) }
    /// 0-9 and A-F.
    static func isUpperHex(_ byte: UInt8) -> Bool { isDigit(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte) }
    /// Printable characters other than space, `!` through `~`.
    static func isVisible(_ byte: UInt8) -> Bool { (0x21...0x7E).contains(byte) }
}
