import Foundation

/// The line-and-base64 text layout shared by minisign's key and signature files.
enum MinisignText {
    /// The prefix of the first line of every minisign file.
    static let untrustedPrefix = "untrusted comment: "
    /// The prefix of a signature's third line.
    static let trustedPrefix = "trusted comment: "
    /// minisign reads a trusted comment line into 8192 bytes, prefix and newline included.
    static let trustedCommentMaxBytes = 8192 - trustedPrefix.utf8.count - 2
    /// minisign reads an untrusted comment line into 1024 bytes.
    static let untrustedCommentMaxBytes = 1024 - untrustedPrefix.utf8.count - 2

    /// The file's lines without line terminators (`\n` or `\r\n`), trailing empty lines dropped.
    static func lines(of text: String) -> [Substring] {
        // "\r\n" is one Character in Swift, so it must be named as a separator of its own.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// The text after `prefix` on `line`, or an error naming the line.
    static func comment(_ line: Substring, prefix: String, lineNumber: Int, source: String) throws -> String {
        guard line.hasPrefix(prefix) else {
            throw SigningError.malformed(source, "line \(lineNumber) should start with \"\(prefix)\"")
        }
        return String(line.dropFirst(prefix.count))
    }

    /// Decodes a base64 line that must hold exactly `length` bytes.
    static func decode(_ line: Substring, length: Int, what: String, lineNumber: Int, source: String) throws -> Data {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let data = Data(base64Encoded: trimmed) else {
            throw SigningError.malformed(source, "line \(lineNumber) (the \(what)) is not valid base64")
        }
        guard data.count == length else {
            throw SigningError.malformed(
                source, "line \(lineNumber) (the \(what)) decodes to \(data.count) bytes, minisign's has \(length)")
        }
        return data
    }

    /// Checks that an algorithm tag (the first two bytes) is one of `accepted`.
    static func checkTag(_ data: Data, accepted: [String], what: String, source: String) throws {
        let tag = data.prefix(2)
        guard accepted.contains(where: { Data($0.utf8) == tag }) else {
            let shown = String(bytes: tag, encoding: .ascii).map { "\"\($0)\"" } ?? tag.map { String($0) }.description
            let list = accepted.map { "\"\($0)\"" }.joined(separator: " or ")
            throw SigningError.malformed(
                source, "the \(what) has algorithm tag \(shown), perf knows \(list) (Ed25519)")
        }
    }

    /// Refuses a comment that minisign could not read back or would refuse: line breaks,
    /// control characters other than tab, or more bytes than minisign reads.
    static func checkComment(_ text: String, what: String, maxBytes: Int) throws {
        if let bad = text.unicodeScalars.first(where: { isUnprintable($0) }) {
            throw SigningError.invalidText(
                what, text, "it contains the control character U+\(String(bad.value, radix: 16, uppercase: true)); "
                    + "a comment is one line of printable text")
        }
        if text.utf8.count > maxBytes {
            throw SigningError.invalidText(what, String(text.prefix(40)) + "...",
                                           "it has \(text.utf8.count) bytes, minisign reads at most \(maxBytes)")
        }
    }

    /// Control characters (C0 except tab, DEL, C1), which minisign 0.12 refuses in comments.
    static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\t" && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
    }
}
