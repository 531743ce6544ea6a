/// A token matched whole in the text before word splitting, as transformers' added tokens
/// are: the special tokens (`<|startoftext|>`, `<|endoftext|>`, a padding token such as `!`)
/// and any entries of `added_tokens_decoder` / tokenizer.json's `added_tokens`.
public struct AddedToken: Sendable, Hashable {
    /// The token's text.
    public let content: String
    /// Its id.
    public let id: Int
    /// Whether it is matched in the normalised text (so `<|EndOfText|>` matches too) rather
    /// than the raw text.
    public let normalized: Bool
    /// Whether white space before it is swallowed.
    public let lstrip: Bool
    /// Whether white space after it is swallowed.
    public let rstrip: Bool

    /// A token matched as `content`, producing `id`.
    public init(content: String, id: Int, normalized: Bool = false, lstrip: Bool = false, rstrip: Bool = false) {
        self.content = content
        self.id = id
        self.normalized = normalized
        self.lstrip = lstrip
        self.rstrip = rstrip
    }
}

/// A piece of text after added-token matching: plain text still to split, or one added token.
enum TextSegment: Equatable {
    case text(String)
    case token(AddedToken)
}

extension AddedToken {
    /// Splits `text` around the leftmost-longest occurrences of `tokens` (compared as
    /// `spelling(token)`), as `tokenizers` does with its Aho-Corasick automaton.
    static func split(_ text: String, by tokens: [AddedToken], spelling: (AddedToken) -> String) -> [TextSegment] {
        guard !tokens.isEmpty, !text.isEmpty else { return text.isEmpty ? [] : [.text(text)] }
        let scalars = Array(text.unicodeScalars)
        let candidates = tokens.map { (token: $0, scalars: Array(spelling($0).unicodeScalars)) }.filter { !$0.scalars.isEmpty }
        var segments: [TextSegment] = []
        var pending = 0
        var index = 0
        while index < scalars.count {
            let rest = scalars[index...]
            guard let match = candidates.filter({ rest.starts(with: $0.scalars) }).max(by: { $0.scalars.count < $1.scalars.count }) else {
                index += 1
                continue
            }
            var start = index
            var end = index + match.scalars.count
            if match.token.lstrip {
                while start > pending && scalars[start - 1].properties.isWhitespace { start -= 1 }
            }
            if match.token.rstrip {
                while end < scalars.count && scalars[end].properties.isWhitespace { end += 1 }
            }
            if start > pending { segments.append(.text(String(String.UnicodeScalarView(scalars[pending..<start])))) }
            segments.append(.token(match.token))
            pending = end
            index = end
        }
        if pending < scalars.count { segments.append(.text(String(String.UnicodeScalarView(scalars[pending...])))) }
        return segments
    }
}
