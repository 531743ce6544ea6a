import Foundation
import PerfDiffusion
import Testing

/// perf's CLIP tokenizer against transformers' CLIPTokenizer (Fixtures/make_tokenizer.py).
@Suite struct TokenizerParityTests {
    struct Case: Decodable {
        let prompt: String
        let ids: [Int]
        let tokens: [String]
    }
    struct Variant: Decodable {
        let folder: String
        let cases: [Case]
    }

    struct Fixture: Decodable {
        let variants: [String: Variant]
    }

    static func variant(_ name: String) throws -> Variant {
        try #require(try DiffusionFixtures.decode(Fixture.self, "tokenizer_cases.json").variants[name])
    }

    /// Every prompt gives transformers' tokens and padded, truncated ids. `tiny-sd/tokenizer`
    /// holds the same vocabulary as `tokenizer/` saved by transformers 5 as tokenizer.json.
    @Test(arguments: [("tokenizer", "tokenizer"), ("tokenizer-short", "tokenizer-short"), ("tokenizer", "tiny-sd/tokenizer")])
    func matchesTransformers(variant: String, folder: String) throws {
        let cases = try Self.variant(variant).cases
        #expect(cases.count >= 40)
        let tokenizer = try CLIPTokenizer(folder: DiffusionFixtures.url(folder))
        for item in cases {
            #expect(tokenizer.tokens(item.prompt) == item.tokens, "tokens of \(item.prompt.debugDescription)")
            #expect(tokenizer.encode(item.prompt) == item.ids, "ids of \(item.prompt.debugDescription)")
        }
    }

    @Test func fixturesExerciseTruncationAndPadding() throws {
        let variant = try Self.variant("tokenizer-short")
        let tokenizer = try CLIPTokenizer(folder: DiffusionFixtures.url(variant.folder))
        #expect(tokenizer.maxLength == 16)
        #expect(tokenizer.pad.content == "!" && tokenizer.pad.id == 0)
        let truncated = variant.cases.filter { $0.tokens.count > 14 }
        let padded = variant.cases.filter { $0.tokens.count < 14 }
        #expect(truncated.count >= 5 && padded.count >= 5)
        for item in truncated {
            #expect(tokenizer.encode(item.prompt).last == tokenizer.eos.id)
        }
    }

    @Test func specialTokensAndIDsRoundTrip() throws {
        let tokenizer = try CLIPTokenizer(folder: DiffusionFixtures.url("tokenizer"))
        #expect(tokenizer.bos.content == "<|startoftext|>" && tokenizer.eos.content == "<|endoftext|>")
        #expect(tokenizer.pad == tokenizer.eos && tokenizer.unk == tokenizer.eos)
        #expect(tokenizer.bos.normalized, "tokenizer_config.json's added_tokens_decoder says normalized: true")
        for token in ["a</w>", "photo</w>", "circle</w>", "<|endoftext|>"] {
            let id = try #require(tokenizer.id(of: token))
            #expect(tokenizer.token(of: id) == token)
        }
        #expect(tokenizer.id(of: "no such token") == nil)
    }
}
