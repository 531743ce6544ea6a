import Foundation
import PerfTensor

/// Trains a base model from scratch (DESIGN §5): the text encoder and the UNet together,
/// AdamW on the denoising loss (`DenoisingObjective`), gradients clipped by global norm,
/// and a moving average of the weights (`WeightAverage`) that becomes the saved model.
///
/// Deterministic: the batches are a function of the step (`BaseTrainingData`), and so are the
/// noise, timesteps and emptied captions (`TrainingDraw`); with the weights, the average and
/// the optimiser's moments saved (`checkpoint()`), a resumed run continues exactly as an
/// uninterrupted one would.
public struct BaseTrainer: Sendable {
    /// The model being trained (its current, not averaged, weights).
    public private(set) var model: BaseModel
    /// The settings.
    public let options: BaseTrainingOptions
    /// The steps taken so far.
    public private(set) var step: Int
    /// The moving average of the weights, named as `BaseModel.flatParameters` names them.
    public private(set) var average: WeightAverage
    /// The loss.
    public let objective: DenoisingObjective
    var parameters: [String: Tensor]
    var optimizer: AdamW
    /// How many parts of a batch (`BaseTrainingOptions.shards`) are differentiated at once,
    /// each on its own thread. Changes the speed, never the result. Run the engine
    /// single-threaded (`PerfTensor.configureThreads(1)`) when this is above 1.
    public var workers = 1

    /// A run starting at `model`'s weights.
    public init(model: BaseModel, options: BaseTrainingOptions) throws {
        try self.init(model: model, options: options, step: 0, average: WeightAverage(model.flatParameters, decay: options.averageDecay),
                      optimizer: AdamW(learningRate: options.learningRate, weightDecay: options.weightDecay))
    }

    /// A run at `step` with the given state (a checkpoint's).
    init(model: BaseModel, options: BaseTrainingOptions, step: Int, average: WeightAverage, optimizer: AdamW) throws {
        try options.check()
        self.model = model
        self.options = options
        self.step = step
        self.average = average
        self.optimizer = optimizer
        parameters = model.flatParameters
        objective = try DenoisingObjective(model)
    }

    /// The model with the averaged weights: what training saves.
    public func averagedModel() throws -> BaseModel {
        try model.replacingWeights(average.values)
    }

    /// The random choices of training step `step` for `batch`.
    public func draw(step: Int, for batch: TrainingBatch) -> TrainingDraw {
        TrainingDraw(seed: options.seed, step: step, batch: batch.captions.count, pixels: batch.pixels.count / batch.captions.count,
                     timesteps: objective.scheduler.config.trainTimesteps, emptyCaptionRate: options.emptyCaptionRate)
    }

    /// One training step on `data`'s batch for the current step; returns the loss before the
    /// update and the gradient norm before clipping.
    @discardableResult
    public mutating func train(on data: any BaseTrainingData) throws -> (loss: Float, gradientNorm: Float) {
        let batch = try data.batch(step: step, size: options.batchSize, seed: options.seed)
        guard batch.captions.count == options.batchSize else {
            throw DiffusionError("training data", .invalidArgument("asked for \(options.batchSize) pictures, got \(batch.captions.count)"))
        }
        return try train(on: batch)
    }

    /// One training step on `batch`; returns the loss before the update and the gradient
    /// norm before clipping. The batch is split into `options.shards` equal parts, each
    /// differentiated on its own tape (on up to `workers` threads at once) and their
    /// gradients averaged in part order, so the result does not depend on `workers`.
    @discardableResult
    public mutating func train(on batch: TrainingBatch) throws -> (loss: Float, gradientNorm: Float) {
        let draw = draw(step: step, for: batch), shards = options.shards
        let names = parameters.keys.sorted()
        let trainer = self
        let parts = try ConcurrentWork.map(count: shards, workers: workers) { part in
            try trainer.lossAndGradients(batch.part(part, of: shards), draw.part(part, of: shards), names)
        }
        let loss = parts.map(\.loss).reduce(0, +) / Float(shards)
        guard loss.isFinite else {
            throw DiffusionError("training", .invalidArgument("the loss became \(loss) at step \(step + 1); lower the learning rate or the gradient norm limit"))
        }
        var gradients: [String: Tensor] = [:]
        for (index, name) in names.enumerated() {
            gradients[name] = parts.dropFirst().reduce(parts[0].gradients[index]) { $0 + $1.gradients[index] } * (1 / Float(shards))
        }
        let norm = clipGradientNorm(&gradients, maxNorm: options.maxGradientNorm)
        optimizer.update(&parameters, gradients: gradients)
        average.update(parameters)
        model = try model.replacingWeights(parameters)
        step += 1
        return (loss, norm)
    }

    /// The loss of one part of a batch and its gradients with respect to the parameters `names`, in order.
    private func lossAndGradients(_ batch: TrainingBatch, _ draw: TrainingDraw, _ names: [String]) throws -> (loss: Float, gradients: [Tensor]) {
        let tape = Tape()
        let watched = tape.watch(parameters)
        let loss = try objective.loss(watched, batch: batch, draw: draw)
        return (loss.scalar, tape.gradients(of: loss, withRespectTo: names.map { watched[$0]! }))
    }
}
