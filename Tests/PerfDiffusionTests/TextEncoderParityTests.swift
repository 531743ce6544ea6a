import Foundation
import PerfDiffusion
import PerfTensor
import Testing

/// The CLIP text encoder against transformers' CLIPTextModel on the tiny model's weights.
@Suite struct TextEncoderParityTests {
    static let model = Result { try ModelFolder(at: DiffusionFixtures.tinyModel) }
    static let encoder = Result { try CLIPTextEncoder(folder: try model.get()) }

    @Test(arguments: 0..<3)
    func hiddenStatesMatchTransformers(prompt index: Int) throws {
        let reference = try ReferenceOutputs.load()
        let folder = try Self.model.get()
        let prompt = try reference.metadata("prompt.\(index)")
        let ids = folder.tokenizer.encode(prompt)
        #expect(ids == (try reference.integers("text.\(index).input_ids")))
        let states = try Self.encoder.get()([ids])
        let expected = try reference.tensor("text.\(index).last_hidden_state")
        #expect(states.shape == [1, 77, 32])
        let error = relativeError(states, expected)
        #expect(error <= parityTolerance, "relative error \(error) for prompt \(index) \"\(prompt)\"")
    }

    @Test func batchedPromptsMatchOneByOne() throws {
        let reference = try ReferenceOutputs.load()
        let ids = try (0..<2).map { try reference.integers("text.\($0).input_ids") }
        let states = try Self.encoder.get()(ids)
        for index in 0..<2 {
            let expected = try reference.tensor("text.\(index).last_hidden_state")
            #expect(relativeError(states.slice(axis: 0, index ..< index + 1), expected) <= parityTolerance)
        }
    }

    @Test func gradientsReachTheInputEmbeddings() throws {
        let encoder = try Self.encoder.get()
        let ids = try Self.model.get().tokenizer.encode("a red circle")
        let tape = Tape()
        let embeddings = tape.watch(try encoder.tokenEmbeddings([ids]))
        let loss = try encoder.encode(embeddings: embeddings).slice(axis: 1, 3 ..< 4).sum()
        let gradient = tape.gradients(of: loss, withRespectTo: [embeddings])[0]
        // Causal attention: token 3's state depends on tokens 0...3 only.
        let perToken = (0..<ids.count).map { token in gradient.slice(axis: 1, token ..< token + 1).scalars.map(abs).max() ?? 0 }
        #expect(perToken[0 ... 3].allSatisfy { $0 > 0 })
        #expect(perToken[4...].allSatisfy { $0 == 0 })
    }

    @Test func badInputsAreRefused() throws {
        let encoder = try Self.encoder.get()
        #expect(throws: DiffusionError.self) { try encoder([[0, 1], [2]]) }
        #expect(throws: DiffusionError.self) { try encoder([[0, 886]]) }
        #expect(throws: DiffusionError.self) { try encoder([[Int]](repeating: [1], count: 1).map { _ in Array(repeating: 1, count: 78) }) }
        #expect(throws: DiffusionError.self) { try encoder.encode(embeddings: Tensor.zeros([1, 3, 31])) }
    }
}
