import Foundation

/// Where a training run stands, reported after every step.
public struct TrainingProgress: Sendable {
    /// Steps done.
    public let step: Int
    /// Steps the run goes to.
    public let totalSteps: Int
    /// This step's loss.
    public let loss: Float
    /// An exponential moving average of the loss (decay 0.98), steadier to read.
    public let smoothedLoss: Float
    /// This step's gradient norm before clipping.
    public let gradientNorm: Float
    /// Steps per second since the run (or its resumption) started.
    public let stepsPerSecond: Double
    /// Whether a checkpoint was written after this step.
    public let checkpointed: Bool
}

extension BaseTrainer {
    /// Trains on `data` until `totalSteps` steps are done, writing a checkpoint to
    /// `checkpoint` every `checkpointEvery` steps and after the last one (when both are
    /// given), and reporting after every step.
    public mutating func run(on data: any BaseTrainingData, until totalSteps: Int, checkpointEvery: Int? = nil,
                             checkpoint: URL? = nil, progress: (TrainingProgress) -> Void = { _ in }) throws {
        if let checkpointEvery, checkpointEvery < 1 {
            throw DiffusionError("training", .invalidArgument("a checkpoint every \(checkpointEvery) steps; use at least 1"))
        }
        let start = Date(), first = step
        var smoothed: Float?
        while step < totalSteps {
            let (loss, norm) = try train(on: data)
            smoothed = smoothed.map { 0.98 * $0 + 0.02 * loss } ?? loss
            var saved = false
            if let checkpoint, let checkpointEvery, step % checkpointEvery == 0 || step == totalSteps {
                try saveCheckpoint(to: checkpoint)
                saved = true
            }
            let seconds = Date().timeIntervalSince(start)
            progress(TrainingProgress(step: step, totalSteps: totalSteps, loss: loss, smoothedLoss: smoothed ?? loss,
                                      gradientNorm: norm, stepsPerSecond: Double(step - first) / max(seconds, 1e-9),
                                      checkpointed: saved))
        }
    }
}
