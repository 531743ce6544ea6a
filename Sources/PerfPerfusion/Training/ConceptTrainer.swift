import Foundation
import PerfDiagnostics
import PerfDiffusion
import PerfTensor

/// Trains one concept on a frozen base model (DESIGN §1, §4 `perf train`; Tewel et al. 2023, §4):
/// the concept token's word embedding and every cross-attention layer's value target o*_V
/// learn with AdamW from the denoising loss (weighted by masks when given); the keys stay
/// locked to the superclass (o*_K = W_K · i_super); the target input i* is an exponential
/// moving average of the encoder's output at the token, fed forward as its average while
/// gradients pass straight through to the current output; the training gate is β = 0.75,
/// τ = 0.1. Deterministic for a seed and a thread count.
public struct ConceptTrainer {
    /// What to train and how.
    public struct Settings: Sendable {
        /// The concept's token in prompts (not a word of the base's vocabulary).
        public var token: String
        /// The superclass word the keys are locked to.
        public var superclass: String
        /// Optimiser steps.
        public var steps: Int = 400
        /// Pictures per step.
        public var batchSize: Int = 4
        /// AdamW learning rate of the token embedding.
        public var embeddingLearningRate: Float
        /// AdamW learning rate of the value targets.
        public var valueLearningRate: Float
        /// Decay of the target input's moving average.
        public var targetInputDecay: Float = 0.99
        /// Global gradient-norm cap per parameter group (diffusers' `max_grad_norm`).
        public var maxGradientNorm: Float = 1
        /// Key locking.
        public var locking: KeyLocking = .local
        /// The captions (`{}` is the token), already filtered for the base's vocabulary.
        public var templates: [String]
        /// Whether pictures are mirrored at random (off for pictures whose left and right
        /// matter: a caption that says "on the left", a look that differs from its mirror).
        public var mirror = true
        /// Seeds picture, flip, caption, timestep and noise choices.
        public var seed: UInt64 = 0
        /// What is learned: Perfusion (the default) or a comparison (`ConceptVariant`).
        public var variant: ConceptVariant = .perfusion

        /// Settings for `token` of `superclass` with learning rates scaled to `model`
        /// (`defaultLearningRates`) and the templates its tokenizer can read.
        public init(token: String, superclass: String, model: StableDiffusion) {
            self.token = token
            self.superclass = superclass
            (embeddingLearningRate, valueLearningRate) = Self.defaultLearningRates(model)
            templates = PromptTemplates.usable(tokenizer: model.tokenizer)
        }

        /// The paper's rates for Stable Diffusion scale (text width 768: 0.006 embedding, 0.03
        /// values); smaller text encoders get 0.002 and 0.003, with which DESIGN §5 measured the
        /// value targets staying near their initial norm (the paper's rates blew them up 3–10×).
        public static func defaultLearningRates(_ model: StableDiffusion) -> (embedding: Float, values: Float) {
            model.textEncoder.config.hiddenSize >= 512 ? (0.006, 0.03) : (0.002, 0.003)
        }
    }

    /// One step's outcome.
    public struct StepReport: Sendable {
        /// Steps done.
        public let step: Int
        /// The step's loss.
        public let loss: Float
    }

    /// The frozen base model.
    public let model: StableDiffusion
    /// The base's text statistics.
    public let inverseCovariance: InverseCovariance
    /// The pictures.
    public let pictures: TrainingSet
    /// The settings.
    public let settings: Settings
    /// The concept as trained so far (untracked tensors; gate: the training gate).
    public private(set) var concept: Concept
    /// Steps done.
    public private(set) var step = 0

    private var random: SeededRandom
    private var embeddingOptimizer: AdamW
    private var valueOptimizer: AdamW
    private var keyOptimizer: AdamW
    private var averageInput: Tensor?
    /// The base's training noise schedule (ε or v targets).
    let scheduler: DDPMScheduler

