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
        let n = shape[rank - 1] / 2, rows = count / Swift.max(2 * n, 1)
        let y = withPointer { px in
            Tensor.make(Array(shape.dropLast()) + [n]) { out in
                Parallel.forEach(rows, costPerItem: n * 8) { row in
                    let a = px + row * 2 * n, y = out.baseAddress! + row * n
                    var i = 0
                    while i < n {
                        let m = Swift.min(8, n - i)
                        VectorMath.store(VectorMath.load(a + i, m) * VectorMath.gelu(VectorMath.load(a + n + i, m)), y + i, m)
                        i += 8
                    }
                }
            }
        }
        return Tape.record(y, inputs: [self], saving: [self]) { g, saved, _ in
            [Tensor.withPointers([g, saved[0]]) { p in
                Tensor.make(saved[0].shape) { out in
                    Parallel.forEach(rows, costPerItem: n * 16) { row in
                        let gs = p[0] + row * n, a = p[1] + row * 2 * n, dx = out.baseAddress! + row * 2 * n
                        var i = 0
                        while i < n {
                            let m = Swift.min(8, n - i)
                            let gv = VectorMath.load(gs + i, m), av = VectorMath.load(a + i, m), bv = VectorMath.load(a + n + i, m)
                            VectorMath.store(gv * VectorMath.gelu(bv), dx + i, m)
                            VectorMath.store(gv * av * VectorMath.geluDerivative(bv), dx + n + i, m)
                            i += 8
                        }
                    }
                }
            }]
        }
    }
}
