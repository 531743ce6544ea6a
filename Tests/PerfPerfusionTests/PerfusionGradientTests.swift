import Foundation
import PerfDiffusion
import PerfPerfusion
import PerfTensor
import Testing

/// Gradients through the editor, as training needs them: to the value targets o*_V through
/// the whole UNet, to the target input i* (also straight through an EMA), and to the
/// concept's word embedding through the text encoder. Checked by central differences along
/// the gradient: d/dh L(x + h·ĝ) = ‖g‖.
@Suite struct PerfusionGradientTests {
    /// The central difference of `loss` at `point` along the unit vector of `gradient`, with step `h`.
    static func directional(_ loss: (Tensor) throws -> Float, at point: Tensor, along gradient: Tensor, h: Float) rethrows -> Float {
        let norm = gradient.scalars.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let unit = gradient / norm
        return (try loss(point + unit * h) - loss(point - unit * h)) / (2 * h)
    }

    static func norm(_ t: Tensor) -> Float { t.scalars.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    @Test func valueTargetsGetTheirGradientThroughTheUNet() throws {
        let setup = try PerfusionEditorTests.Setup()
        let concept = try setup.concept(61)
        let context = try setup.model.encode(prompts: ["a red circle"])
        var generator = SeededRandom(seed: 9)
        let sample = Tensor.randomNormal([1, setup.model.unet.config.inChannels, 8, 8], using: &generator)
        let direction = Tensor.randomNormal(sample.shape, using: &generator)
        let path = setup.layers[3].path
        func loss(_ targets: [String: Tensor]) throws -> Tensor {
            var edited = concept
            edited.valueTargets = targets
            let editor = try PerfusionEditor(concepts: [edited], inverseCovariance: setup.inverse, layers: setup.layers)
            return (try setup.model.unet(sample, timesteps: [400], context: context, editor: editor) * direction).sum()
        }
        let tape = Tape()
        let watched = tape.watch(concept.valueTargets)
        let gradient = tape.gradients(of: try loss(watched), withRespectTo: watched)[path]!
        #expect(Self.norm(gradient) > 0)
        let numeric = try Self.directional({ moved in
            var targets = concept.valueTargets
            targets[path] = moved
            return try loss(targets).scalar
        }, at: concept.valueTargets[path]!, along: gradient, h: 0.05)
        #expect(abs(numeric - Self.norm(gradient)) <= 1e-2 * Self.norm(gradient), "numeric \(numeric), gradient \(Self.norm(gradient))")
    }

    @Test func theTargetInputGetsItsGradientAlsoStraightThroughAnAverage() throws {
        let setup = try PerfusionEditorTests.Setup()
        let concept = try setup.concept(62)
        var generator = SeededRandom(seed: 10)
        let states = Tensor.concat([PerfusionEditorTests.states(along: concept.targetInput, inverse: setup.inverse, seed: 12),
                                    Tensor.randomNormal([1, 3, 32], using: &generator)], axis: 1)
        let projection = setup.projection(5, context: states)
        let keyDirection = Tensor.randomNormal([1, 6, setup.layers[5].queryDim], using: &generator)
        let valueDirection = Tensor.randomNormal([1, 6, setup.layers[5].queryDim], using: &generator)
        func loss(_ input: Tensor) throws -> Tensor {
            var edited = concept
            edited.targetInput = input
            let (keys, values) = try PerfusionEditor(concepts: [edited], inverseCovariance: setup.inverse, layers: setup.layers)
                .keysAndValues(projection)
            return (keys * keyDirection).sum() + (values * valueDirection).sum()
        }
        let tape = Tape()
        let input = tape.watch(concept.targetInput)
        let gradient = tape.gradients(of: try loss(input), withRespectTo: [input])[0]
        let numeric = try Self.directional({ try loss($0).scalar }, at: concept.targetInput, along: gradient, h: 1e-2)
        #expect(abs(numeric - Self.norm(gradient)) <= 1e-2 * Self.norm(gradient), "numeric \(numeric), gradient \(Self.norm(gradient))")
        // Straight through: the value is the average, the gradient reaches the current input.
        let average = concept.targetInput * 0.9
        let second = Tape()
        let current = second.watch(concept.targetInput)
        let straight = average.detached() + (current - current.detached())
        #expect(straight.scalars == average.scalars)
        let throughAverage = second.gradients(of: try loss(straight), withRespectTo: [current])[0]
        let third = Tape()
        let atAverage = third.watch(average)
        let direct = third.gradients(of: try loss(atAverage), withRespectTo: [atAverage])[0]
        #expect(relativeError(throughAverage, direct) < 1e-6)
    }

    @Test func theWordEmbeddingGetsItsGradientThroughTheTextEncoder() throws {
        let setup = try PerfusionEditorTests.Setup()
        let tape = Tape()
        var concept = try setup.concept(63)
        concept.tokenEmbedding = tape.watch(concept.tokenEmbedding)
        let prompts = try ConceptPromptEncoder(tokenizer: setup.model.tokenizer, encoder: setup.model.textEncoder, concepts: [concept])
        let context = try prompts.encode(["a \(concept.token) next to a square"])
        var generator = SeededRandom(seed: 13)
        let sample = Tensor.randomNormal([1, setup.model.unet.config.inChannels, 8, 8], using: &generator)
        let editor = try PerfusionEditor(concepts: [concept], inverseCovariance: setup.inverse, layers: setup.layers)
        let output = try setup.model.unet(sample, timesteps: [200], context: context, editor: editor)
        let gradient = tape.gradients(of: (output * output).sum(), withRespectTo: [concept.tokenEmbedding])[0]
        #expect(Self.norm(gradient) > 0 && gradient.scalars.allSatisfy { $0.isFinite })
    }
}
