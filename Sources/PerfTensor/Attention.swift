/// Multi-head scaled dot-product attention, computed one block of query rows at a time so
/// that only a [rows, keys] score block ever exists (never the whole [queries, keys] matrix
/// per head). Heads are read in place from the [batch, tokens, heads·dim] layout of the
/// projections: no permutes. The backward recomputes each score block from the saved
/// log-sum-exp of every query row (the memory-saving trick of FlashAttention, Dao et al. 2022,
/// with whole rows of keys per block).
struct Attention: Sendable {
    let batch: Int, queries: Int, keys: Int, heads: Int, headDim: Int, valueDim: Int
    let scale: Float
    let causal: Bool
    /// Query rows per block.
    let blockRows: Int

    /// The most floats one score block may take.
    static let blockFloats = 1 << 20

    init(query: [Int], key: [Int], value: [Int], heads: Int, causal: Bool, scale: Float?, blockRows: Int?) {
        precondition(query.count == 3 && key.count == 3 && value.count == 3, "attention: q, k, v must be [batch, tokens, heads·dim]")
        precondition(query[0] == key[0] && key[0] == value[0] && key[1] == value[1],
                     "attention: q \(query), k \(key), v \(value) disagree on batch or key count")
        precondition(heads > 0 && query[2] % heads == 0 && value[2] % heads == 0 && query[2] == key[2],
                     "attention: widths q \(query[2]), k \(key[2]), v \(value[2]) do not split into \(heads) heads")
        (batch, queries, keys, self.heads) = (query[0], query[1], key[1], heads)
        (headDim, valueDim) = (query[2] / heads, value[2] / heads)
        self.scale = scale ?? 1 / Float(headDim).squareRoot()
        self.causal = causal
        self.blockRows = max(1, min(queries, blockRows ?? Attention.blockFloats / max(keys, 1)))
    }

    /// The keys query `row` attends to: all, or the first row + 1 when causal.
    @inline(__always)
    func visibleKeys(_ row: Int) -> Int { causal ? min(row + 1, keys) : keys }

