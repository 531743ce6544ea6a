import Foundation
import PerfDiffusion
import PerfPerfusion
import PerfTensor
import Testing

/// The editor's behaviour on the tiny model: nothing without concepts, the gate and the
/// locked keys where the concept's input is, global locking, and the multi-concept forms.
@Suite struct PerfusionEditorTests {
    /// The tiny model, its inverse covariance (of seeded random states) and a concept.
    struct Setup {
        let model: StableDiffusion
        let inverse: InverseCovariance
        let layers: [CrossAttentionLayer]

        init() throws {
            model = try PerfusionFixtures.tinyModel()
            layers = model.unet.crossAttentions
            inverse = try InverseCovariance(covariance: InverseCovarianceTests.covariance(width: 32, samples: 300, seed: 11),
                                            width: 32, count: 300)
        }

        func concept(_ seed: UInt64, locking: KeyLocking = .local, gate: ConceptGate = .inference) throws -> Concept {
            try PerfusionFixtures.randomConcept(token: "<test/c\(seed)>", width: 32, layers: layers, seed: seed, gate: gate, locking: locking)
        }

        func projection(_ layer: Int, context: Tensor) -> CrossAttentionProjection {
            let path = layers[layer].path
            let p = model.unet.parameters.tensors
            return CrossAttentionProjection(layer: layers[layer], context: context, keyWeight: p["\(path).to_k.weight"]!,
                                            valueWeight: p["\(path).to_v.weight"]!)
        }
    }

    /// Text states [1, 3, 32]: a state C⁻¹-orthogonal to `input`, `input` itself, and the first plus 0.6·input.
    static func states(along input: Tensor, inverse: InverseCovariance, seed: UInt64) -> Tensor {
        var generator = SeededRandom(seed: seed)
        let noise = Tensor.randomNormal([32], using: &generator)
        let metric = input.reshaped([1, 32]).linear(weight: inverse.matrix).reshaped([32])
        let along = (noise * metric).sum().scalar / (input * metric).sum().scalar
        let orthogonal = noise - input * along
        return Tensor.concat([orthogonal, input, orthogonal + input * 0.6].map { $0.reshaped([1, 1, 32]) }, axis: 1)
    }

    @Test func withoutConceptsTheUNetOutputIsUnchangedBitForBit() throws {
        let setup = try Setup()
        let editor = try PerfusionEditor(concepts: [], inverseCovariance: setup.inverse, layers: setup.layers)
        let context = try setup.model.encode(prompts: ["a red circle"])
        var generator = SeededRandom(seed: 2)
        let sample = Tensor.randomNormal([1, setup.model.unet.config.inChannels, 8, 8], using: &generator)
        let plain = try setup.model.unet(sample, timesteps: [300], context: context)
        let edited = try setup.model.unet(sample, timesteps: [300], context: context, editor: editor)
        #expect(edited.scalars == plain.scalars)
    }

    @Test func theConceptReplacesItsInputAndLocksTheKeysToTheSuperclass() throws {
        let setup = try Setup()
        let concept = try setup.concept(21)
        let editor = try PerfusionEditor(concepts: [concept], inverseCovariance: setup.inverse, layers: setup.layers)
        let states = Self.states(along: concept.targetInput, inverse: setup.inverse, seed: 5)
        for index in setup.layers.indices {
            let projection = setup.projection(index, context: states)
            let (keys, values) = editor.keysAndValues(projection)
            let (plainKeys, plainValues) = projection.plain()
            let o = setup.layers[index].queryDim
            func token(_ t: Tensor, _ position: Int) -> Tensor { t.slice(axis: 1, position ..< position + 1).reshaped([o]) }
            let superKey = concept.superclassInput.reshaped([1, 32]).linear(weight: projection.keyWeight).reshaped([o])
            let valueTarget = concept.valueTargets[setup.layers[index].path]!
            // s = 0: the state passes unchanged but for σ(−β/τ) of the targets (about 1e-2).
            let low = concept.gate(0)
            #expect(relativeError(token(values, 0), token(plainValues, 0) + valueTarget * low) < 1e-4)
            #expect(relativeError(token(keys, 0), token(plainKeys, 0) + superKey * low) < 1e-4)
            // s = 1: the input is replaced by the gated targets; the key is the superclass's.
            let high = concept.gate(1)
            #expect(relativeError(token(values, 1), valueTarget * high) < 1e-4)
            #expect(relativeError(token(keys, 1), superKey * high) < 1e-4)
            // s = 0.6: the part along the input is replaced, the rest stays; the gate is partly open.
            let middle = concept.gate(0.6)
            #expect(relativeError(token(values, 2), token(plainValues, 0) + valueTarget * middle) < 1e-4)
            #expect(relativeError(token(keys, 2), token(plainKeys, 0) + superKey * middle) < 1e-4)
        }
    }

