import Foundation
import PerfDiffusion
import PerfTensor
import Testing

/// The training loss's gradient, as the tape computes it for the whole model (text encoder
/// and UNet jointly), against central finite differences of the loss itself.
///
/// The engine has no float64, so the differences are taken in float32 on a tiny model with a
/// careful step, and the tolerance follows from the two errors of a central difference:
/// - truncation, h²/6 · L‴: the step is a tenth of the perturbed tensor's own RMS (0.01 for an
///   all-zero tensor), small against the scale on which the layers bend (LayerNorm after
///   0.02-sized embeddings, GroupNorm, softmax); measured here it stays below 3·10⁻³ relative,
///   so 10⁻² relative is allowed;
/// - rounding: each float32 loss (≈ 1) is off by a few ulps, and the difference of two by at
///   most 16 ulp(L), so the quotient is off by at most 16 ulp / 2h = 8 ulp(L)/h absolute.
/// Tolerance: |fd − g| ≤ 10⁻²·|g| + 8·ulp(L)/h. A wrong backward (a missing term, a transposed
/// weight, a dropped path) gives O(1) relative errors.
@Suite struct TrainingGradientTests {
    struct Setup {
        let objective: DenoisingObjective
        let parameters: [String: Tensor]
        let batch: TrainingBatch
        let draw: TrainingDraw
        let loss: Float
        let gradients: [String: Tensor]

        init() throws {
            batch = try TinyBase.batch()
            let trainer = try BaseTrainer(model: TinyBase.model(), options: BaseTrainerTests.options())
            objective = trainer.objective
            parameters = trainer.model.flatParameters
            draw = trainer.draw(step: 0, for: batch)
            let tape = Tape()
            let watched = tape.watch(parameters)
            let tracked = try objective.loss(watched, batch: batch, draw: draw)
            loss = tracked.scalar
            gradients = tape.gradients(of: tracked, withRespectTo: watched)
        }

        /// The loss with every weight moved by `step` times its entry of `direction` (zero where absent).
        func loss(moving direction: [String: [Float]], by step: Float) throws -> Float {
            var moved = parameters
            for (name, offsets) in direction {
                let tensor = parameters[name]!
                moved[name] = Tensor(shape: tensor.shape, scalars: zip(tensor.scalars, offsets).map { $0 + step * $1 })
            }
            return try objective.loss(moved, batch: batch, draw: draw).scalar
        }

        /// The central difference of the loss along `direction` with step `h`.
        func difference(_ direction: [String: [Float]], h: Float) throws -> Float {
            (try loss(moving: direction, by: h) - loss(moving: direction, by: -h)) / (2 * h)
        }

        /// A tenth of the tensor's RMS, or 0.01 for an all-zero tensor.
        func step(for name: String) -> Float {
            let values = parameters[name]!.scalars
            let rms = (values.reduce(0) { $0 + $1 * $1 } / Float(values.count)).squareRoot()
            return rms > 0 ? 0.1 * rms : 0.01
        }

        func tolerance(_ gradient: Float, h: Float) -> Float { 1e-2 * abs(gradient) + 8 * loss.ulp / h }
    }

    static let weights = [
        "unet/conv_in.weight", "unet/conv_out.bias", "unet/time_embedding.linear_1.weight",
        "unet/down_blocks.1.attentions.0.transformer_blocks.0.attn2.to_k.weight",
        "unet/up_blocks.0.attentions.1.transformer_blocks.0.attn2.to_v.weight",
        "unet/mid_block.attentions.0.proj_in.weight", "unet/up_blocks.0.resnets.1.norm1.weight",
        "text_encoder/text_model.embeddings.token_embedding.weight", "text_encoder/text_model.embeddings.position_embedding.weight",
        "text_encoder/text_model.encoder.layers.0.self_attn.q_proj.weight", "text_encoder/text_model.encoder.layers.0.mlp.fc1.weight",
        "text_encoder/text_model.final_layer_norm.bias",
    ]

    /// For each weight, its element with the largest gradient (where the check has most signal).
    @Test(arguments: weights) func singleWeights(name: String) throws {
        let setup = try Setup()
        let gradient = try #require(setup.gradients[name]).scalars
        let index = gradient.indices.max { abs(gradient[$0]) < abs(gradient[$1]) }!
        #expect(gradient[index] != 0, "\(name) gets no gradient at all")
        var direction = [Float](repeating: 0, count: gradient.count)
        direction[index] = 1
        let h = setup.step(for: name)
        let numeric = try setup.difference([name: direction], h: h)
        #expect(abs(numeric - gradient[index]) <= setup.tolerance(gradient[index], h: h),
                "\(name)[\(index)]: tape \(gradient[index]), finite difference \(numeric) (h \(h))")
    }

    /// Every weight at once, along a seeded random direction scaled per tensor: the gradient's
    /// dot product with it against the loss's slope along it.
    @Test func everyWeightAlongARandomDirection() throws {
        let setup = try Setup()
        var random = SeededRandom(seed: 11)
        var direction: [String: [Float]] = [:]
        var expected = 0.0
        for (name, tensor) in setup.parameters.sorted(by: { $0.key < $1.key }) {
            let scale = 10 * setup.step(for: name)
            direction[name] = (0..<tensor.count).map { _ in Bool.random(using: &random) ? scale : -scale }
            expected += zip(direction[name]!, setup.gradients[name]!.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        let h: Float = 1e-3
        let numeric = try setup.difference(direction, h: h)
        #expect(abs(numeric - Float(expected)) <= setup.tolerance(Float(expected), h: h), "tape \(expected), finite difference \(numeric)")
    }

    /// The text encoder learns from the captions: rows of words in the batch get a gradient,
    /// rows of words no caption uses get none.
    @Test func onlyUsedWordsGetEmbeddingGradients() throws {
        let setup = try Setup()
        let vocabulary = try TinyBase.model().vocabulary
        let table = try #require(setup.gradients["text_encoder/text_model.embeddings.token_embedding.weight"])
        let width = table.shape[1]
        func row(_ word: String) -> ArraySlice<Float> {
            let id = vocabulary.tokens[word + "</w>"]!
            return table.scalars[id * width ..< (id + 1) * width]
        }
        #expect(row("square").contains { $0 != 0 } && row("red").contains { $0 != 0 })
        #expect(row("circle").allSatisfy { $0 == 0 })
    }
}
