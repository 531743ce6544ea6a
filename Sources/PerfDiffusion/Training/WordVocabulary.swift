import Foundation

/// A CLIP byte-level BPE vocabulary built from a word list so that every word is exactly one
/// token: the tokenizer of a base model trained from scratch on captions made of those words.
///
/// The vocabulary holds CLIP's 512 base symbols (each byte's character, alone and with the
/// end-of-word marker `</w>`), so any text still has a spelling; then, word by word, merges
/// until the word is one symbol; then `<|startoftext|>` and `<|endoftext|>`. Each word's
/// merges are found by running BPE with the merges so far and merging the first two symbols
/// where it stops. A merge added later ranks below every earlier one, so it can never fire
/// before a finished word's own merges: every word keeps encoding to itself.
public struct WordVocabulary: Sendable, Equatable {
    /// The words, in the order given, without repeats.
    public let words: [String]
    /// Token ids by token (BPE symbols, then the two special tokens).
    public let tokens: [String: Int]
    /// The merges in rank order, each `"left right"` as merges.txt spells it.
    public let merges: [String]

    /// The start-of-text token.
    public static let startToken = "<|startoftext|>"
    /// The end-of-text token, also used for padding and unknown symbols (as Stable Diffusion 1.x).
    public static let endToken = "<|endoftext|>"

    /// Builds the vocabulary of `words` (repeats are dropped). Throws for a word that CLIP's
    /// normalisation or word splitting would change or split (upper case, white space,
    /// letters mixed with digits or punctuation, several digits), or a special token's spelling.
    public init(words: [String], source: String = "word list") throws {
        var seen = Set<String>()
        let unique = words.filter { seen.insert($0).inserted }
        guard !unique.isEmpty else {
            throw DiffusionError(source, .invalidArgument("the word list is empty; list the caption words, one a line"))
        }
        for word in unique {
            guard !word.isEmpty, CLIPPreTokenizer.normalize(word) == word, CLIPPreTokenizer.words(word) == [word],
                  word != Self.startToken, word != Self.endToken else {
                let parts = CLIPPreTokenizer.words(CLIPPreTokenizer.normalize(word))
                throw DiffusionError(source, .invalidArgument("\"\(word)\" is not one CLIP word (CLIP reads it as \(parts)); list lower-case words of letters only, a single digit, or a run of punctuation, one a line"))
            }
        }
        var tokens: [String: Int] = [:]
        var ordered: [String] = []
        func add(_ token: String) {
            guard tokens[token] == nil else { return }
            tokens[token] = ordered.count
            ordered.append(token)
        }
        ByteLevelAlphabet.symbols.forEach(add)
        ByteLevelAlphabet.symbols.map { $0 + "</w>" }.forEach(add)
        var pairs: [BytePairEncoding.Pair] = []
        for word in unique {
            var symbols = ByteLevelAlphabet.spell(word)
            symbols[symbols.count - 1] += "</w>"
            while true {
                let encoded = BytePairEncoding(merges: pairs).encode(symbols)
                guard encoded.count > 1 else { break }
                pairs.append(BytePairEncoding.Pair(left: encoded[0], right: encoded[1]))
                add(encoded[0] + encoded[1])
            }
        }
        add(Self.startToken)
        add(Self.endToken)
        self.words = unique
        self.tokens = tokens
        self.merges = pairs.map { "\($0.left) \($0.right)" }
    }

    /// Reads a word list: one word a line; blank lines and lines starting with `#` are skipped.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            if !FileManager.default.fileExists(atPath: url.path) {
                throw DiffusionError(url.path, .io("there is no such word list; give a text file with one caption word a line"))
            }
            throw DiffusionError(url.path, .io("cannot read it (\(error.localizedDescription))"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DiffusionError(url.path, .malformed(key: nil, "the word list is not UTF-8 text"))
        }
        let words = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        try self.init(words: words, source: url.path)
    }

    /// The number of tokens: the text encoder's `vocab_size`.
    public var count: Int { tokens.count }

    /// The id of `<|startoftext|>`.
    public var startID: Int { tokens[Self.startToken]! }

    /// The id of `<|endoftext|>`.
    public var endID: Int { tokens[Self.endToken]! }

    /// The tokenizer over this vocabulary, making sequences of `maxLength` ids (start and end
    /// tokens included), padded with `<|endoftext|>` as Stable Diffusion 1.x pads.
    public func tokenizer(maxLength: Int) throws -> CLIPTokenizer {
        let start = AddedToken(content: Self.startToken, id: startID, normalized: true)
        let end = AddedToken(content: Self.endToken, id: endID, normalized: true)
        return try CLIPTokenizer(vocabulary: tokens, merges: mergePairs, maxLength: maxLength,
                                 bos: start, eos: end, pad: end, unk: end, source: "word vocabulary")
    }

    /// The words of `caption` (normalised and split as CLIP splits them) that are not in the list.
    public func unknownWords(in caption: String) -> [String] {
        let known = Set(words)
        return CLIPPreTokenizer.words(CLIPPreTokenizer.normalize(caption)).filter { !known.contains($0) }
    }

    /// The merges as pairs.
    var mergePairs: [(String, String)] {
        merges.map { line in
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            return (parts[0], parts[1])
        }
    }
}
