/// CLIP's byte-level BPE tokenizer, producing the ids transformers' `CLIPTokenizer` produces:
/// added tokens are matched first (raw text, then normalised text for `normalized` ones), the
/// rest is normalised and split into words (`CLIPPreTokenizer`), each word is spelt in the
/// byte-level alphabet with `</w>` on its last symbol and merged by rank; a symbol missing
/// from the vocabulary becomes the unknown token.
public struct CLIPTokenizer: Sendable {
    /// Token ids by token.
    public let vocabulary: [String: Int]
    /// The longest encoded sequence, start and end tokens included (`model_max_length`).
    public let maxLength: Int
    /// The start-of-text token (`bos_token`).
    public let bos: AddedToken
    /// The end-of-text token (`eos_token`).
    public let eos: AddedToken
    /// The padding token (`pad_token`): `<|endoftext|>` in Stable Diffusion 1.x, `!` in 2.x.
    public let pad: AddedToken
    /// The token for symbols missing from the vocabulary (`unk_token`).
    public let unk: AddedToken
    /// Every token matched whole before word splitting, the special tokens included.
    public private(set) var addedTokens: [AddedToken]
    private let encoding: BytePairEncoding
    private var tokensByID: [Int: String]

    /// A tokenizer over `vocabulary` and `merges` (in rank order). Throws if a special token
    /// or a merge's result is not in the vocabulary, or `maxLength` leaves no room for text.
    public init(vocabulary: [String: Int], merges: [(String, String)], maxLength: Int,
                bos: AddedToken, eos: AddedToken, pad: AddedToken, unk: AddedToken,
                addedTokens: [AddedToken] = [], source: String = "tokenizer") throws {
        guard maxLength >= 2 else {
            throw DiffusionError(source, .malformed(key: "model_max_length", "must be at least 2 (start and end tokens), found \(maxLength)"))
        }
        for (left, right) in merges where vocabulary[left + right] == nil {
            throw DiffusionError(source, .malformed(key: "merges", "the merge \"\(left) \(right)\" makes \"\(left + right)\", which is not in the vocabulary"))
        }
        self.vocabulary = vocabulary
        self.maxLength = maxLength
        self.bos = bos
        self.eos = eos
        self.pad = pad
        self.unk = unk
        var seen = Set<String>()
        self.addedTokens = (addedTokens + [bos, eos, unk, pad]).filter { seen.insert($0.content).inserted }
        encoding = BytePairEncoding(merges: merges.map { BytePairEncoding.Pair(left: $0.0, right: $0.1) })
        var tokensByID: [Int: String] = [:]
        for (token, id) in vocabulary { tokensByID[id] = token }
        for token in self.addedTokens { tokensByID[token.id] = token.content }
        self.tokensByID = tokensByID
    }

    /// This tokenizer with `tokens` matched whole as well, as transformers' `add_tokens` does
    /// (a concept's placeholder such as `<alice/teddy>`, given an id past the text encoder's
    /// vocabulary: see `CLIPTextEncoder.tokenEmbeddings(_:extra:)`). Throws when a token's
    /// text or id is already taken.
    public func adding(_ tokens: [AddedToken]) throws -> CLIPTokenizer {
        var copy = self
        for token in tokens {
            guard !token.content.isEmpty, id(of: token.content) == nil, copy.tokensByID[token.id] == nil else {
                throw DiffusionError("tokenizer", .invalidArgument("cannot add token \"\(token.content)\" with id \(token.id): its text or id is already taken"))
            }
            copy.addedTokens.append(token)
            copy.tokensByID[token.id] = token.content
        }
        return copy
    }

    /// The id of `token`, if it is in the vocabulary or an added token.
    public func id(of token: String) -> Int? {
        vocabulary[token] ?? addedTokens.first { $0.content == token }?.id
    }

    /// The token with id `id`, if any.
    public func token(of id: Int) -> String? {
        tokensByID[id]
    }

    /// The tokens of `text`, without start and end tokens (transformers' `tokenize`).
    public func tokens(_ text: String) -> [String] {
        pieces(text).map { piece in
            switch piece {
            case .token(let token): token.content
            case .text(let symbol): symbol
            }
        }
    }

    /// The ids of `text`'s tokens, without start and end tokens, not truncated.
    public func tokenIDs(_ text: String) -> [Int] {
        pieces(text).map { piece in
            switch piece {
            case .token(let token): token.id
            case .text(let symbol): vocabulary[symbol] ?? unk.id
            }
        }
    }

    /// The model input for `text`: start token, the text's ids truncated to `maxLength − 2`,
    /// end token, then padding tokens up to `maxLength` (transformers with
    /// `padding="max_length", truncation=True`), as Stable Diffusion pipelines call it.
    public func encode(_ text: String) -> [Int] {
        let body = tokenIDs(text).prefix(maxLength - 2)
        let ids = [bos.id] + body + [eos.id]
        return ids + Array(repeating: pad.id, count: maxLength - ids.count)
    }

    /// The text split into added tokens and BPE symbols (as `.text`).
    private func pieces(_ text: String) -> [TextSegment] {
        let raw = addedTokens.filter { !$0.normalized }
        let normalized = addedTokens.filter(\.normalized)
        var result: [TextSegment] = []
        for segment in AddedToken.split(text, by: raw, spelling: \.content) {
            guard case .text(let plain) = segment else {
                result.append(segment)
                continue
            }
            let clean = CLIPPreTokenizer.normalize(plain)
            for part in AddedToken.split(clean, by: normalized, spelling: { CLIPPreTokenizer.normalize($0.content) }) {
                guard case .text(let words) = part else {
                    result.append(part)
                    continue
                }
                for word in CLIPPreTokenizer.words(words) {
                    var symbols = ByteLevelAlphabet.spell(word)
                    symbols[symbols.count - 1] += "</w>"
                    result += encoding.encode(symbols).map { .text($0) }
                }
            }
        }
        return result
    }
}
