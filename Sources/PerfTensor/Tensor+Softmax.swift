import Foundation

/// Softmax over the last axis.
extension Tensor {
    /// softmax over the last axis: y = e^(x − max) / Σ e^(x − max), same shape.
    /// Backward: dx = y ∘ (g − Σ_last g∘y).
    public func softmax() -> Tensor {
        precondition(rank >= 1, "softmax: needs rank ≥ 1")
        let length = shape[rank - 1], rows = count / Swift.max(length, 1)
        let y = withPointer { px in
            Tensor.make(shape) { out in
                Parallel.forEach(rows, costPerItem: length * 4) { row in
                    Softmax.row(px + row * length, out.baseAddress! + row * length, length)
                }
            }
        }
        return Tape.record(y, inputs: [self], saving: [y]) { g, saved, _ in
            [g.withPointer { pg in
                saved[0].withPointer { py in
                    Tensor.make(g.shape) { out in
                        Parallel.forEach(rows, costPerItem: length * 2) { row in
                            Softmax.rowBackward(py + row * length, pg + row * length, out.baseAddress! + row * length, length)
                        }
                    }
                }
            }]
        }
    }
}

/// Row kernels shared by `softmax` and attention.
enum Softmax {
    /// y = softmax(x) over `count` elements (x and y may be the same row).
    static func row(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        let (_, sum) = exponentiate(x, y, count)
        let scale = 1 / sum
        var i = 0
        while i < count {
            let n = min(8, count - i)
            VectorMath.store(VectorMath.load(y + i, n) * scale, y + i, n)
            i += 8
        }
    }

    /// y = e^(x − max x) over `count` elements (x and y may be the same row); returns the
    /// max and Σ y, so that softmax = y / sum and log Σ e^x = max + log(sum).
    static func exponentiate(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) -> (max: Float, sum: Float) {
        var top = Vector(repeating: -.infinity)
        var i = 0
        while i + 8 <= count {
            top = VectorMath.maximum(top, VectorMath.load(x + i, 8))
            i += 8
        }
        var m = top.max()
        while i < count {
            m = Swift.max(m, x[i])
            i += 1
        }
        var total = Vector()
        i = 0
        while i < count {
            let n = min(8, count - i)
            var e = VectorMath.exp(VectorMath.load(x + i, n) - m)
            if n < 8 { e = e.replacing(with: 0, where: SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7) .>= Int32(n)) }
            VectorMath.store(e, y + i, n)
            total += e
            i += 8
        }
        return (m, total.sum())
    }

    /// dx = y ∘ (g − Σ g∘y) for one row.
    static func rowBackward(_ y: UnsafePointer<Float>, _ g: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, _ count: Int) {
        var dot = Vector()
        var i = 0
        while i < count {
            let n = min(8, count - i)
            dot += VectorMath.load(y + i, n) * VectorMath.load(g + i, n)
            i += 8
        }
        let d = dot.sum()
        i = 0
        while i < count {
            let n = min(8, count - i)
            VectorMath.store(VectorMath.load(y + i, n) * (VectorMath.load(g + i, n) - d), dx + i, n)
            i += 8
        }
    }
}
