import PerfTensor

/// One row of the kernel table: an op at one layer shape, its useful work, and the raw
/// sgemm calls that do the same matrix products (nil for memory-bound ops).
struct KernelCase {
    let model: String
    let name: String
    let shape: String
    /// Floating-point operations of the products (2·m·n·k summed), or 0 for memory-bound ops.
    let flops: Double
    /// Bytes read and written once, for memory-bound ops.
    let bytes: Double
    /// Builds the inputs and returns the op and its baseline (built lazily: SD shapes are large).
    let prepare: () -> (op: () -> Void, baseline: (() -> Void)?)

    /// Measured throughput of one case.
    struct Result {
        let kernel: KernelCase
        let seconds: Double
        let baselineSeconds: Double?
    }

    func measure(_ stopwatch: Stopwatch, rounds: Int, budget: Double) -> Result {
        let (op, baseline) = prepare()
        let (seconds, base) = stopwatch.compare(rounds: rounds, budget: budget, op, baseline: baseline)
        return Result(kernel: self, seconds: seconds, baselineSeconds: base)
    }
}

extension KernelCase {
    /// conv2d forward (and optionally forward + backward with every gradient) against sgemm
    /// of the same products: [O, K]·[K, N·P] forward; [O, N·P]·[N·P, K] and [K, O]·[O, N·P] backward.
    static func conv(_ model: String, batch: Int, channels: Int, out: Int, size: Int, kernel: Int = 3, stride: Int = 1,
                     backward: Bool = false) -> KernelCase {
        let padding = kernel / 2
        let outSize = (size + 2 * padding - kernel) / stride + 1
        let k = channels * kernel * kernel, columns = batch * outSize * outSize
        let products = backward ? [(out, columns, k), (out, k, columns), (k, columns, out)] : [(out, columns, k)]
        return KernelCase(
            model: model, name: "conv \(kernel)×\(kernel)\(stride > 1 ? " /\(stride)" : "") \(channels)→\(out)\(backward ? " fwd+bwd" : "")",
            shape: "\(batch)×\(channels)×\(size)×\(size)", flops: products.reduce(0) { $0 + 2 * Double($1.0 * $1.1 * $1.2) }, bytes: 0
        ) {
            var random = SeededRandom(seed: 1)
            let x = Tensor.randomNormal([batch, channels, size, size], using: &random)
            let w = Tensor.randomNormal([out, channels, kernel, kernel], standardDeviation: 0.05, using: &random)
            let b = Tensor.zeros([out])
            let baselines = products.map { RawSGEMM(m: $0.0, n: $0.1, k: $0.2) }
            let op: () -> Void
            if backward {
                op = {
                    let tape = Tape()
                    let (xt, wt, bt) = (tape.watch(x), tape.watch(w), tape.watch(b))
                    let y = xt.conv2d(weight: wt, bias: bt, stride: stride, padding: padding)
                    _ = tape.gradients(of: y, withRespectTo: [xt, wt, bt], seed: y.detached())
                }
            } else {
                op = { _ = x.conv2d(weight: w, bias: b, stride: stride, padding: padding) }
            }
            return (op, { baselines.forEach { $0.run() } })
        }
    }

    /// linear x [rows, in] · Wᵀ + b against sgemm [rows, in]·[in, out] (and the two backward products).
    static func linear(_ model: String, _ label: String, rows: Int, inputs: Int, outputs: Int, backward: Bool = false) -> KernelCase {
        let products: [(Int, Int, Int, Bool)] = backward
            ? [(rows, outputs, inputs, true), (rows, inputs, outputs, false), (outputs, inputs, rows, false)]
            : [(rows, outputs, inputs, true)]
        return KernelCase(
            model: model, name: "linear \(label) \(inputs)→\(outputs)\(backward ? " fwd+bwd" : "")", shape: "\(rows)×\(inputs)",
            flops: products.reduce(0) { $0 + 2 * Double($1.0 * $1.1 * $1.2) }, bytes: 0
        ) {
            var random = SeededRandom(seed: 2)
            let x = Tensor.randomNormal([rows, inputs], using: &random)
            let w = Tensor.randomNormal([outputs, inputs], standardDeviation: 0.05, using: &random)
            let b = Tensor.zeros([outputs])
            let baselines = products.map { RawSGEMM(m: $0.0, n: $0.1, k: $0.2, transB: $0.3) }
            let op: () -> Void
            if backward {
                op = {
                    let tape = Tape()
                    let (xt, wt, bt) = (tape.watch(x), tape.watch(w), tape.watch(b))
                    let y = xt.linear(weight: wt, bias: bt)
                    _ = tape.gradients(of: y, withRespectTo: [xt, wt, bt], seed: y.detached())
                }
            } else {
                op = { _ = x.linear(weight: w, bias: b) }
            }
            return (op, { baselines.forEach { $0.run() } })
        }
    }

    /// Batched matmul [B, m, k]·[B, k, n] against B raw sgemm calls.
    static func matmul(_ model: String, _ label: String, batch: Int, m: Int, k: Int, n: Int) -> KernelCase {
        KernelCase(model: model, name: "matmul \(label)", shape: "\(batch)×\(m)×\(k)·\(k)×\(n)",
                   flops: 2 * Double(batch * m * n * k), bytes: 0) {
            var random = SeededRandom(seed: 3)
            let a = Tensor.randomNormal([batch, m, k], using: &random), b = Tensor.randomNormal([batch, k, n], using: &random)
            let raw = RawSGEMM(m: m, n: n, k: k)
            return ({ _ = a.matmul(b) }, { for _ in 0..<batch { raw.run() } })
        }
    }

    /// Attention forward against raw sgemm of Q·Kᵀ and P·V for every (batch, head).
    static func attention(_ model: String, _ label: String, batch: Int, heads: Int, queries: Int, keys: Int, dim: Int,
                          causal: Bool = false) -> KernelCase {
        let flops = 2 * Double(batch * heads * queries * keys * dim) * 2
        return KernelCase(model: model, name: "attention \(label)", shape: "\(batch)×\(heads)h×\(queries)q×\(keys)k×\(dim)d",
                          flops: flops, bytes: 0) {
            var random = SeededRandom(seed: 4)
            let q = Tensor.randomNormal([batch, queries, heads * dim], using: &random)
            let k = Tensor.randomNormal([batch, keys, heads * dim], using: &random)
            let v = Tensor.randomNormal([batch, keys, heads * dim], using: &random)
            let scores = RawSGEMM(m: queries, n: keys, k: dim, transB: true), mix = RawSGEMM(m: queries, n: dim, k: keys)
            return ({ _ = Tensor.attention(query: q, key: k, value: v, heads: heads, causal: causal) },
                    { for _ in 0..<batch * heads { scores.run(); mix.run() } })
        }
    }

    /// A memory-bound op on `shape`, moving `passes` tensors of that size.
    static func pointwise(_ model: String, _ name: String, _ shape: [Int], passes: Int = 2, _ op: @escaping (Tensor) -> Tensor) -> KernelCase {
        KernelCase(model: model, name: name, shape: shape.map(String.init).joined(separator: "×"), flops: 0,
                   bytes: Double(shape.reduce(1, *) * 4 * passes)) {
            var random = SeededRandom(seed: 5)
            let x = Tensor.randomNormal(shape, using: &random)
            return ({ _ = op(x) }, nil)
        }
    }
}
