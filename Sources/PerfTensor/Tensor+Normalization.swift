import Foundation

/// Group norm and layer norm: normalise, then scale and shift per channel.
extension Tensor {
    /// Group normalisation: x [N, C, *] with C split into `groups` groups; each (n, group)
    /// block is normalised to mean 0 and variance 1 (biased), then y = x̂·weight[c] + bias[c]
    /// (weight, bias [C], optional). Backward, per block of size M:
    /// dx = rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂∘x̂)) with dx̂ = g·weight[c];
    /// dweight[c] = Σ g∘x̂, dbias[c] = Σ g.
    public func groupNorm(groups: Int, weight: Tensor? = nil, bias: Tensor? = nil, epsilon: Float = 1e-5) -> Tensor {
        precondition(rank >= 2 && groups > 0 && shape[1] % groups == 0, "groupNorm: \(groups) groups do not divide the channels of \(shape)")
        let channels = shape[1]
        let spatial = shape[2...].reduce(1, *)
        let stats = Normalization.statistics(self, blocks: shape[0] * groups, epsilon: epsilon)
        let y = Normalization.affine(self, stats: stats, channels: channels, perChannel: spatial,
                                     channelsPerBlock: channels / groups, weight: weight, bias: bias)
        let operands = [self] + [weight, bias].compactMap { $0 }
        return Tape.record(y, inputs: operands, saving: [self, weight]) { g, saved, needs in
            Normalization.backward(g, x: saved[0], stats: stats, channels: channels, perChannel: spatial,
                                   channelsPerBlock: channels / groups, weight: weight == nil ? nil : saved[1],
                                   needs: needs, hasBias: bias != nil)
        }
    }

    /// Layer normalisation over the last axis: x [..., D] → (x − mean)/√(var + ε)·weight + bias
    /// (weight, bias [D], optional). Backward as for group norm with one group per row.
    public func layerNorm(weight: Tensor? = nil, bias: Tensor? = nil, epsilon: Float = 1e-5) -> Tensor {
        precondition(rank >= 1, "layerNorm: needs rank ≥ 1")
        let width = shape[rank - 1]
        let stats = Normalization.statistics(self, blocks: count / Swift.max(width, 1), epsilon: epsilon)
        // Per row, every element is its own "channel" with one position.
        let y = Normalization.affine(self, stats: stats, channels: width, perChannel: 1, channelsPerBlock: width,
                                     weight: weight, bias: bias)
        let operands = [self] + [weight, bias].compactMap { $0 }
        return Tape.record(y, inputs: operands, saving: [self, weight]) { g, saved, needs in
            Normalization.backward(g, x: saved[0], stats: stats, channels: width, perChannel: 1,
                                   channelsPerBlock: width, weight: weight == nil ? nil : saved[1],
                                   needs: needs, hasBias: bias != nil)
        }
    }
}

/// The kernels behind both norms. The data is a sequence of blocks (one per sample and
/// group, or per row); block b holds `channelsPerBlock` channels of `perChannel` values each,
/// and its channels are `(b % (channels / channelsPerBlock)) * channelsPerBlock ...`.
enum Normalization {
    /// Per block mean and 1/√(var + ε).
    struct Statistics: Sendable {
        let mean: [Float]
        let rstd: [Float]
    }

    static func statistics(_ x: Tensor, blocks: Int, epsilon: Float) -> Statistics {
        let size = x.count / Swift.max(blocks, 1)
        var mean = [Float](repeating: 0, count: blocks), rstd = mean
        x.withPointer { px in
            mean.withUnsafeMutableBufferPointer { pm in
                rstd.withUnsafeMutableBufferPointer { pr in
                    Parallel.forEach(blocks, costPerItem: size * 2) { b in
                        let p = px + b * size
                        let mu = Float(Elementwise.sum(p, size) / Double(Swift.max(size, 1)))
                        let variance = Elementwise.sum(p, size) { ($0 - mu) * ($0 - mu) } / Double(Swift.max(size, 1))
                        pm[b] = mu
                        pr[b] = Float(1 / (variance + Double(epsilon)).squareRoot())
                    }
                }
            }
        }
        return Statistics(mean: mean, rstd: rstd)
    }