    @Test func globalLockingReadsTheKeyContextAndEditsValuesOnly() throws {
        let setup = try Setup()
        let global = try setup.concept(31, locking: .global)
        let local = try setup.concept(32)
        #expect(throws: PerfusionError.self) {
            try PerfusionEditor(concepts: [global], inverseCovariance: setup.inverse, layers: setup.layers)
        }
        let states = Self.states(along: global.targetInput, inverse: setup.inverse, seed: 6)
        let keyStates = Self.states(along: global.superclassInput, inverse: setup.inverse, seed: 7)
        let alone = try PerfusionEditor(concepts: [global], inverseCovariance: setup.inverse, layers: setup.layers, keyContext: keyStates)
        let projection = setup.projection(4, context: states)
        let (keys, values) = alone.keysAndValues(projection)
        #expect(keys.scalars == keyStates.linear(weight: projection.keyWeight).scalars)
        let valuesOnly = try PerfusionEditor(concepts: [global.withLocking(.local)], inverseCovariance: setup.inverse,
                                             layers: setup.layers).keysAndValues(projection).values
        #expect(values.scalars == valuesOnly.scalars)
        // Mixed: the local concept still edits the keys, read from the key context.
        let mixed = try PerfusionEditor(concepts: [global, local], inverseCovariance: setup.inverse, layers: setup.layers,
                                        keyContext: keyStates).keysAndValues(projection)
        let localKeys = try PerfusionEditor(concepts: [local], inverseCovariance: setup.inverse, layers: setup.layers)
            .keysAndValues(setup.projection(4, context: keyStates)).keys
        #expect(relativeError(mixed.keys, localKeys) < 1e-5)
    }

    @Test func exactAndApproximateFormsAgreeForOrthogonalInputsAndDifferOtherwise() throws {
        let setup = try Setup()
        let first = try setup.concept(41)
        var second = try setup.concept(42)
        let states = Self.states(along: first.targetInput, inverse: setup.inverse, seed: 8)
        func edited(_ concepts: [Concept], _ form: PerfusionEditor.Form) throws -> Tensor {
            try PerfusionEditor(concepts: concepts, inverseCovariance: setup.inverse, layers: setup.layers, form: form)
                .keysAndValues(setup.projection(2, context: states)).values
        }
        #expect(relativeError(try edited([first, second], .exact), try edited([first, second], .approximate)) > 1e-3)
        // Make the second input C⁻¹-orthogonal to the first: then both forms are one function.
        let metric = first.targetInput.reshaped([1, 32]).linear(weight: setup.inverse.matrix).reshaped([32])
        let along = (second.targetInput * metric).sum().scalar / (first.targetInput * metric).sum().scalar
        second.targetInput = second.targetInput - first.targetInput * along
        #expect(relativeError(try edited([first, second], .exact), try edited([first, second], .approximate)) < 1e-4)
        // Each concept's gate is its own.
        var sharper = first
        sharper.gate = try ConceptGate(beta: 0.9, tau: 0.05)
        #expect(relativeError(try edited([sharper, second], .exact), try edited([first, second], .exact)) > 1e-3)
    }

    @Test func misfitConceptsAreRefused() throws {
        let setup = try Setup()
        var concept = try setup.concept(51)
        concept.valueTargets[setup.layers[1].path] = nil
        #expect(throws: PerfusionError.self) {
            try PerfusionEditor(concepts: [concept], inverseCovariance: setup.inverse, layers: setup.layers)
        }
        var zero = try setup.concept(52)
        zero.targetInput = Tensor.zeros([32])
        #expect(throws: PerfusionError.self) {
            try PerfusionEditor(concepts: [zero], inverseCovariance: setup.inverse, layers: setup.layers)
        }
        let narrow = try InverseCovariance(covariance: InverseCovarianceTests.covariance(width: 8, samples: 50, seed: 1), width: 8, count: 50)
        #expect(throws: PerfusionError.self) {
            try PerfusionEditor(concepts: [try setup.concept(53)], inverseCovariance: narrow, layers: setup.layers)
        }
    }
}

extension Concept {
    /// The concept with another locking.
    func withLocking(_ locking: KeyLocking) -> Concept {
        var copy = self
        copy.locking = locking
        return copy
    }
}
