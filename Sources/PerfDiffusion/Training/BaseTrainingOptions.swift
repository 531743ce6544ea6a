/// The settings of a base model's training run (DESIGN §5's measured recipe by default:
/// batch 64, AdamW at lr 10⁻³, an exponential moving average of the weights with decay
/// 0.999, 10% empty captions, gradients clipped to norm 1).
public struct BaseTrainingOptions: Sendable, Equatable, Codable {
    /// Pictures per step.
    public var batchSize = 64
    /// AdamW's step size.
    public var learningRate: Float = 1e-3
    /// AdamW's decoupled weight decay.
    public var weightDecay: Float = 0.01
    /// The decay of the weights' moving average (the saved model), reached after warm-up.
    public var averageDecay: Float = 0.999
    /// The fraction of captions replaced by the empty caption, for classifier-free guidance.
    public var emptyCaptionRate = 0.1
    /// The global gradient norm above which gradients are scaled down.
    public var maxGradientNorm: Float = 1
    /// Seeds the batches and the noise (the initial weights take their own seed).
    public var seed: UInt64 = 0
    /// Equal parts a batch is split into, each differentiated on its own and the gradients
    /// averaged (the same gradient up to rounding); parts run side by side on separate
    /// threads (`BaseTrainer.workers`). Part of the run's arithmetic, so saved with it: a run
    /// gives the same weights whatever the number of threads.
    public var shards = 2

    /// §5's settings.
    public init() {}

    /// Throws unless every setting is usable.
    public func check() throws {
        let problems = [
            batchSize < 1 ? "a batch of \(batchSize) pictures (use at least 1)" : nil,
            shards < 1 || batchSize % max(shards, 1) != 0
                ? "a batch of \(batchSize) pictures in \(shards) parts (use a part count that divides the batch)" : nil,
            !(learningRate > 0 && learningRate.isFinite) ? "learning rate \(learningRate) (use a positive number)" : nil,
            !(weightDecay >= 0 && weightDecay.isFinite) ? "weight decay \(weightDecay) (use 0 or more)" : nil,
            !(averageDecay >= 0 && averageDecay < 1) ? "average decay \(averageDecay) (use 0 ≤ decay < 1)" : nil,
            !(emptyCaptionRate >= 0 && emptyCaptionRate <= 1) ? "empty-caption rate \(emptyCaptionRate) (use 0 to 1)" : nil,
            !(maxGradientNorm > 0) ? "gradient norm limit \(maxGradientNorm) (use a positive number)" : nil,
        ].compactMap { $0 }
        if let problem = problems.first {
            throw DiffusionError("training options", .invalidArgument("cannot train with \(problem)"))
        }
    }
}
