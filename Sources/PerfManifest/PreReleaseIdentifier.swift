/// One dot-separated identifier of a pre-release (`alpha`, `1`, `0A`), ordered as semver
/// §11.4 says: numeric identifiers numerically, alphanumeric ones by ASCII byte order,
/// numeric before alphanumeric.
public struct PreReleaseIdentifier: Comparable, Hashable, Sendable, LosslessStringConvertible {
    private enum Storage: Hashable, Sendable {
        case numeric(NumericIdentifier)
        case alphanumeric(String)
    }

    private let storage: Storage

    /// Parses one identifier: digits without a leading zero, or 1 or more of 0-9, A-Z, a-z
    /// and `-` with at least one non-digit. Nil otherwise.
    public init?(_ description: String) {
        let bytes = description.utf8
        guard !bytes.isEmpty, bytes.allSatisfy({ ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }) else { return nil }
        if bytes.allSatisfy(ASCII.isDigit) {
            guard let number = NumericIdentifier(description) else { return nil }
            storage = .numeric(number)
        } else {
            storage = .alphanumeric(description)
        }
    }

    /// The identifier's value when it is numeric.
    public var numericValue: NumericIdentifier? {
        if case .numeric(let number) = storage { return number }
        return nil
    }

    public var description: String {
        switch storage {
        case .numeric(let number): return number.description
        case .alphanumeric(let text): return text
        }
    }

    public static func < (lhs: PreReleaseIdentifier, rhs: PreReleaseIdentifier) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.numeric(let left), .numeric(let right)): return left < right
        case (.numeric, .alphanumeric): return true
        case (.alphanumeric, .numeric): return false
        case (.alphanumeric(let left), .alphanumeric(let right)): return left.utf8.lexicographicallyPrecedes(right.utf8)
        }
    }
}
