/// A non-negative integer of any size, as semver writes its version numbers and numeric
/// pre-release identifiers: decimal digits without leading zeros. semver sets no upper
/// bound (`99999999999999999999999.0.0` is valid), so perf keeps the digits and compares
/// by length, then digit by digit.
public struct NumericIdentifier: Comparable, Hashable, Sendable, LosslessStringConvertible, ExpressibleByIntegerLiteral {
    /// The canonical decimal digits.
    public let digits: String

    /// Parses canonical decimal digits (`0`, or digits not starting with `0`); nil otherwise.
    public init?(_ description: String) {
        let bytes = description.utf8
        guard let first = bytes.first, bytes.allSatisfy(ASCII.isDigit),
              first != UInt8(ascii: "0") || bytes.count == 1 else { return nil }
        digits = description
    }

    /// The number `value`.
    public init(_ value: UInt64) { digits = String(value) }

    public init(integerLiteral value: UInt64) { self.init(value) }

    /// The value, or nil when it does not fit in a `UInt64`.
    public var value: UInt64? { UInt64(digits) }

    /// The next integer.
    public func incremented() -> NumericIdentifier {
        var bytes = Array(digits.utf8)
        var index = bytes.count - 1
        while index >= 0, bytes[index] == UInt8(ascii: "9") {
            bytes[index] = UInt8(ascii: "0")
            index -= 1
        }
        if index >= 0 { bytes[index] += 1 } else { bytes.insert(UInt8(ascii: "1"), at: 0) }
        return NumericIdentifier(String(decoding: bytes, as: UTF8.self))!
    }

    public var description: String { digits }

    public static func < (lhs: NumericIdentifier, rhs: NumericIdentifier) -> Bool {
        if lhs.digits.utf8.count != rhs.digits.utf8.count { return lhs.digits.utf8.count < rhs.digits.utf8.count }
        return lhs.digits.utf8.lexicographicallyPrecedes(rhs.digits.utf8)
    }
}
