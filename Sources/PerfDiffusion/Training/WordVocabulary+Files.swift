import Foundation

extension WordVocabulary {
    /// The files of a transformers `CLIPTokenizer` folder for this vocabulary: `vocab.json`,
    /// `merges.txt` (with the `#version` line the slow tokenizer skips), `tokenizer_config.json`
    /// (`model_max_length`, the special tokens) and `special_tokens_map.json`, by file name.
    func tokenizerFiles(maxLength: Int) -> [String: Data] {
        func special(_ content: String) -> JSONValue {
            .object(["content": .string(content), "lstrip": .bool(false), "normalized": .bool(true),
                     "rstrip": .bool(false), "single_word": .bool(false), "special": .bool(true)])
        }
        let config = JSONValue.object([
            "add_prefix_space": .bool(false),
            "added_tokens_decoder": .object([String(startID): special(Self.startToken), String(endID): special(Self.endToken)]),
            "bos_token": .string(Self.startToken),
            "clean_up_tokenization_spaces": .bool(false),
            "do_lower_case": .bool(true),
            "eos_token": .string(Self.endToken),
            "errors": .string("replace"),
            "model_max_length": .int(maxLength),
            "pad_token": .string(Self.endToken),
            "tokenizer_class": .string("CLIPTokenizer"),
            "unk_token": .string(Self.endToken),
        ])
        let map = JSONValue.object(["bos_token": .string(Self.startToken), "eos_token": .string(Self.endToken),
                                    "pad_token": .string(Self.endToken), "unk_token": .string(Self.endToken)])
        return [
            "vocab.json": JSONValue.object(tokens.mapValues(JSONValue.int)).fileData(),
            "merges.txt": Data((["#version: 0.2"] + merges).joined(separator: "\n").appending("\n").utf8),
            "tokenizer_config.json": config.fileData(),
            "special_tokens_map.json": map.fileData(),
        ]
    }
}
