import Foundation
import PerfDiffusion
import PerfPerfusion
import PerfTensor
import Testing

/// Prompts that name concepts: the token reads the concept's embedding, global locking's
/// key prompt names the superclass instead, and clashing tokens are refused.
@Suite struct ConceptPromptEncoderTests {
    @Test func aConceptTokenReadsTheConceptsEmbedding() throws {
        let model = try PerfusionFixtures.tinyModel()
        let layers = model.unet.crossAttentions
        var concept = try PerfusionFixtures.randomConcept(token: "<test/ring>", width: 32, layers: layers, seed: 71)
        let circle = try #require(model.tokenizer.id(of: "circle</w>"))
        concept.tokenEmbedding = model.textEncoder.tokenEmbeddingTable.slice(axis: 0, circle ..< circle + 1).reshaped([32])
        let encoder = try ConceptPromptEncoder(tokenizer: model.tokenizer, encoder: model.textEncoder, concepts: [concept])
        let ids = encoder.ids("a red <test/ring> on the left")
        #expect(ids.contains(model.textEncoder.config.vocabSize))
        let withToken = try encoder.encode(["a red <test/ring> on the left"])
        let withWord = try model.encode(prompts: ["a red circle on the left"])
        #expect(relativeError(withToken, withWord) < 1e-6)
        #expect(try encoder.encodeKeyContext(["a red <test/ring>"]) == nil)
    }

    @Test func globalLockingsKeyPromptNamesTheSuperclass() throws {
        let model = try PerfusionFixtures.tinyModel()
        let layers = model.unet.crossAttentions
        let ring = try PerfusionFixtures.randomConcept(token: "<test/ring>", superclass: "circle", width: 32, layers: layers, seed: 72,
                                                       locking: .global)
        let tile = try PerfusionFixtures.randomConcept(token: "<test/tile>", superclass: "square", width: 32, layers: layers, seed: 73)
        let encoder = try ConceptPromptEncoder(tokenizer: model.tokenizer, encoder: model.textEncoder, concepts: [ring, tile])
        #expect(encoder.keyPrompt("a <test/ring> next to a <test/tile>") == "a circle next to a <test/tile>")
        let keys = try #require(try encoder.encodeKeyContext(["a <test/ring> next to a <test/tile>"]))
        #expect(keys.scalars == (try encoder.encode(["a circle next to a <test/tile>"])).scalars)
    }

    @Test func clashingTokensAreRefused() throws {
        let model = try PerfusionFixtures.tinyModel()
        let layers = model.unet.crossAttentions
        let first = try PerfusionFixtures.randomConcept(token: "<test/ring>", width: 32, layers: layers, seed: 74)
        let word = try PerfusionFixtures.randomConcept(token: "circle</w>", width: 32, layers: layers, seed: 75)
        for concepts in [[first, first], [word]] {
            #expect(throws: PerfusionError.self) {
                try ConceptPromptEncoder(tokenizer: model.tokenizer, encoder: model.textEncoder, concepts: concepts)
            }
        }
    }
}
