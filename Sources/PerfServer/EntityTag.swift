/// A strong entity tag (RFC 9110 §8.8.3) for a file of the tree, made from its inode, size
/// and modification time in nanoseconds: `"<inode>-<size>-<mtime ns>"` in hex.
///
/// Why metadata and not a content hash: a tag then costs one `fstat`, no read. It stays
/// strong (it changes whenever the bytes do) because a registry never rewrites a file in
/// place within one clock tick: blobs and signatures are immutable, index and keys files are
/// replaced by rename (a new inode), and the log only grows (a new size). Tags differ
/// between servers (nginx uses mtime and size), so a client revalidates against the server
/// that gave it the tag.
struct EntityTag: Hashable, Sendable, CustomStringConvertible {
    /// The opaque tag without quotes.
    let opaque: String

    /// The tag of a file with this inode, size and modification time.
    init(inode: UInt64, size: Int, modifiedNanoseconds: Int64) {
        opaque = "\(String(inode, radix: 16))-\(String(size, radix: 16))-\(String(modifiedNanoseconds, radix: 16))"
    }

    /// The header value, quoted: `"…"`.
    var description: String { "\"\(opaque)\"" }

    /// Whether an `If-None-Match` header value matches this tag: `*`, or a comma-separated
    /// list of tags compared weakly (a `W/` prefix is ignored, RFC 9110 §13.1.2).
    func matches(ifNoneMatch header: String) -> Bool {
        let trimmed = header.trimmingSpaces
        if trimmed == "*" { return true }
        return Self.tags(in: trimmed).contains { $0 == opaque }
    }

    /// Whether an `If-Range` header value names this tag exactly (a strong comparison:
    /// weak tags and dates never match, so the whole file is sent).
    func matches(ifRange header: String) -> Bool {
        let trimmed = header.trimmingSpaces
        return trimmed == description
    }

    /// The opaque parts of the tags in a list such as `"a", W/"b"`.
    private static func tags(in list: String) -> [String] {
        list.split(separator: ",").compactMap { item in
            var tag = Substring(item.trimmingSpaces)
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            guard tag.count >= 2, tag.first == "\"", tag.last == "\"" else { return nil }
            return String(tag.dropFirst().dropLast())
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (HTTP's optional whitespace).
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