    /// y = (x − mean)·rstd·weight[c] + bias[c].
    static func affine(_ x: Tensor, stats: Statistics, channels: Int, perChannel: Int, channelsPerBlock: Int,
                       weight: Tensor?, bias: Tensor?) -> Tensor {
        let blocks = stats.mean.count, size = channelsPerBlock * perChannel
        let groups = channels / channelsPerBlock
        for p in [weight, bias].compactMap({ $0 }) {
            precondition(p.shape == [channels], "norm: weight/bias shape \(p.shape) ≠ [\(channels)]")
        }
        let w = weight?.scalars ?? [Float](repeating: 1, count: channels)
        let b = bias?.scalars ?? [Float](repeating: 0, count: channels)
        return x.withPointer { px in
            Tensor.make(x.shape) { out in
                Parallel.forEach(blocks, costPerItem: size) { block in
                    let mu = stats.mean[block], r = stats.rstd[block]
                    let first = (block % groups) * channelsPerBlock
                    if perChannel == 1 {
                        let xs = px + block * size, ys = out.baseAddress! + block * size
                        for c in 0..<size { ys[c] = (xs[c] - mu) * r * w[first + c] + b[first + c] }
                        return
                    }
                    for c in 0..<channelsPerBlock {
                        let scale = r * w[first + c], shift = b[first + c] - mu * scale
                        let offset = block * size + c * perChannel
                        let xs = px + offset, ys = out.baseAddress! + offset
                        var i = 0
                        while i < perChannel {
                            let n = min(8, perChannel - i)
                            VectorMath.store(VectorMath.load(xs + i, n) * scale + shift, ys + i, n)
                            i += 8
                        }
                    }
                }
            }
        }
    }

    /// [dx, dweight?, dbias?] for `needs` = [x, weight?, bias?].
    static func backward(_ g: Tensor, x: Tensor, stats: Statistics, channels: Int, perChannel: Int, channelsPerBlock: Int,
                         weight: Tensor?, needs: [Bool], hasBias: Bool) -> [Tensor?] {
        let blocks = stats.mean.count, size = channelsPerBlock * perChannel
        let groups = channels / channelsPerBlock
        let w = weight?.scalars ?? [Float](repeating: 1, count: channels)
        let needsX = needs[0], needsW = weight != nil && needs[1], needsB = hasBias && needs[needs.count - 1]
        // Per block and channel: Σ g∘x̂ and Σ g (summed over blocks into dweight, dbias).
        var partialW = [Float](repeating: 0, count: blocks * channelsPerBlock), partialB = partialW
        let dx = x.withPointer { px in
            g.withPointer { pg in
                partialW.withUnsafeMutableBufferPointer { pw in
                    partialB.withUnsafeMutableBufferPointer { pb in
                        Tensor.make(needsX ? x.shape : [0]) { out in
                            Parallel.forEach(blocks, costPerItem: size * 3) { block in
                                let mu = stats.mean[block], r = stats.rstd[block]
                                let first = (block % groups) * channelsPerBlock
                                var sumD = 0.0, sumDX = 0.0
                                for c in 0..<channelsPerBlock {
                                    let offset = block * size + c * perChannel
                                    var gx = 0.0, gs = 0.0
                                    for i in 0..<perChannel {
                                        let xhat = (px[offset + i] - mu) * r, gi = pg[offset + i]
                                        gx += Double(gi * xhat)
                                        gs += Double(gi)
                                    }
                                    pw[block * channelsPerBlock + c] = Float(gx)
                                    pb[block * channelsPerBlock + c] = Float(gs)
                                    sumD += gs * Double(w[first + c])
                                    sumDX += gx * Double(w[first + c])
                                }
                                guard needsX else { return }
                                let meanD = Float(sumD / Double(size)), meanDX = Float(sumDX / Double(size))
                                for c in 0..<channelsPerBlock {
                                    let offset = block * size + c * perChannel, wc = w[first + c]
                                    for i in 0..<perChannel {
                                        let xhat = (px[offset + i] - mu) * r
                                        out[offset + i] = r * (pg[offset + i] * wc - meanD - xhat * meanDX)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        func reduce(_ partial: [Float]) -> Tensor {
            var total = [Float](repeating: 0, count: channels)
            for block in 0..<blocks {
                let first = (block % groups) * channelsPerBlock
                for c in 0..<channelsPerBlock { total[first + c] += partial[block * channelsPerBlock + c] }
            }
            return Tensor(shape: [channels], scalars: total)
        }
        var result: [Tensor?] = [needsX ? dx : nil]
        if weight != nil { result.append(needsW ? reduce(partialW) : nil) }
        if hasBias { result.append(needsB ? reduce(partialB) : nil) }
        return result
    }
}
