/// A single byte range of a `Range: bytes=…` header (RFC 9110 §14.1.2), resolved against a
/// file's size.
///
/// Forms: `a-b`, `a-` (to the end) and `-n` (the last n bytes). A header this server does
/// not serve as a range (another unit, several ranges, bad syntax) is ignored and the whole
/// file is sent, as RFC 9110 allows; a range that starts at or past the end is unsatisfiable (416).
enum ByteRange: Equatable, Sendable {
    /// Send these bytes (inclusive bounds) with 206.
    case partial(ClosedRange<Int>)
    /// Ignore the header: send the whole file with 200.
    case whole
    /// Refuse with 416.
    case unsatisfiable

    /// Resolves `header` against a file of `size` bytes.
    init(header: String, size: Int) {
        let trimmed = header.trimmingSpaces
        guard trimmed.lowercased().hasPrefix("bytes=") else { self = .whole; return }
        let spec = trimmed.dropFirst("bytes=".count).trimmingSpaces
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { self = .whole; return }
        let first = spec[..<dash], last = spec[spec.index(after: dash)...]
        guard first.allSatisfy(\.isASCIIDigit), last.allSatisfy(\.isASCIIDigit), !(first.isEmpty && last.isEmpty),
              first.count <= 18, last.count <= 18 else {
            self = .whole
            return
        }
        if first.isEmpty {
            // Suffix range: the last n bytes.
            let length = Int(last)!
            guard length > 0, size > 0 else { self = .unsatisfiable; return }
            self = .partial(max(0, size - length)...(size - 1))
            return
        }
        let start = Int(first)!
        if let end = Int(last) {
            guard end >= start else { self = .whole; return }
            guard start < size else { self = .unsatisfiable; return }
            self = .partial(start...min(end, size - 1))
        } else {
            guard start < size else { self = .unsatisfiable; return }
            self = .partial(start...(size - 1))
        }
    }
}

extension Character {
    /// Whether the character is one of the ASCII digits 0–9.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
