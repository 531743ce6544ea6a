/// Matrix products on OpenBLAS sgemm: `matmul` (batched) and `linear` (a dense layer).
extension Tensor {
    /// op(self)·op(other) where op transposes the last two axes when asked:
    /// self [..., m, k], other [..., k, n] → [..., m, n]. The batch axes (all but the last
    /// two) must agree, or one side must be a plain matrix shared by the whole batch.
    /// Backward: dA = dC·op(B)ᵀ, dB = op(A)ᵀ·dC (transposed back where op transposed;
    /// summed over the batch for a shared matrix).
    public func matmul(_ other: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        let a = self, b = other
        precondition(a.rank >= 2 && b.rank >= 2, "matmul: needs rank ≥ 2, got \(a.shape) · \(b.shape)")
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        precondition(batchA == batchB || batchA.isEmpty || batchB.isEmpty,
                     "matmul: batch axes \(batchA) and \(batchB) differ")
        let k = transposeA ? a.shape[a.rank - 2] : a.shape[a.rank - 1]
        let kB = transposeB ? b.shape[b.rank - 1] : b.shape[b.rank - 2]
        precondition(k == kB, "matmul: inner sizes differ: \(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : "")")
        // A batch of rows times one shared matrix is one big product.
        if batchB.isEmpty && !batchA.isEmpty && !transposeA {
            let m = a.shape[a.rank - 2]
            let flat = a.reshaped([-1, k]).matmul(b, transposeB: transposeB)
            return flat.reshaped(batchA + [m, flat.shape[1]])
        }
        let batch = batchA.isEmpty ? batchB : batchA
        let y = product(a, transposeA, b, transposeB, batch: batch, shared: false)
        return Tape.record(y, inputs: [a, b], saving: [b.isTracked ? a : nil, a.isTracked ? b : nil]) { g, saved, needs in
            let a = saved[0], b = saved[1]
            var da: Tensor?, db: Tensor?
            if needs[0] {
                da = transposeA ? product(b, transposeB, g, true, batch: batch, shared: batchA.isEmpty)
                                : product(g, false, b, !transposeB, batch: batch, shared: batchA.isEmpty)
            }
            if needs[1] {
                db = transposeB ? product(g, true, a, transposeA, batch: batch, shared: batchB.isEmpty)
                                : product(a, !transposeA, g, false, batch: batch, shared: batchB.isEmpty)
            }
            return [da, db]
        }
    }

    /// A dense layer as PyTorch stores it: x [..., in] · weightᵀ (weight [out, in]) + bias [out]
    /// → [..., out]. Backward: dx = g·W, dW = gᵀ·x (over all rows), db = Σ_rows g.
    public func linear(weight: Tensor, bias: Tensor? = nil) -> Tensor {
        let x = self
        precondition(weight.rank == 2 && x.rank >= 1 && x.shape.last == weight.shape[1],
                     "linear: input \(x.shape) does not fit weight \(weight.shape)")
        let outputs = weight.shape[0], inputs = weight.shape[1]
        if let bias { precondition(bias.shape == [outputs], "linear: bias \(bias.shape) ≠ [\(outputs)]") }
        let rows = x.count / Swift.max(inputs, 1)
        let y = x.withPointer { px in
            weight.withPointer { pw in
                Tensor.make(Array(x.shape.dropLast()) + [outputs]) { out in
                    let py = out.baseAddress!
                    var beta: Float = 0
                    if let bias {
                        bias.withPointer { pb in
                            for row in 0..<rows { (py + row * outputs).update(from: pb, count: outputs) }
                        }
                        beta = 1
                    }
                    BLAS.sgemm(transB: true, m: rows, n: outputs, k: inputs, a: px, lda: inputs, b: pw, ldb: inputs,
                               beta: beta, c: py, ldc: outputs)
                }
            }
        }
        let operands = [x, weight] + (bias.map { [$0] } ?? [])
        return Tape.record(y, inputs: operands, saving: [weight.isTracked ? x : nil, x.isTracked ? weight : nil]) { g, saved, needs in
            var dx: Tensor?
            if needs[0] {
                dx = g.withPointer { pg in
                    saved[1].withPointer { pw in
                        Tensor.make(x.shape) { out in
                            BLAS.sgemm(m: rows, n: inputs, k: outputs, a: pg, lda: outputs, b: pw, ldb: inputs,
                                       c: out.baseAddress!, ldc: inputs)
                        }
                    }
                }
            }
            var dw: Tensor?
            if needs[1] {
                dw = g.withPointer { pg in
                    saved[0].withPointer { px in
                        Tensor.make([outputs, inputs]) { out in
                            BLAS.sgemm(transA: true, m: outputs, n: inputs, k: rows, a: pg, lda: outputs, b: px, ldb: inputs,
                                       c: out.baseAddress!, ldc: inputs)
                        }
                    }
                }
            }
            let db = needs.count > 2 && needs[2] ? g.summed(toShape: [outputs]) : nil
            return [dx, dw, db]
        }
    }
}

/// op(a)·op(b) over `batch` (each of a, b either batched or a plain shared matrix), untracked.
/// With `shared`, the products of the whole batch are summed into one matrix.
private func product(_ a: Tensor, _ transA: Bool, _ b: Tensor, _ transB: Bool, batch: [Int], shared: Bool) -> Tensor {
    let count = batch.reduce(1, *)
    let rowsA = a.shape[a.rank - 2], colsA = a.shape[a.rank - 1]
    let rowsB = b.shape[b.rank - 2], colsB = b.shape[b.rank - 1]
    let m = transA ? colsA : rowsA, k = transA ? rowsA : colsA, n = transB ? rowsB : colsB
    let aShared = a.rank == 2 && !batch.isEmpty, bShared = b.rank == 2 && !batch.isEmpty
    // Collapse the batch into the rows of one product when the layout allows it.
    if !transA && bShared && !shared {
        return a.withPointer { pa in
            b.withPointer { pb in
                Tensor.make(batch + [m, n]) { out in
                    BLAS.sgemm(transB: transB, m: count * m, n: n, k: k, a: pa, lda: colsA, b: pb, ldb: colsB,
                               c: out.baseAddress!, ldc: n)
                }
            }
        }
    }
    return a.withPointer { pa in
        b.withPointer { pb in
            Tensor.make(shared ? [m, n] : batch + [m, n]) { out in
                BLAS.sgemmBatched(batch: count, transA: transA, transB: transB, m: m, n: n, k: k,
                                  a: pa, lda: colsA, strideA: aShared ? 0 : rowsA * colsA,
                                  b: pb, ldb: colsB, strideB: bShared ? 0 : rowsB * colsB,
                                  c: out.baseAddress!, ldc: n, strideC: shared ? 0 : m * n)
            }
        }
    }
}
