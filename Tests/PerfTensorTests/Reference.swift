import Foundation
import PerfTensor

/// A float64 tensor for the naive reference kernels: a shape and row-major values.
struct Ref {
    var shape: [Int]
    var values: [Double]

    init(_ shape: [Int], _ values: [Double]) {
        precondition(shape.reduce(1, *) == values.count)
        self.shape = shape
        self.values = values
    }

    init(_ tensor: Tensor) { self.init(tensor.shape, tensor.scalars.map(Double.init)) }

    static func zeros(_ shape: [Int]) -> Ref { Ref(shape, [Double](repeating: 0, count: shape.reduce(1, *))) }

    var count: Int { values.count }

    /// The engine tensor holding these values (rounded to Float32).
    var tensor: Tensor { Tensor(shape: shape, scalars: values.map(Float.init)) }

    /// Row-major strides of `shape`.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in stride(from: shape.count - 2, through: 0, by: -1) { strides[axis] = strides[axis + 1] * shape[axis + 1] }
        return strides
    }

    /// The multi-index of flat position `flat` in `shape`.
    static func index(_ flat: Int, _ shape: [Int]) -> [Int] {
        var rest = flat
        var index = [Int](repeating: 0, count: shape.count)
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return index
    }

    /// Elementwise f over the NumPy broadcast of `a` and `b`.
    static func broadcast(_ a: Ref, _ b: Ref, _ f: (Double, Double) -> Double) -> Ref {
        let rank = Swift.max(a.shape.count, b.shape.count)
        let sa = [Int](repeating: 1, count: rank - a.shape.count) + a.shape
        let sb = [Int](repeating: 1, count: rank - b.shape.count) + b.shape
        let shape = (0..<rank).map { Swift.max(sa[$0], sb[$0]) }
        let stA = strides(sa), stB = strides(sb)
        var out = zeros(shape)
        for flat in 0..<out.count {
            let index = Ref.index(flat, shape)
            var ia = 0, ib = 0
            for axis in 0..<rank {
                ia += (sa[axis] == 1 ? 0 : index[axis]) * stA[axis]
                ib += (sb[axis] == 1 ? 0 : index[axis]) * stB[axis]
            }
            out.values[flat] = f(a.values[ia], b.values[ib])
        }
        return out
    }

    func map(_ f: (Double) -> Double) -> Ref { Ref(shape, values.map(f)) }

    /// Σ of all values.
    var total: Double { values.reduce(0, +) }

    /// Sum along `axis` (dimension removed).
    func sum(axis: Int) -> Ref {
        var outShape = shape
        outShape.remove(at: axis)
        var out = Ref.zeros(outShape)
        for flat in 0..<count {
            var index = Ref.index(flat, shape)
            index.remove(at: axis)
            out.values[zip(index, Ref.strides(outShape)).reduce(0) { $0 + $1.0 * $1.1 }] += values[flat]
        }
        return out
    }

    /// Max along `axis` (dimension removed).
    func max(axis: Int) -> Ref {
        var outShape = shape
        outShape.remove(at: axis)
        var out = Ref(outShape, [Double](repeating: -.infinity, count: outShape.reduce(1, *)))
        for flat in 0..<count {
            var index = Ref.index(flat, shape)
            index.remove(at: axis)
            let o = zip(index, Ref.strides(outShape)).reduce(0) { $0 + $1.0 * $1.1 }
            out.values[o] = Swift.max(out.values[o], values[flat])
        }
        return out
    }

    /// Axes permuted: result axis i is axis `axes[i]`.
    func permuted(_ axes: [Int]) -> Ref {
        let outShape = axes.map { shape[$0] }
        let st = Ref.strides(shape)
        var out = Ref.zeros(outShape)
        for flat in 0..<count {
            let index = Ref.index(flat, outShape)
            out.values[flat] = values[zip(axes, index).reduce(0) { $0 + st[$1.0] * $1.1 }]
        }
        return out
    }
}