    /// A trainer starting from the superclass: the token's embedding is the superclass word's,
    /// i_super is the encoder's output at the superclass word in "a {superclass}", every o*_V
    /// starts at W_V · i_super.
    public init(model: StableDiffusion, inverseCovariance: InverseCovariance, pictures: TrainingSet, settings: Settings) throws {
        guard settings.steps >= 1, settings.batchSize >= 1, !settings.templates.isEmpty else {
            throw PerfusionError("training", .invalidArgument("steps, batch size and templates must be positive"))
        }
        let tokenizer = model.tokenizer
        // The superclass must be one word the vocabulary holds whole: its state is i_super.
        guard let superID = tokenizer.id(of: settings.superclass.lowercased() + "</w>") else {
            throw PerfusionError("training", .invalidArgument("the base's tokenizer has no word \"\(settings.superclass)\" (it would split it "
                                                              + "into pieces); name the superclass with a word of its vocabulary"))
        }
        let ids = tokenizer.encode("a \(settings.superclass)")
        guard let position = ids.lastIndex(of: superID) else { throw InternalError("the superclass token vanished from its own prompt") }
        let states = try model.textEncoder([ids])
        let width = model.textEncoder.config.hiddenSize
        let superclassInput = states.reshaped([ids.count, width]).slice(axis: 0, position ..< position + 1).reshaped([width]).detached()
        let embedding = model.textEncoder.tokenEmbeddingTable.slice(axis: 0, superID ..< superID + 1).reshaped([width]).detached()
        concept = try Concept.initial(token: settings.token, superclass: settings.superclass, tokenEmbedding: embedding,
                                      superclassInput: superclassInput, unet: model.unet, gate: .training, locking: settings.locking)
        switch settings.variant {
        case .perfusion: break
        case .embeddingOnly: concept.editsAttention = false
        case .unlockedKeys: concept.keyTargets = try Concept.lockedKeyTargets(superclassInput, unet: model.unet)
        }
        self.model = model
        self.inverseCovariance = inverseCovariance
        self.pictures = pictures
        self.settings = settings
        random = SeededRandom(seed: settings.seed)
        embeddingOptimizer = AdamW(learningRate: settings.embeddingLearningRate, weightDecay: 0)
        valueOptimizer = AdamW(learningRate: settings.valueLearningRate, weightDecay: 0)
        keyOptimizer = AdamW(learningRate: settings.valueLearningRate, weightDecay: 0)
        scheduler = DDPMScheduler(model.schedulerConfig)
    }

    /// Runs one optimiser step and returns its loss.
    @discardableResult
    public mutating func train() throws -> StepReport {
        try train(on: drawBatch())
    }

    /// Runs one optimiser step on `batch` (a drawn one; tests reuse one to overfit it).
    @discardableResult
    public mutating func train(on batch: ConceptBatch) throws -> StepReport {
        let evaluation = try evaluate(batch, concept: concept, previousAverage: averageInput)
        var gradients = evaluation.valueGradients
        var embeddingGradient = [Self.embeddingKey: evaluation.embeddingGradient]
        _ = clipGradientNorm(&embeddingGradient, maxNorm: settings.maxGradientNorm)
        _ = clipGradientNorm(&gradients, maxNorm: settings.maxGradientNorm)
        var embedding = [Self.embeddingKey: concept.tokenEmbedding]
        embeddingOptimizer.update(&embedding, gradients: embeddingGradient)
        if concept.editsAttention {
            var values = concept.valueTargets
            valueOptimizer.update(&values, gradients: gradients)
            concept.valueTargets = values.mapValues { $0.detached() }
        }
        if var keys = concept.keyTargets {
            var keyGradients = evaluation.keyGradients
            _ = clipGradientNorm(&keyGradients, maxNorm: settings.maxGradientNorm)
            keyOptimizer.update(&keys, gradients: keyGradients)
            concept.keyTargets = keys.mapValues { $0.detached() }
        }
        concept.tokenEmbedding = embedding[Self.embeddingKey]!.detached()
        concept.targetInput = evaluation.average
        averageInput = evaluation.average
        step += 1
        return StepReport(step: step, loss: evaluation.loss)
    }

    /// Draws the next batch: pictures (with replacement), flips, captions (the picture's own,
    /// else a template), timesteps and noise.
    public mutating func drawBatch() -> ConceptBatch {
        let count = settings.batchSize
        var samples: [Tensor] = [], weights: [Tensor] = [], captions: [String] = []
        for _ in 0..<count {
            let item = pictures.items[Int.random(in: 0..<pictures.items.count, using: &random)]
            // Every choice is drawn whatever the settings, so one setting changes only its own.
            let flip = Bool.random(using: &random) && settings.mirror ? 1 : 0
            samples.append(item.samples[flip])
            if let itemWeights = item.weights { weights.append(itemWeights[flip]) }
            let template = settings.templates[Int.random(in: 0..<settings.templates.count, using: &random)]
            captions.append(PromptTemplates.caption(item.caption ?? template, token: settings.token))
        }
        let clean = Tensor.concat(samples, axis: 0)
        let trainSteps = model.schedulerConfig.trainTimesteps
        let timesteps = (0..<count).map { _ in Int.random(in: 0..<trainSteps, using: &random) }
        return ConceptBatch(clean: clean, weights: weights.isEmpty ? nil : Tensor.concat(weights, axis: 0), captions: captions,
                             timesteps: timesteps, noise: Tensor.randomNormal(clean.shape, using: &random))
    }

    /// The trained concept with the inference gate (β 0.7, τ 0.15), ready to save.
    public var result: Concept {
        var trained = concept
        trained.gate = .inference
        return trained
    }

    static let embeddingKey = "token_embedding"
    /// Prefixes key-target gradients among the value targets' (module paths never start with it).
    static let keyPrefix = "key:"
}
