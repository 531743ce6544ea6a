/// Activations, vectorised; each forward beside its backward. All keep their input's shape.
extension Tensor {
    /// σ(x) = 1 / (1 + e^-x). Backward: dx = g·σ(x)·(1 − σ(x)), from the saved output.
    public func sigmoid() -> Tensor {
        let y = Elementwise.map(self, VectorMath.sigmoid)
        return Tape.record(y, inputs: [self], saving: [y]) { g, saved, _ in
            [Elementwise.zip(g, saved[0]) { g, s in g * s * (1 - s) }]
        }
    }

    /// SiLU (swish): x·σ(x). Backward: dx = g·σ(x)·(1 + x·(1 − σ(x))).
    public func silu() -> Tensor {
        let y = Elementwise.map(self) { x in x * VectorMath.sigmoid(x) }
        return Tape.record(y, inputs: [self], saving: [self]) { g, saved, _ in
            [Elementwise.zip(g, saved[0]) { g, x in
                let s = VectorMath.sigmoid(x)
                return g * s * (1 + x * (1 - s))
            }]
        }
    }

    /// GELU with the exact Gaussian CDF, x·Φ(x) (PyTorch `gelu(approximate="none")`).
    /// Backward: dx = g·(Φ(x) + x·φ(x)).
    public func gelu() -> Tensor {
        let y = Elementwise.map(self, VectorMath.gelu)
        return Tape.record(y, inputs: [self], saving: [self]) { g, saved, _ in
            [Elementwise.zip(g, saved[0]) { g, x in g * VectorMath.geluDerivative(x) }]
        }
    }

    /// Quick GELU (CLIP): x·σ(1.702·x). Backward: dx = g·s·(1 + 1.702·x·(1 − s)), s = σ(1.702·x).
    public func quickGELU() -> Tensor {
        let y = Elementwise.map(self) { x in x * VectorMath.sigmoid(1.702 * x) }
        return Tape.record(y, inputs: [self], saving: [self]) { g, saved, _ in
            [Elementwise.zip(g, saved[0]) { g, x in
                let s = VectorMath.sigmoid(1.702 * x)
                return g * s * (1 + 1.702 * x * (1 - s))
            }]
        }
    }

    /// GEGLU (diffusers): x [..., 2n] split into value a = x[..., :n] and gate b = x[..., n:];
    /// y = a·gelu(b) [..., n]. Backward: da = g·gelu(b), db = g·a·gelu′(b).
    public func geglu() -> Tensor {
        precondition(rank >= 1 && shape[rank - 1] % 2 == 0, "geglu: last axis of \(shape) must be even")
        let value = sliceUntracked(axis: rank - 1, 0 ..< shape[rank - 1] / 2)
        let gate = sliceUntracked(axis: rank - 1, shape[rank - 1] / 2 ..< shape[rank - 1])
        let y = Elementwise.zip(value, gate) { a, b in a * VectorMath.gelu(b) }
        return Tape.record(y, inputs: [self], saving: [value, gate]) { g, saved, _ in
            let da = Elementwise.zip(g, saved[1]) { g, b in g * VectorMath.gelu(b) }
            let db = Elementwise.zip3(g, saved[0], saved[1]) { g, a, b in g * a * VectorMath.geluDerivative(b) }
            return [Tensor.concatUntracked(da, db)]
        }
    }

    /// Untracked [..., n] ++ [..., n] → [..., 2n] along the last axis.
    static func concatUntracked(_ a: Tensor, _ b: Tensor) -> Tensor {
        let n = a.shape.last!, rows = a.count / Swift.max(n, 1)
        return a.withPointer { pa in
            b.withPointer { pb in
                Tensor.make(Array(a.shape.dropLast()) + [2 * n]) { out in
                    for row in 0..<rows {
                        (out.baseAddress! + row * 2 * n).update(from: pa + row * n, count: n)
                        (out.baseAddress! + row * 2 * n + n).update(from: pb + row * n, count: n)
                    }
                }
            }
        }
    }
}
