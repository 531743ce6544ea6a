import Foundation
import PerfDiffusion
import PerfTestSupport
import Testing

/// Tokenizer folders that are incomplete, damaged or unusual, and tokenizers built in memory.
@Suite struct TokenizerLoadingTests {
    /// Runs `body` on a copy of Fixtures/tokenizer (vocab.json, merges.txt, configs).
    static func withCopy(_ body: (URL) throws -> Void) throws {
        let directory = try TemporaryDirectory("perf-tokenizer")
        try withExtendedLifetime(directory) {
            let copy = directory.path("tokenizer")
            try FileManager.default.copyItem(at: DiffusionFixtures.url("tokenizer"), to: copy)
            try body(copy)
        }
    }

    static func editConfig(_ folder: URL, _ change: (inout [String: Any]) -> Void) throws {
        let file = folder.appendingPathComponent("tokenizer_config.json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        change(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: file)
    }

    static func expectError(_ folder: URL, mentioning parts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: DiffusionError.self, sourceLocation: sourceLocation) { try CLIPTokenizer(folder: folder) }
        for part in parts {
            #expect(error?.description.contains(part) == true, "\(String(describing: error)) should mention \(part)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func missingFilesAreNamed() throws {
        try Self.withCopy { folder in
            try FileManager.default.removeItem(at: folder.appendingPathComponent("merges.txt"))
            Self.expectError(folder, mentioning: ["merges.txt", "missing"])
        }
        try Self.withCopy { folder in
            try FileManager.default.removeItem(at: folder.appendingPathComponent("tokenizer_config.json"))
            Self.expectError(folder, mentioning: ["tokenizer_config.json"])
        }
        try Self.withCopy { folder in
            try Self.editConfig(folder) { $0["model_max_length"] = nil }
            Self.expectError(folder, mentioning: ["tokenizer_config.json", "\"model_max_length\""])
            try Self.editConfig(folder) { $0["model_max_length"] = 1e30 }
            Self.expectError(folder, mentioning: ["\"model_max_length\""])
        }
    }

    @Test func damagedVocabularyFiles() throws {
        try Self.withCopy { folder in
            try Data("#version: 0.2\nt h\nno-space-here\n".utf8).write(to: folder.appendingPathComponent("merges.txt"))
            Self.expectError(folder, mentioning: ["merges.txt", "line 3"])
            try Data("#version: 0.2\nq zz\n".utf8).write(to: folder.appendingPathComponent("merges.txt"))
            Self.expectError(folder, mentioning: ["\"q zz\"", "not in the vocabulary"])
            try Data("{\"a\": ".utf8).write(to: folder.appendingPathComponent("vocab.json"))
            Self.expectError(folder, mentioning: ["vocab.json"])
        }
        try Self.withCopy { folder in
            try Data("{\"model\": {\"type\": \"WordPiece\", \"vocab\": {}, \"merges\": []}}".utf8)
                .write(to: folder.appendingPathComponent("tokenizer.json"))
            Self.expectError(folder, mentioning: ["tokenizer.json", "WordPiece"])
        }
    }

    @Test func specialTokensMustExistAndBeSupported() throws {
        try Self.withCopy { folder in
            try Self.editConfig(folder) { $0["added_tokens_decoder"] = nil; $0["pad_token"] = "<pad>" }
            try FileManager.default.removeItem(at: folder.appendingPathComponent("special_tokens_map.json"))
            Self.expectError(folder, mentioning: ["\"pad_token\"", "<pad>", "not in the vocabulary"])
        }
        try Self.withCopy { folder in
            try Self.editConfig(folder) {
                $0["added_tokens_decoder"] = ["885": ["content": "<|endoftext|>", "single_word": true, "special": true]]
            }
            Self.expectError(folder, mentioning: ["single_word"])
        }
    }

    /// Without added_tokens_decoder, special_tokens_map.json overrides tokenizer_config.json.
    @Test func specialTokensMapOverridesTheConfig() throws {
        try Self.withCopy { folder in
            try Self.editConfig(folder) { $0["added_tokens_decoder"] = nil }
            try JSONSerialization.data(withJSONObject: ["pad_token": "!", "additional_special_tokens": ["cat</w>"]])
                .write(to: folder.appendingPathComponent("special_tokens_map.json"))
            let tokenizer = try CLIPTokenizer(folder: folder)
            #expect(tokenizer.pad.content == "!" && !tokenizer.pad.normalized)
            #expect(tokenizer.tokens("wow!").last == "!", "a special token is matched whole")
            #expect(tokenizer.encode("a").suffix(2) == [tokenizer.id(of: "!"), tokenizer.id(of: "!")])
        }
    }

    @Test func addedTokensStripWhitespaceWhenAsked() throws {
        let vocabulary = Dictionary(uniqueKeysWithValues: ["a</w>", "b</w>", "<s>", "</s>", "[M]"].enumerated().map { ($1, $0) })
        func tokenizer(_ mask: AddedToken) throws -> CLIPTokenizer {
            try CLIPTokenizer(vocabulary: vocabulary, merges: [], maxLength: 8, bos: AddedToken(content: "<s>", id: 2),
                              eos: AddedToken(content: "</s>", id: 3), pad: AddedToken(content: "</s>", id: 3),
                              unk: AddedToken(content: "</s>", id: 3), addedTokens: [mask])
        }
        let plain = try tokenizer(AddedToken(content: "[M]", id: 4))
        #expect(plain.tokenIDs("a [M] b") == [0, 4, 1])
        #expect(plain.tokenIDs("a [m] b") == [0, 3, 3, 3, 1], "not normalized: matched only as written; unknown bytes give unk")
        let normalized = try tokenizer(AddedToken(content: "[M]", id: 4, normalized: true))
        #expect(normalized.tokenIDs("a [m] b") == [0, 4, 1], "its normalized form [m] is matched")
        let stripping = try tokenizer(AddedToken(content: "[M]", id: 4, lstrip: true, rstrip: true))
        #expect(stripping.tokenIDs("a   [M]   b") == [0, 4, 1])
        #expect(plain.encode("a b a b a b a b") == [2, 0, 1, 0, 1, 0, 1, 3], "truncated to maxLength")
        #expect(throws: DiffusionError.self) {
            try CLIPTokenizer(vocabulary: vocabulary, merges: [("a", "b")], maxLength: 8, bos: plain.bos, eos: plain.eos,
                              pad: plain.pad, unk: plain.unk)
        }
        #expect(throws: DiffusionError.self) {
            try CLIPTokenizer(vocabulary: vocabulary, merges: [], maxLength: 1, bos: plain.bos, eos: plain.eos, pad: plain.pad, unk: plain.unk)
        }
    }
}
