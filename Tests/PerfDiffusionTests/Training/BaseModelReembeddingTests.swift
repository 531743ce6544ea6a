import Foundation
import PerfDiffusion
import PerfTensor
import Testing

/// `BaseModel.reembedded(for:seed:)`, the start of a fine-tuning run with new words
/// (`perf base train --init`): what the model knew stays, the new words start fresh.
@Suite struct BaseModelReembeddingTests {
    @Test func oldCaptionsEncodeAsBeforeAndNewWordsStartFresh() throws {
        let model = try TinyBase.model()
        let wider = try WordVocabulary(words: TinyBase.words + ["striped", "yellow"])
        let grown = try model.reembedded(for: wider, seed: 7)
        #expect(grown.vocabulary == wider)
        #expect(grown.textEncoder.config.vocabSize == wider.count && wider.count > model.vocabulary.count)
        #expect(grown.textEncoder.config.bosTokenID == wider.startID && grown.textEncoder.config.eosTokenID == wider.endID)

        // Every weight but the token table is the same tensor.
        let before = model.flatParameters, after = grown.flatParameters
        #expect(Set(before.keys) == Set(after.keys))
        for (name, tensor) in before where !name.hasSuffix("token_embedding.weight") {
            #expect(after[name]?.scalars == tensor.scalars, "\(name)")
        }
        // A caption of old words encodes to the same states, although the end token's id moved.
        let caption = "a red circle on a white background"
        let oldIDs = try model.tokenizer().encode(caption), newIDs = try grown.tokenizer().encode(caption)
        #expect(oldIDs != newIDs)
        #expect(try grown.textEncoder([newIDs]).scalars == model.textEncoder([oldIDs]).scalars)

        // The new words have rows of their own, fresh (deviation 0.02), and differ by seed.
        let width = grown.textEncoder.config.hiddenSize, table = grown.textEncoder.tokenEmbeddingTable.scalars
        let striped = try #require(wider.tokens["striped</w>"])
        let row = Array(table[striped * width..<(striped + 1) * width])
        let deviation = (row.map { $0 * $0 }.reduce(0, +) / Float(width)).squareRoot()
        #expect(deviation > 0.005 && deviation < 0.05, "\(deviation)")
        let other = try model.reembedded(for: wider, seed: 8).textEncoder.tokenEmbeddingTable.scalars
        #expect(Array(other[striped * width..<(striped + 1) * width]) != row)
        let red = try #require(wider.tokens["red</w>"]), oldRed = try #require(model.vocabulary.tokens["red</w>"])
        #expect(Array(table[red * width..<(red + 1) * width])
                    == Array(model.textEncoder.tokenEmbeddingTable.scalars[oldRed * width..<(oldRed + 1) * width]))
    }
}