    /// (output [B, Tq, H·Dv], log-sum-exp per (b, h, query)).
    func forward(_ q: Tensor, _ k: Tensor, _ v: Tensor) -> (Tensor, [Float]) {
        let qWidth = heads * headDim, vWidth = heads * valueDim
        var lse = [Float](repeating: 0, count: batch * heads * queries)
        let scores = Scratch()
        let out = q.withPointer { pq in
            k.withPointer { pk in
                v.withPointer { pv in
                    Tensor.make([batch, queries, vWidth]) { out in
                        lse.withUnsafeMutableBufferPointer { plse in
                            for b in 0..<batch {
                                for h in 0..<heads {
                                    let kh = pk + b * keys * qWidth + h * headDim, vh = pv + b * keys * vWidth + h * valueDim
                                    for start in stride(from: 0, to: queries, by: blockRows) {
                                        let rows = min(blockRows, queries - start)
                                        let s = scores.reserve(rows * keys)
                                        let qh = pq + (b * queries + start) * qWidth + h * headDim
                                        BLAS.sgemm(transB: true, m: rows, n: keys, k: headDim, alpha: scale, a: qh, lda: qWidth,
                                                   b: kh, ldb: qWidth, c: s, ldc: keys)
                                        let stats = plse.baseAddress! + (b * heads + h) * queries + start
                                        Parallel.forEach(rows, costPerItem: keys * 4) { r in
                                            let row = s + r * keys, visible = visibleKeys(start + r)
                                            stats[r] = Softmax.row(row, row, visible)
                                            (row + visible).update(repeating: 0, count: keys - visible)
                                        }
                                        BLAS.sgemm(m: rows, n: valueDim, k: keys, a: s, lda: keys, b: vh, ldb: vWidth,
                                                   c: out.baseAddress! + (b * queries + start) * vWidth + h * valueDim, ldc: vWidth)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (out, lse)
    }

    /// (dq, dk, dv) as asked, from the output gradient `g`, the inputs, output and log-sum-exps.
    func backward(_ g: Tensor, q: Tensor, k: Tensor, v: Tensor, out: Tensor, lse: [Float], needs: [Bool]) -> [Tensor?] {
        let qWidth = heads * headDim, vWidth = heads * valueDim
        let needQ = needs[0], needK = needs[1], needV = needs[2]
        var dq = [Float](repeating: 0, count: needQ ? q.count : 0)
        var dk = [Float](repeating: 0, count: needK ? k.count : 0)
        var dv = [Float](repeating: 0, count: needV ? v.count : 0)
        let probabilities = Scratch(), scoreGradients = Scratch()
        g.withPointer { pg in q.withPointer { pq in k.withPointer { pk in v.withPointer { pv in out.withPointer { po in
        dq.withUnsafeMutableBufferPointer { pdq in dk.withUnsafeMutableBufferPointer { pdk in dv.withUnsafeMutableBufferPointer { pdv in
            for b in 0..<batch {
                for h in 0..<heads {
                    let kh = pk + b * keys * qWidth + h * headDim, vh = pv + b * keys * vWidth + h * valueDim
                    for start in stride(from: 0, to: queries, by: blockRows) {
                        let rows = min(blockRows, queries - start)
                        let qh = pq + (b * queries + start) * qWidth + h * headDim
                        let gh = pg + (b * queries + start) * vWidth + h * valueDim
                        let oh = po + (b * queries + start) * vWidth + h * valueDim
                        let stats = lse.withUnsafeBufferPointer { $0.baseAddress! } + (b * heads + h) * queries + start
                        // P = exp(scale·Q·Kᵀ − lse), zero past the causal edge.
                        let p = probabilities.reserve(rows * keys)
                        BLAS.sgemm(transB: true, m: rows, n: keys, k: headDim, alpha: scale, a: qh, lda: qWidth,
                                   b: kh, ldb: qWidth, c: p, ldc: keys)
                        Parallel.forEach(rows, costPerItem: keys * 2) { r in
                            let row = p + r * keys, visible = visibleKeys(start + r), m = stats[r]
                            var i = 0
                            while i < visible {
                                let n = min(8, visible - i)
                                VectorMath.store(VectorMath.exp(VectorMath.load(row + i, n) - m), row + i, n)
                                i += 8
                            }
                            (row + visible).update(repeating: 0, count: keys - visible)
                        }
                        if needV {  // dV += Pᵀ·dO
                            BLAS.sgemm(transA: true, m: keys, n: valueDim, k: rows, a: p, lda: keys, b: gh, ldb: vWidth,
                                       beta: 1, c: pdv.baseAddress! + b * keys * vWidth + h * valueDim, ldc: vWidth)
                        }
                        guard needQ || needK else { continue }
                        // dS = P ∘ (dO·Vᵀ − rowsum(dO ∘ O))
                        let ds = scoreGradients.reserve(rows * keys)
                        BLAS.sgemm(transB: true, m: rows, n: keys, k: valueDim, a: gh, lda: vWidth, b: vh, ldb: vWidth,
                                   c: ds, ldc: keys)
                        Parallel.forEach(rows, costPerItem: keys * 2) { r in
                            var dot: Float = 0
                            for i in 0..<valueDim { dot += gh[r * vWidth + i] * oh[r * vWidth + i] }
                            let prow = p + r * keys, drow = ds + r * keys
                            var i = 0
                            while i < keys {
                                let n = min(8, keys - i)
                                VectorMath.store(VectorMath.load(prow + i, n) * (VectorMath.load(drow + i, n) - dot), drow + i, n)
                                i += 8
                            }
                        }
                        if needQ {  // dQ = scale·dS·K
                            BLAS.sgemm(m: rows, n: headDim, k: keys, alpha: scale, a: ds, lda: keys, b: kh, ldb: qWidth,
                                       c: pdq.baseAddress! + (b * queries + start) * qWidth + h * headDim, ldc: qWidth)
                        }
                        if needK {  // dK += scale·dSᵀ·Q
                            BLAS.sgemm(transA: true, m: keys, n: headDim, k: rows, alpha: scale, a: ds, lda: keys, b: qh, ldb: qWidth,
                                       beta: 1, c: pdk.baseAddress! + b * keys * qWidth + h * headDim, ldc: qWidth)
                        }
                    }
                }
            }
        } } } } } } } }
        return [needQ ? Tensor(shape: q.shape, scalars: dq) : nil,
                needK ? Tensor(shape: k.shape, scalars: dk) : nil,
                needV ? Tensor(shape: v.shape, scalars: dv) : nil]
    }
}