/// Naive float64 kernels: the definitions the engine is checked against.
enum Naive {
    /// op(a)·op(b) with batch axes (equal, or one side a plain matrix).
    static func matmul(_ a: Ref, _ b: Ref, transposeA: Bool = false, transposeB: Bool = false) -> Ref {
        let ta = transposeA ? a.permuted(Array(0..<a.shape.count - 2) + [a.shape.count - 1, a.shape.count - 2]) : a
        let tb = transposeB ? b.permuted(Array(0..<b.shape.count - 2) + [b.shape.count - 1, b.shape.count - 2]) : b
        let m = ta.shape[ta.shape.count - 2], k = ta.shape.last!, n = tb.shape.last!
        let batchShape = ta.shape.count > 2 ? Array(ta.shape.dropLast(2)) : Array(tb.shape.dropLast(2))
        let batch = batchShape.reduce(1, *)
        var out = Ref.zeros(batchShape + [m, n])
        for z in 0..<batch {
            let oa = ta.shape.count > 2 ? z * m * k : 0, ob = tb.shape.count > 2 ? z * k * n : 0
            for i in 0..<m {
                for j in 0..<n {
                    var s = 0.0
                    for l in 0..<k { s += ta.values[oa + i * k + l] * tb.values[ob + l * n + j] }
                    out.values[z * m * n + i * n + j] = s
                }
            }
        }
        return out
    }

    /// x [..., in] · wᵀ + b.
    static func linear(_ x: Ref, _ w: Ref, _ b: Ref?) -> Ref {
        let flat = Ref([x.count / x.shape.last!, x.shape.last!], x.values)
        var y = matmul(flat, w, transposeB: true)
        if let b { y = Ref.broadcast(y, b, +) }
        return Ref(Array(x.shape.dropLast()) + [w.shape[0]], y.values)
    }

