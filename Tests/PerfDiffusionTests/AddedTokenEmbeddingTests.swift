import Foundation
import PerfDiffusion
import PerfTensor
import Testing

/// Added tokens with learned embeddings (a concept's placeholder): the tokenizer matches them
/// whole, the text encoder reads their rows from the extra embeddings, gradients reach them.
@Suite struct AddedTokenEmbeddingTests {
    @Test func anAddedTokenWithAWordsEmbeddingEncodesAsThatWord() throws {
        let model = try TinyModel.load()
        let vocabulary = model.textEncoder.config.vocabSize
        let tokenizer = try model.tokenizer.adding([AddedToken(content: "<test/blob>", id: vocabulary)])
        let withWord = tokenizer.encode("a red circle next to a square")
        let withToken = tokenizer.encode("a red <test/blob> next to a square")
        let position = try #require(withToken.firstIndex(of: vocabulary))
        #expect(withToken.count == withWord.count && tokenizer.token(of: vocabulary) == "<test/blob>")
        let circle = model.textEncoder.tokenEmbeddingTable.slice(axis: 0, withWord[position] ..< withWord[position] + 1).reshaped([32])
        let tape = Tape()
        let learned = tape.watch(circle)
        let embeddings = try model.textEncoder.tokenEmbeddings([withToken, withWord], extra: [learned])
        let states = try model.textEncoder.encode(embeddings: embeddings)
        #expect(relativeError(states.slice(axis: 0, 0 ..< 1), states.slice(axis: 0, 1 ..< 2)) <= 1e-6)
        let gradient = tape.gradients(of: states.slice(axis: 0, 0 ..< 1).sum(), withRespectTo: [learned])[0]
        #expect(gradient.scalars.contains { $0 != 0 })
    }

    @Test func takenOrUnknownTokensAreRefused() throws {
        let model = try TinyModel.load()
        let vocabulary = model.textEncoder.config.vocabSize
        #expect(throws: DiffusionError.self) { try model.tokenizer.adding([AddedToken(content: "circle</w>", id: vocabulary)]) }
        #expect(throws: DiffusionError.self) { try model.tokenizer.adding([AddedToken(content: "<new>", id: 5)]) }
        #expect(throws: DiffusionError.self) { try model.textEncoder.tokenEmbeddings([[1, vocabulary + 1]], extra: [Tensor.zeros([32])]) }
        #expect(throws: DiffusionError.self) { try model.textEncoder.tokenEmbeddings([[1, vocabulary]], extra: [Tensor.zeros([31])]) }
    }
}
