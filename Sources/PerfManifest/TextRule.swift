/// A rule for a string field: what it accepts, and how an error message describes that.
/// Each rule is the Swift side of a `pattern` (or length bound) in `Schemas/`; the checks
/// compare bytes by hand rather than reuse the schema's regular expression, so that the
/// tests comparing perf with the schemas compare two independent statements of each rule.
struct TextRule: Sendable {
    /// What a valid value looks like, completing "expected …".
    let expected: String
    /// True for the values the rule accepts.
    let accepts: @Sendable (String) -> Bool

    /// Any text of `range` Unicode code points (JSON Schema's `minLength`/`maxLength` unit).
    static func prose(_ range: ClosedRange<Int>, _ expected: String) -> TextRule {
        TextRule(expected: expected) { range.contains($0.unicodeScalars.count) }
    }

    /// A package's description: at most 2000 code points.
    static let description = prose(0...2000, "a description of at most 2000 characters")
    /// A license, as an SPDX expression: 1 to 200 code points.
    static let license = prose(1...200, "an SPDX license expression such as \"MIT\" (1 to 200 characters)")
    /// One author: 1 to 200 code points.
    static let author = prose(1...200, "an author's name (1 to 200 characters)")

    /// The concept's placeholder in prompts: `<` + 1 to 128 of a-z, 0-9, `_`, `-`, `/`
    /// (starting with a letter or digit) + `>`. The angle brackets keep it apart from every
    /// word of the text encoder's vocabulary; the tokenizer adds it whole, as one new token.
    static let token = TextRule(expected: "a placeholder token such as \"<alice/teddy>\": `<`, 1 to 128 of a-z, 0-9, _, - and /, then `>`") { text in
        let bytes = Array(text.utf8)
        guard (3...130).contains(bytes.count), bytes.first == UInt8(ascii: "<"), bytes.last == UInt8(ascii: ">") else { return false }
        let inner = bytes[1..<bytes.count - 1]
        return ASCII.isLowerAlphanumeric(inner.first!) && inner.allSatisfy {
            ASCII.isLowerAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "/")
        }
    }

    /// The locked-key category: one lowercase English word.
    static let superclass = TextRule(expected: "a single lowercase word (1 to 32 letters a-z) such as \"circle\"") { text in
        (1...32).contains(text.utf8.count) && text.utf8.allSatisfy(ASCII.isLowerLetter)
    }

    /// A relative path inside a package: `/`-separated parts of A-Z, a-z, 0-9, `_`, `.`, `-`,
    /// none of them `.` or `..`, at most 1024 bytes.
    static let relativePath = TextRule(expected: "a relative path of parts made of A-Z, a-z, 0-9, _, . and - joined by / (no empty, . or .. parts)") { text in
        guard (1...1024).contains(text.utf8.count) else { return false }
        return text.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part != "." && part != ".."
                && part.utf8.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
        }
    }

    /// An absolute local path without control characters, at most 4096 code points.
    static let absolutePath = TextRule(expected: "an absolute path (starting with /, no control characters)") { text in
        text.utf8.first == UInt8(ascii: "/") && text.unicodeScalars.count <= 4096 && text.unicodeScalars.allSatisfy { $0.value >= 0x20 }
    }

    /// A version requirement (`RequirementSyntax`).
    static let requirement = TextRule(expected: RequirementSyntax.expectation, accepts: RequirementSyntax.isValid)

    /// A minisign key id: 16 uppercase hex digits.
    static let keyID = TextRule(expected: "a key id of 16 uppercase hex digits") { text in
        text.utf8.count == 16 && text.utf8.allSatisfy(ASCII.isUpperHex)
    }

    /// A registry's URL in a lockfile: `file://`, `http://` or `https://`, then visible ASCII.
    static let registryURL = TextRule(expected: "a registry URL starting with file://, http:// or https:// (ASCII, no spaces)") { text in
        url(text, schemes: ["file", "http", "https"])
    }

    /// A registry's write API: `http://` or `https://`, then visible ASCII.
    static let apiURL = TextRule(expected: "an http:// or https:// URL (ASCII, no spaces)") { text in
        url(text, schemes: ["http", "https"])
    }

    /// The download template: visible ASCII with exactly one `{sha256}` and no other braces.
    static let downloadTemplate = TextRule(expected: "a URL template with one {sha256} placeholder such as \"blobs/sha256/{sha256}\" (ASCII, no spaces)") { text in
        let bytes = Array(text.utf8), placeholder = Array("{sha256}".utf8)
        guard bytes.count <= 2048,
              let start = bytes.indices.first(where: { bytes[$0...].starts(with: placeholder) }) else { return false }
        let rest = bytes[..<start] + bytes[(start + placeholder.count)...]
        return rest.allSatisfy { ASCII.isVisible($0) && $0 != UInt8(ascii: "{") && $0 != UInt8(ascii: "}") }
    }

    /// A minisign public key as minisign prints it: base64 of `Ed`, an 8-byte key id and a
    /// 32-byte Ed25519 key (56 characters, so it always starts `RWQ`, `RWR`, `RWS` or `RWT`).
    static let rootKey = TextRule(expected: "a minisign public key (56 base64 characters starting with RW)") { text in
        let bytes = Array(text.utf8)
        let base64 = { (byte: UInt8) in ASCII.isAlphanumeric(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") }
        return bytes.count == 56 && bytes.starts(with: Array("RW".utf8))
            && (UInt8(ascii: "Q")...UInt8(ascii: "T")).contains(bytes[2]) && bytes.allSatisfy(base64)
    }

    /// A registry's name: 1 to 64 of a-z, 0-9, `_`, `.`, `-`, starting with a letter or digit.
    static let registryName = TextRule(expected: "a registry name of 1 to 64 of a-z, 0-9, _, . and -, starting with a letter or digit") { text in
        let bytes = Array(text.utf8)
        guard (1...64).contains(bytes.count), ASCII.isLowerAlphanumeric(bytes[0]) else { return false }
        return bytes.allSatisfy { ASCII.isLowerAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// True when `text` is `scheme://` followed by at least one visible ASCII character.
    private static func url(_ text: String, schemes: [String]) -> Bool {
        guard text.utf8.count <= 2048 else { return false }
        return schemes.contains { scheme in
            text.utf8.starts(with: (scheme + "://").utf8) && text.utf8.count > scheme.utf8.count + 3
                && text.utf8.dropFirst(scheme.utf8.count + 3).allSatisfy(ASCII.isVisible)
        }
    }
}
