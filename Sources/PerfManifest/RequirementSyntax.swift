/// The grammar perf accepts for version requirements until the resolver defines their
/// meaning; deliberately conservative so that every string accepted now keeps parsing:
///
///     requirement := "*" | comparator ( " "* "," " "* comparator )*
///     comparator  := operator? number ( "." number ( "." number prerelease? )? )?
///     operator    := "^" | "~" | "=" | "<=" | ">=" | "<" | ">"
///     number      := "0" | [1-9][0-9]*
///     prerelease  := "-" identifier ( "." identifier )*     (semver pre-release identifiers)
///
/// At most 256 bytes; no spaces except around commas; no build metadata.
/// Examples: `^1.0`, `~1.2.3`, `=2.0.0-rc.1`, `>=1.0, <2.0`, `1`, `*`.
public enum RequirementSyntax {
    /// What a valid requirement looks like, for error messages.
    public static let expectation = "a version requirement such as \"^1.0\", \"~1.2.3\", \">=1.0, <2.0\" or \"*\""

    /// The longest requirement perf accepts, in bytes.
    public static let maximumLength = 256

    /// True when `text` follows the grammar above.
    public static func isValid(_ text: String) -> Bool {
        guard text.utf8.count <= maximumLength else { return false }
        if text == "*" { return true }
        let comparators = text.split(separator: ",", omittingEmptySubsequences: false)
        for (index, raw) in comparators.enumerated() {
            var comparator = Substring(raw)
            if index > 0 { comparator = comparator.drop(while: { $0 == " " }) }
            if index < comparators.count - 1 {
                while comparator.last == " " { comparator = comparator.dropLast() }
            }
            guard isComparator(comparator) else { return false }
        }
        return true
    }

    private static func isComparator(_ text: Substring) -> Bool {
        var rest = text
        for symbol in ["<=", ">=", "^", "~", "=", "<", ">"] where rest.hasPrefix(symbol) {
            rest = rest.dropFirst(symbol.count)
            break
        }
        var preRelease: Substring?
        if let dash = rest.firstIndex(of: "-") {
            preRelease = rest[rest.index(after: dash)...]
            rest = rest[..<dash]
        }
        let numbers = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(numbers.count), numbers.allSatisfy({ NumericIdentifier(String($0)) != nil }) else { return false }
        guard let preRelease else { return true }
        return numbers.count == 3 && preRelease.split(separator: ".", omittingEmptySubsequences: false)
            .allSatisfy { PreReleaseIdentifier(String($0)) != nil }
    }
}
