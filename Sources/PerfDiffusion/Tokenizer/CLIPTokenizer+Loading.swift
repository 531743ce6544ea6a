import Foundation

extension CLIPTokenizer {
    /// Loads the tokenizer of a diffusers `tokenizer/` folder as transformers does: the
    /// vocabulary and merges from `tokenizer.json` if present, else `vocab.json` and
    /// `merges.txt`; `model_max_length` and the special tokens from `tokenizer_config.json`,
    /// with `special_tokens_map.json` overriding them unless the config lists
    /// `added_tokens_decoder`; CLIPTokenizer's defaults for absent special tokens.
    public init(folder: URL) throws {
        let files = try TokenizerFiles(folder: folder)
        let config = try ConfigObject.read(folder.appendingPathComponent("tokenizer_config.json"), what: "the tokenizer configuration")
        let overrides = try files.specialTokensMap(ignored: config.value("added_tokens_decoder") != nil)
        var added = try config.value("added_tokens_decoder") != nil ? Self.decoderTokens(config) : files.addedTokens
        func named(_ key: String, default fallback: String) throws -> AddedToken {
            if let overrides, let value = overrides.value(key) {
                return try Self.resolve(value, key: key, in: overrides, added: added, vocabulary: files.vocabulary)
            }
            return try Self.resolve(config.value(key) ?? .string(fallback), key: key, in: config, added: added,
                                    vocabulary: files.vocabulary)
        }
        let bos = try named("bos_token", default: "<|startoftext|>")
        let eos = try named("eos_token", default: "<|endoftext|>")
        let unk = try named("unk_token", default: "<|endoftext|>")
        let pad = try named("pad_token", default: "<|endoftext|>")
        for key in ["additional_special_tokens", "extra_special_tokens"] {
            let source = overrides.flatMap { $0.value(key) == nil ? nil : $0 } ?? config
            guard let value = source.value(key) else { continue }
            let items: [JSONValue]
            switch value {
            case .array(let list): items = list
            case .object(let named): items = named.sorted { $0.key < $1.key }.map(\.value)
            default: throw source.wrongType(key, value, "a list of tokens")
            }
            for item in items {
                added.append(try Self.resolve(item, key: key, in: source, added: added, vocabulary: files.vocabulary))
            }
        }
        let maxLength = try config.int("model_max_length")
        try self.init(vocabulary: files.vocabulary, merges: files.merges, maxLength: maxLength, bos: bos, eos: eos,
                      pad: pad, unk: unk, addedTokens: added, source: files.vocabularySource)
    }

    /// The entries of `added_tokens_decoder` (`{"49406": {"content": …, "normalized": …}}`).
    private static func decoderTokens(_ config: ConfigObject) throws -> [AddedToken] {
        guard case .object(let entries) = config.members["added_tokens_decoder"]! else {
            throw config.wrongType("added_tokens_decoder", config.members["added_tokens_decoder"]!, "an object of id → token")
        }
        return try entries.sorted { $0.key < $1.key }.map { key, value in
            guard let id = Int(key), id >= 0 else {
                throw DiffusionError(config.source, .malformed(key: "added_tokens_decoder", "\"\(key)\" is not a token id"))
            }
            return try token(value, id: id, key: "added_tokens_decoder", in: config)
        }
    }

    /// A named special token: an added token with the same content if there is one, else a
    /// vocabulary entry (a string, or an AddedToken object with its flags).
    private static func resolve(_ value: JSONValue, key: String, in config: ConfigObject,
                                added: [AddedToken], vocabulary: [String: Int]) throws -> AddedToken {
        let content: String
        switch value {
        case .string(let text): content = text
        case .object(let fields):
            guard case .string(let text)? = fields["content"] else { throw config.wrongType(key, value, "a token with \"content\"") }
            content = text
        default: throw config.wrongType(key, value, "a token string or object")
        }
        if let existing = added.first(where: { $0.content == content }) { return existing }
        guard let id = vocabulary[content] else {
            throw DiffusionError(config.source, .malformed(key: key, "the token \"\(content)\" is not in the vocabulary"))
        }
        if case .object = value { return try token(value, id: id, key: key, in: config, special: true) }
        return AddedToken(content: content, id: id)
    }

    /// An AddedToken object's fields; `normalized` defaults to the opposite of `special`.
    static func token(_ value: JSONValue, id: Int, key: String, in config: ConfigObject, special: Bool? = nil) throws -> AddedToken {
        guard case .object(let fields) = value, case .string(let content)? = fields["content"] else {
            throw config.wrongType(key, value, "an AddedToken object with \"content\"")
        }
        func flag(_ name: String, _ fallback: Bool) throws -> Bool {
            switch fields[name] {
            case nil, .null?: return fallback
            case .bool(let flag)?: return flag
            case let other?: throw config.wrongType("\(key).\(name)", other, "true or false")
            }
        }
        guard try !flag("single_word", false) else {
            throw DiffusionError(config.source, .unsupported(key: "\(key).single_word", value: "true (token \"\(content)\")", supported: "false"))
        }
        let isSpecial = try special ?? flag("special", false)
        return AddedToken(content: content, id: id, normalized: try flag("normalized", !isSpecial),
                          lstrip: try flag("lstrip", false), rstrip: try flag("rstrip", false))
    }
}
