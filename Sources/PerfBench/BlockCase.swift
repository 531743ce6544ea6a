import PerfTensor

/// Forward and forward + backward of a UNet res + attention block at one model's shapes.
struct BlockCase {
    let model: String
    let batch: Int, channels: Int, size: Int, heads: Int, groups: Int
    let textTokens: Int, textWidth: Int, timeWidth: Int

    /// How the block is run.
    enum Mode: String, CaseIterable {
        case forward = "forward (inference)"
        case training = "fwd+bwd, all weights trained"
        case frozen = "fwd+bwd, weights frozen (input grads)"
    }

    struct Result {
        let mode: Mode
        let seconds: Double
        let peakBytes: Int
        let savedBytes: Int
        let flops: Double
    }

    /// Forward FLOPs of the matrix products (2·m·n·k), as counted for GFLOP/s.
    var forwardFlops: Double {
        let tokens = Double(batch * size * size), c = Double(channels), positions = Double(size * size)
        let convs = 2 * 2 * c * 9 * c * tokens
        let projections = (2 + 4 + 2) * 2 * tokens * c * c + 2 * 2 * Double(batch * textTokens * textWidth) * c
        let attention = 2 * 2 * Double(batch) * positions * (positions + Double(textTokens)) * c
        let feedForward = 24 * tokens * c * c
        return convs + projections + attention + feedForward
    }

    func run(_ stopwatch: Stopwatch, rounds: Int, budget: Double) -> [Result] {
        let res = Blocks.resnetWeights(channels: channels, timeWidth: timeWidth).tensors
        let attention = Blocks.transformerWeights(channels: channels, textWidth: textWidth).tensors
        var random = SeededRandom(seed: 12)
        let x = Tensor.randomNormal([batch, channels, size, size], using: &random)
        let time = Tensor.randomNormal([batch, timeWidth], using: &random)
        let text = Tensor.randomNormal([batch, textTokens, textWidth], using: &random)
        let target = Tensor.randomNormal([batch, channels, size, size], using: &random)
        let (heads, groups) = (self.heads, self.groups)

        func step(_ mode: Mode) -> Int {
            guard mode != .forward else {
                _ = Blocks.transformer(Blocks.resnet(x, time: time, res, groups: groups), text: text, attention, heads: heads, groups: groups)
                return 0
            }
            let tape = Tape()
            let (xt, textT) = (tape.watch(x), tape.watch(text))
            let resW = mode == .training ? tape.watch(res) : res, attW = mode == .training ? tape.watch(attention) : attention
            let y = Blocks.transformer(Blocks.resnet(xt, time: time, resW, groups: groups), text: textT, attW, heads: heads, groups: groups)
            let loss = Tensor.mseLoss(y, target)
            let saved = tape.savedByteCount
            let leaves = [xt, textT] + (mode == .training ? Array(resW.values) + Array(attW.values) : [])
            _ = tape.gradients(of: loss, withRespectTo: leaves)
            return saved
        }

        return Mode.allCases.map { mode in
            let (saved, peak) = PeakMemory.measure { step(mode) }
            let (seconds, _) = stopwatch.compare(rounds: rounds, budget: budget, { _ = step(mode) }, baseline: nil)
            let flops = forwardFlops * (mode == .forward ? 1 : mode == .training ? 3 : 2)
            return Result(mode: mode, seconds: seconds, peakBytes: peak, savedBytes: saved, flops: flops)
        }
    }
}
