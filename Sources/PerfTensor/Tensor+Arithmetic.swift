/// Elementwise arithmetic with NumPy broadcasting; each forward beside its backward.
extension Tensor {
    /// a + b, broadcast. Backward: da = Σ_broadcast g, db = Σ_broadcast g.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let y = broadcasting(a, b, +)
        return Tape.record(y, inputs: [a, b]) { g, _, _ in
            [g.summed(toShape: a.shape), g.summed(toShape: b.shape)]
        }
    }

    /// a − b, broadcast. Backward: da = Σ g, db = −Σ g.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let y = broadcasting(a, b, -)
        return Tape.record(y, inputs: [a, b]) { g, _, needs in
            [g.summed(toShape: a.shape), needs[1] ? g.summed(toShape: b.shape).scaled(by: -1) : nil]
        }
    }

    /// a ∘ b, broadcast. Backward: da = Σ g∘b, db = Σ g∘a.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let y = broadcasting(a, b, *)
        return Tape.record(y, inputs: [a, b], saving: [b.isTracked ? a : nil, a.isTracked ? b : nil]) { g, saved, needs in
            [needs[0] ? broadcasting(g, saved[1], *).summed(toShape: a.shape) : nil,
             needs[1] ? broadcasting(g, saved[0], *).summed(toShape: b.shape) : nil]
        }
    }

    /// a / b, broadcast. Backward: da = Σ g/b, db = −Σ g∘a/b².
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let y = broadcasting(a, b, /)
        return Tape.record(y, inputs: [a, b], saving: [b.isTracked ? a : nil, b]) { g, saved, needs in
            let quotient = broadcasting(g, saved[1], /)
            return [needs[0] ? quotient.summed(toShape: a.shape) : nil,
                    needs[1] ? broadcasting(broadcasting(quotient, saved[0], *), saved[1], /).summed(toShape: b.shape).scaled(by: -1) : nil]
        }
    }

    /// x · s. Backward: dx = g · s.
    public static func * (x: Tensor, s: Float) -> Tensor {
        Tape.record(x.scaled(by: s), inputs: [x]) { g, _, _ in [g.scaled(by: s)] }
    }

    /// s · x.
    public static func * (s: Float, x: Tensor) -> Tensor { x * s }

    /// x / s.
    public static func / (x: Tensor, s: Float) -> Tensor { x * (1 / s) }

    /// x + s. Backward: dx = g.
    public static func + (x: Tensor, s: Float) -> Tensor {
        let y = Elementwise.map(x) { $0 + s }
        return Tape.record(y, inputs: [x]) { g, _, _ in [g] }
    }

    /// x − s.
    public static func - (x: Tensor, s: Float) -> Tensor { x + (-s) }

    /// −x.
    public static prefix func - (x: Tensor) -> Tensor { x * -1 }

    /// Untracked x · s.
    func scaled(by s: Float) -> Tensor { Elementwise.map(self) { $0 * s } }

    /// Untracked a + b for same-shape tensors (gradient accumulation).
    func addingSameShape(_ other: Tensor) -> Tensor { Elementwise.zip(self, other, +) }

    /// Untracked f(a, b) over the broadcast of `a` and `b`.
    static func broadcasting(_ a: Tensor, _ b: Tensor, _ f: (Vector, Vector) -> Vector) -> Tensor {
        if a.shape == b.shape { return Elementwise.zip(a, b, f) }
        guard let plan = Broadcast([a.shape, b.shape]) else {
            preconditionFailure("broadcast: shapes \(a.shape) and \(b.shape) are incompatible")
        }
        let length = plan.rowLength
        let stepA = plan.strides[0].last!, stepB = plan.strides[1].last!
        return a.withPointer { pa in
            b.withPointer { pb in
                Tensor.make(plan.shape) { out in
                    let py = out.baseAddress!
                    Parallel.forEach(plan.rows, costPerItem: length) { row in
                        let xa = pa + plan.rowOffset(row, operand: 0), xb = pb + plan.rowOffset(row, operand: 1)
                        let y = py + row * length
                        var i = 0
                        while i < length {
                            let n = min(8, length - i)
                            let va = stepA == 0 ? Vector(repeating: xa[0]) : VectorMath.load(xa + i, n)
                            let vb = stepB == 0 ? Vector(repeating: xb[0]) : VectorMath.load(xb + i, n)
                            VectorMath.store(f(va, vb), y + i, n)
                            i += 8
                        }
                    }
                }
            }
        }
    }

    /// Untracked: this gradient summed over the axes along which a tensor of `shape` was
    /// broadcast to this one's shape.
    func summed(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        guard let plan = Broadcast([shape, target]), plan.shape == shape else {
            preconditionFailure("broadcast: cannot sum \(shape) down to \(target)")
        }
        let length = plan.rowLength
        let step = plan.strides[1].last!
        return withPointer { pg in
            Tensor.makeZeroed(target) { out in
                let py = out.baseAddress!
                for row in 0..<plan.rows {
                    let g = pg + row * length, y = py + plan.rowOffset(row, operand: 1)
                    if step == 0 {
                        y[0] += Float(Elementwise.sum(g, length))
                    } else {
                        for i in 0..<length { y[i] += g[i] }
                    }
                }
            }
        }
    }
}
