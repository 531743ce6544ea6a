import Foundation

/// The vocabulary files of a tokenizer folder: `tokenizer.json` (a `tokenizers` BPE model
/// with CLIP's `</w>` suffix) or `vocab.json` + `merges.txt`, plus `special_tokens_map.json`.
struct TokenizerFiles {
    /// Token ids by token.
    let vocabulary: [String: Int]
    /// The merges, in rank order.
    let merges: [(String, String)]
    /// tokenizer.json's `added_tokens`, or none.
    let addedTokens: [AddedToken]
    /// The file the vocabulary came from, for messages.
    let vocabularySource: String
    /// The folder.
    let folder: URL

    init(folder: URL) throws {
        self.folder = folder
        let fast = folder.appendingPathComponent("tokenizer.json")
        if FileManager.default.fileExists(atPath: fast.path) {
            (vocabulary, merges, addedTokens) = try Self.readFast(fast)
            vocabularySource = fast.path
            return
        }
        let vocab = folder.appendingPathComponent("vocab.json")
        vocabulary = try Self.decode([String: Int].self, from: vocab, what: "the tokenizer vocabulary (vocab.json, or tokenizer.json)")
        merges = try Self.readMerges(folder.appendingPathComponent("merges.txt"))
        addedTokens = []
        vocabularySource = vocab.path
    }

    /// `special_tokens_map.json`, unless absent or `ignored` (transformers ignores it when
    /// tokenizer_config.json lists `added_tokens_decoder`).
    func specialTokensMap(ignored: Bool) throws -> ConfigObject? {
        let url = folder.appendingPathComponent("special_tokens_map.json")
        guard !ignored, FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try ConfigObject.read(url, what: "special_tokens_map.json")
    }

    /// Reads `merges.txt`: an optional `#version` line, then one `left right` pair per line.
    static func readMerges(_ url: URL) throws -> [(String, String)] {
        let data = try read(url, what: "the BPE merges (merges.txt, or tokenizer.json)")
        guard let text = String(data: data, encoding: .utf8) else {
            throw DiffusionError(url.path, .malformed(key: nil, "not UTF-8 text"))
        }
        var merges: [(String, String)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.isEmpty || (number == 0 && line.hasPrefix("#version")) { continue }
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw DiffusionError(url.path, .malformed(key: nil, "line \(number + 1) is not two symbols separated by one space"))
            }
            merges.append((String(parts[0]), String(parts[1])))
        }
        return merges
    }

    /// tokenizer.json as far as perf reads it.
    private struct FastFile: Decodable {
        struct Model: Decodable {
            let type: String
            let vocab: [String: Int]
            let merges: [Merge]
            let end_of_word_suffix: String?
        }
        /// A merge: `"left right"` (older files) or `["left", "right"]`.
        struct Merge: Decodable {
            let pair: (String, String)?
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let text = try? container.decode(String.self) {
                    let parts = text.split(separator: " ", omittingEmptySubsequences: false)
                    pair = parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
                } else {
                    let parts = try container.decode([String].self)
                    pair = parts.count == 2 ? (parts[0], parts[1]) : nil
                }
            }
        }
        let model: Model
        let added_tokens: [JSONValue]?
    }

    private static func readFast(_ url: URL) throws -> ([String: Int], [(String, String)], [AddedToken]) {
        let file = try decode(FastFile.self, from: url, what: "tokenizer.json")
        guard file.model.type == "BPE", file.model.end_of_word_suffix == "</w>" else {
            throw DiffusionError(url.path, .unsupported(key: "model", value: "a \(file.model.type) model with end_of_word_suffix \(file.model.end_of_word_suffix.map { "\"\($0)\"" } ?? "null")",
                                                        supported: "CLIP's BPE model, end_of_word_suffix \"</w>\""))
        }
        let merges = try file.model.merges.enumerated().map { index, merge in
            guard let pair = merge.pair else {
                throw DiffusionError(url.path, .malformed(key: "model.merges", "entry \(index) is not two symbols"))
            }
            return pair
        }
        let config = ConfigObject(source: url.path, members: [:])
        let added = try (file.added_tokens ?? []).map { value in
            guard case .object(let fields) = value, let id = fields["id"]?.integer else {
                throw config.wrongType("added_tokens", value, "a token object with an \"id\"")
            }
            return try CLIPTokenizer.token(value, id: id, key: "added_tokens", in: config)
        }
        return (file.model.vocab, merges, added)
    }

    private static func read(_ url: URL, what: String) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            if !FileManager.default.fileExists(atPath: url.path) { throw DiffusionError(url.path, .missingFile(what: what)) }
            throw DiffusionError(url.path, .io("cannot read it (\(error.localizedDescription))"))
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, from url: URL, what: String) throws -> T {
        let data = try read(url, what: what)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw DiffusionError(url.path, .malformed(key: nil, "not a valid \(what) (\(error))"))
        }
    }
}
