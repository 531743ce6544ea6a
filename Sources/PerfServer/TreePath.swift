/// A request path checked to name a file inside the registry tree, and nothing else.
///
/// The raw (still percent-encoded) path is split at `/` first, then each part is decoded, so
/// an encoded slash (`%2F`) can never add a level. Refused with 400 (`malformedPath`): empty
/// parts (`//`, an absolute path smuggled after the first slash), `.` and `..` however
/// encoded (`%2e%2e`), bad or NUL escapes, backslashes, non-UTF-8 bytes, paths over 1,024
/// bytes or 16 levels. Hidden with 404 (`notFound`): parts starting with a dot (the writers'
/// `.lock`, temporary files) and `log/pending`, a write in progress. The root `/` and a
/// trailing slash name folders, which are never listed: 404.
struct TreePath: Hashable, Sendable, CustomStringConvertible {
    /// The decoded parts, e.g. `["index", "alice", "teddy"]`.
    let components: [String]

    static let maximumLength = 1024
    static let maximumDepth = 16
    /// Files a registry writer owns that readers must never see.
    static let hiddenFiles: Set<String> = ["log/pending"]

    /// Checks `rawPath`, the request target's path exactly as received.
    init(rawPath: String) throws(ServerError) {
        guard rawPath.utf8.count <= Self.maximumLength else {
            throw .malformedPath(String(rawPath.prefix(64)) + "…", "it is longer than \(Self.maximumLength) bytes")
        }
        guard rawPath.hasPrefix("/") else { throw .malformedPath(rawPath, "it does not start with /") }
        var parts = rawPath.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst()
        if parts.last?.isEmpty == true {
            // "/" or ".../": a folder.
            throw .notFound(rawPath)
        }
        guard parts.count <= Self.maximumDepth else {
            throw .malformedPath(rawPath, "it is more than \(Self.maximumDepth) levels deep")
        }
        var decoded: [String] = []
        while let raw = parts.popFirst() {
            let part = try Self.decode(raw, in: rawPath)
            if part.hasPrefix(".") { throw .notFound(rawPath) }
            decoded.append(part)
        }
        components = decoded
        if Self.hiddenFiles.contains(relative) { throw .notFound(rawPath) }
    }

    /// The path relative to the registry's root, e.g. `index/alice/teddy`.
    var relative: String { components.joined(separator: "/") }

    var description: String { "/" + relative }

    /// One part, percent-decoded and checked.
    private static func decode(_ raw: Substring.UTF8View.SubSequence, in path: String) throws(ServerError) -> String {
        guard !raw.isEmpty else { throw .malformedPath(path, "it has an empty part (// or an absolute path)") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index != raw.endIndex {
            let byte = raw[index]
            if byte == UInt8(ascii: "%") {
                let high = raw.index(after: index)
                guard high != raw.endIndex, raw.index(after: high) != raw.endIndex,
                      let h = hexValue(raw[high]), let l = hexValue(raw[raw.index(after: high)]) else {
                    throw .malformedPath(path, "it has a % not followed by two hex digits")
                }
                bytes.append(h << 4 | l)
                index = raw.index(high, offsetBy: 2)
            } else {
                bytes.append(byte)
                index = raw.index(after: index)
            }
        }
        for byte in bytes where byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\") {
            throw .malformedPath(path, byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\")
                ? "it has an encoded slash or backslash" : "it has a control character")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .malformedPath(path, "it is not UTF-8")
        }
        if text == "." || text == ".." { throw .malformedPath(path, "it has a '\(text)' part; paths never leave or climb the tree") }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
