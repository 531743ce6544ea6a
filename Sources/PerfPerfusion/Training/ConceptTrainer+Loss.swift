import PerfDiagnostics
import PerfDiffusion
import PerfTensor

/// One training step's inputs, drawn from the trainer's seeded generator.
public struct ConceptBatch: Sendable {
    /// Clean model inputs [B, C, h, w].
    public let clean: Tensor
    /// Loss weights [B, 1, h, w] from the masks, if any.
    public let weights: Tensor?
    /// The captions, with the concept's token.
    public let captions: [String]
    /// One training timestep per item.
    public let timesteps: [Int]
    /// The noise [B, C, h, w].
    public let noise: Tensor
}

/// What one evaluation of the training loss gives.
public struct TrainingEvaluation: Sendable {
    /// The denoising loss.
    public let loss: Float
    /// ∂loss/∂(token embedding) [d].
    public let embeddingGradient: Tensor
    /// ∂loss/∂o*_V per layer path (none for an embedding-only concept).
    public let valueGradients: [String: Tensor]
    /// ∂loss/∂o*_K per layer path, for learned key targets (unlocked keys); else empty.
    public let keyGradients: [String: Tensor]
    /// The target input's moving average after this batch.
    public let average: Tensor
}

extension ConceptTrainer {
    /// The denoising loss of `batch` for `concept`'s token embedding and value targets, and its
    /// gradients. i* enters as the moving average (`previousAverage` updated with this batch's
    /// encoder output at the token, or that output alone at the first step); its gradient passes
    /// straight through to the output, so with decay 0 the gradients are the loss's exact ones.
    public func evaluate(_ batch: ConceptBatch, concept: Concept, previousAverage: Tensor?) throws -> TrainingEvaluation {
        let tape = Tape()
        var tracked = concept
        tracked.tokenEmbedding = tape.watch(concept.tokenEmbedding)
        if concept.editsAttention { tracked.valueTargets = tape.watch(concept.valueTargets) }
        tracked.keyTargets = concept.keyTargets.map { tape.watch($0) }

        // Text states with the tracked embedding; i*: the batch's average output at the token.
        let encoder = try ConceptPromptEncoder(tokenizer: model.tokenizer, encoder: model.textEncoder, concepts: [tracked])
        let states = try encoder.encode(batch.captions)
        let (length, width) = (states.shape[1], states.shape[2])
        let tokenID = model.textEncoder.config.vocabSize
        var rows: [Tensor] = []
        for (index, caption) in batch.captions.enumerated() {
            guard let position = encoder.ids(caption).firstIndex(of: tokenID) else {
                throw PerfusionError("training", .invalidArgument("the caption \"\(caption)\" lost the concept token (too long for the tokenizer?)"))
            }
            rows.append(states.slice(axis: 0, index ..< index + 1).reshaped([length, width]).slice(axis: 0, position ..< position + 1))
        }
        let current = (Tensor.concat(rows, axis: 0).sum(axis: 0) * (1 / Float(rows.count))).reshaped([width])
        let decay = settings.targetInputDecay
        let average = previousAverage.map { $0 * decay + current.detached() * (1 - decay) } ?? current.detached()
        tracked.targetInput = average + (current - current.detached())

        let editor = concept.editsAttention
            ? try PerfusionEditor(concepts: [tracked], inverseCovariance: inverseCovariance,
                                  layers: model.unet.crossAttentions, keyContext: encoder.encodeKeyContext(batch.captions))
            : nil
        let noisy = try scheduler.addNoise(batch.clean.scalars, noise: batch.noise.scalars, timesteps: batch.timesteps)
        let target = try scheduler.target(batch.clean.scalars, noise: batch.noise.scalars, timesteps: batch.timesteps)
        let prediction = try model.unet(Tensor(shape: batch.clean.shape, scalars: noisy), timesteps: batch.timesteps.map(Float.init),
                                        context: states, editor: editor)
        let loss = Tensor.mseLoss(prediction, Tensor(shape: batch.clean.shape, scalars: target), weights: batch.weights)

        var leaves = concept.editsAttention ? tracked.valueTargets : [:]
        leaves[Self.embeddingKey] = tracked.tokenEmbedding
        for (path, key) in tracked.keyTargets ?? [:] { leaves[Self.keyPrefix + path] = key }
        var gradients: [String: Tensor] = tape.gradients(of: loss, withRespectTo: leaves)
        guard let embeddingGradient = gradients.removeValue(forKey: Self.embeddingKey) else {
            throw InternalError("the token embedding got no gradient")
        }
        var keyGradients: [String: Tensor] = [:]
        for path in (tracked.keyTargets ?? [:]).keys {
            keyGradients[path] = gradients.removeValue(forKey: Self.keyPrefix + path)
        }
        return TrainingEvaluation(loss: loss.scalar, embeddingGradient: embeddingGradient, valueGradients: gradients,
                                  keyGradients: keyGradients, average: average)
    }
}