    /// PyTorch conv2d (NCHW, OIHW).
    static func conv2d(_ x: Ref, _ w: Ref, _ b: Ref?, stride: (Int, Int), padding: (Int, Int)) -> Ref {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (o, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
        let oh = (h + 2 * padding.0 - kh) / stride.0 + 1, ow = (wd + 2 * padding.1 - kw) / stride.1 + 1
        var y = Ref.zeros([n, o, oh, ow])
        for ni in 0..<n { for oi in 0..<o { for yi in 0..<oh { for xi in 0..<ow {
            var s = b?.values[oi] ?? 0
            for ci in 0..<c { for u in 0..<kh { for v in 0..<kw {
                let ih = yi * stride.0 - padding.0 + u, iw = xi * stride.1 - padding.1 + v
                guard ih >= 0, ih < h, iw >= 0, iw < wd else { continue }
                s += x.values[((ni * c + ci) * h + ih) * wd + iw] * w.values[((oi * c + ci) * kh + u) * kw + v]
            } } }
            y.values[((ni * o + oi) * oh + yi) * ow + xi] = s
        } } } }
        return y
    }

    /// Normalises each of `blocks` consecutive blocks, then applies per-channel weight and bias
    /// (channel of element = (flat / perChannel) % channels).
    static func normalize(_ x: Ref, blocks: Int, channels: Int, perChannel: Int, _ w: Ref?, _ b: Ref?, epsilon: Double) -> Ref {
        let size = x.count / blocks
        var y = x
        for block in 0..<blocks {
            let slice = x.values[block * size ..< (block + 1) * size]
            let mean = slice.reduce(0, +) / Double(size)
            let variance = slice.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(size)
            for i in block * size ..< (block + 1) * size {
                let channel = (i / perChannel) % channels
                y.values[i] = (x.values[i] - mean) / (variance + epsilon).squareRoot() * (w?.values[channel] ?? 1) + (b?.values[channel] ?? 0)
            }
        }
        return y
    }

    static func groupNorm(_ x: Ref, groups: Int, _ w: Ref?, _ b: Ref?, epsilon: Double) -> Ref {
        normalize(x, blocks: x.shape[0] * groups, channels: x.shape[1], perChannel: x.shape[2...].reduce(1, *), w, b, epsilon: epsilon)
    }

    static func layerNorm(_ x: Ref, _ w: Ref?, _ b: Ref?, epsilon: Double) -> Ref {
        normalize(x, blocks: x.count / x.shape.last!, channels: x.shape.last!, perChannel: 1, w, b, epsilon: epsilon)
    }

    /// Softmax over the last axis of each row, `visible(row)` leading entries only (rest 0).
    static func softmax(_ x: Ref, visible: (Int) -> Int = { _ in Int.max }) -> Ref {
        let length = x.shape.last!
        var y = x
        for row in 0..<x.count / length {
            let seen = min(length, visible(row))
            let base = row * length
            let top = x.values[base ..< base + seen].max()!
            let total = x.values[base ..< base + seen].reduce(0) { $0 + exp($1 - top) }
            for j in 0..<length { y.values[base + j] = j < seen ? exp(x.values[base + j] - top) / total : 0 }
        }
        return y
    }

    /// Multi-head attention on [B, T, H·D] layouts, the whole score matrix at once.
    static func attention(_ q: Ref, _ k: Ref, _ v: Ref, heads: Int, causal: Bool, scale: Double? = nil) -> Ref {
        let (b, tq, tk) = (q.shape[0], q.shape[1], k.shape[1])
        let d = q.shape[2] / heads, dv = v.shape[2] / heads
        let s = scale ?? 1 / Double(d).squareRoot()
        var out = Ref.zeros([b, tq, heads * dv])
        for bi in 0..<b { for h in 0..<heads {
            var scores = Ref.zeros([tq, tk])
            for i in 0..<tq { for j in 0..<tk {
                var dot = 0.0
                for l in 0..<d { dot += q.values[(bi * tq + i) * heads * d + h * d + l] * k.values[(bi * tk + j) * heads * d + h * d + l] }
                scores.values[i * tk + j] = s * dot
            } }
            let p = softmax(scores, visible: { causal ? $0 + 1 : Int.max })
            for i in 0..<tq { for l in 0..<dv {
                var acc = 0.0
                for j in 0..<tk { acc += p.values[i * tk + j] * v.values[(bi * tk + j) * heads * dv + h * dv + l] }
                out.values[(bi * tq + i) * heads * dv + h * dv + l] = acc
            } }
        } }
        return out
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
    static func gelu(_ x: Double) -> Double { 0.5 * x * erfc(-x / 2.0.squareRoot()) }

    /// [..., 2n] → a·gelu(gate) with a the first half.
    static func geglu(_ x: Ref) -> Ref {
        let n = x.shape.last! / 2, rows = x.count / (2 * n)
        var y = Ref.zeros(Array(x.shape.dropLast()) + [n])
        for r in 0..<rows { for j in 0..<n { y.values[r * n + j] = x.values[r * 2 * n + j] * gelu(x.values[r * 2 * n + n + j]) } }
        return y
    }

    static func upsample(_ x: Ref, scale: Int) -> Ref {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        var y = Ref.zeros([n, c, h * scale, w * scale])
        for p in 0..<n * c { for i in 0..<h * scale { for j in 0..<w * scale {
            y.values[(p * h * scale + i) * w * scale + j] = x.values[(p * h + i / scale) * w + j / scale]
        } } }
        return y
    }

    static func concat(_ parts: [Ref], axis: Int) -> Ref {
        var shape = parts[0].shape
        shape[axis] = parts.reduce(0) { $0 + $1.shape[axis] }
        var out = Ref.zeros(shape)
        for flat in 0..<out.count {
            var index = Ref.index(flat, shape)
            var part = 0
            while index[axis] >= parts[part].shape[axis] { index[axis] -= parts[part].shape[axis]; part += 1 }
            out.values[flat] = parts[part].values[zip(index, Ref.strides(parts[part].shape)).reduce(0) { $0 + $1.0 * $1.1 }]
        }
        return out
    }

    static func slice(_ x: Ref, axis: Int, _ range: Range<Int>) -> Ref {
        var shape = x.shape
        shape[axis] = range.count
        var out = Ref.zeros(shape)
        for flat in 0..<out.count {
            var index = Ref.index(flat, shape)
            index[axis] += range.lowerBound
            out.values[flat] = x.values[zip(index, Ref.strides(x.shape)).reduce(0) { $0 + $1.0 * $1.1 }]
        }
        return out
    }

    static func embedding(_ table: Ref, _ indices: [Int], _ indexShape: [Int]) -> Ref {
        let d = table.shape[1]
        return Ref(indexShape + [d], indices.flatMap { table.values[$0 * d ..< ($0 + 1) * d] })
    }

    static func mse(_ p: Ref, _ t: Ref, _ w: Ref?) -> Ref {
        let d2 = Ref.broadcast(p, t) { ($0 - $1) * ($0 - $1) }
        let weighted = w.map { Ref.broadcast(d2, $0, *) } ?? d2
        return Ref([], [weighted.total / Double(p.count)])
    }
}
