import Foundation

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
        precondition(query[0] == key[0] && key[0] == value[0] && key[1] == value[1] && key[1] > 0,
                     "attention: q \(query), k \(key), v \(value) disagree on batch or key count")
        precondition(heads > 0 && query[2] % heads == 0 && value[2] % heads == 0 && query[2] == key[2],
                     "attention: widths q \(query[2]), k \(key[2]), v \(value[2]) do not split into \(heads) heads")
        (batch, queries, keys, self.heads) = (query[0], query[1], key[1], heads)
        (headDim, valueDim) = (query[2] / heads, value[2] / heads)
        self.scale = scale ?? 1 / Float(headDim).squareRoot()
        self.causal = causal
        self.blockRows = max(1, min(queries, blockRows ?? Attention.blockFloats / keys))
    }

    /// The keys query `row` attends to: all, or the first row + 1 when causal.
    @inline(__always)
    func visibleKeys(_ row: Int) -> Int { causal ? min(row + 1, keys) : keys }

    /// One block of one head: where its rows of Q, K, V, O (and their gradients) start.
    private struct Block {
        let rows: Int, start: Int
        let q: Int, k: Int, v: Int, o: Int, stats: Int
    }

    /// Every (batch, head, query block), with element offsets into the [B, T, H·D] layouts.
    private var blocks: [Block] {
        var blocks: [Block] = []
        for b in 0..<batch {
            for h in 0..<heads {
                for start in stride(from: 0, to: queries, by: blockRows) {
                    blocks.append(Block(rows: min(blockRows, queries - start), start: start,
                                        q: (b * queries + start) * heads * headDim + h * headDim,
                                        k: b * keys * heads * headDim + h * headDim,
                                        v: b * keys * heads * valueDim + h * valueDim,
                                        o: (b * queries + start) * heads * valueDim + h * valueDim,
                                        stats: (b * heads + h) * queries + start))
                }
            }
        }
        return blocks
    }

    /// scores = scale·Q·Kᵀ for one block into `s` [rows, keys].
    private func scores(_ block: Block, _ pq: UnsafePointer<Float>, _ pk: UnsafePointer<Float>, into s: UnsafeMutablePointer<Float>) {
        let width = heads * headDim
        BLAS.sgemm(transB: true, m: block.rows, n: keys, k: headDim, alpha: scale, a: pq + block.q, lda: width,
                   b: pk + block.k, ldb: width, c: s, ldc: keys)
    }

    /// (output [B, Tq, H·Dv], log-sum-exp per (b, h, query)).
    func forward(_ q: Tensor, _ k: Tensor, _ v: Tensor) -> (Tensor, [Float]) {
        var lse = [Float](repeating: 0, count: batch * heads * queries)
        var out = [Float](repeating: 0, count: batch * queries * heads * valueDim)
        let vWidth = heads * valueDim
        Scratch.with(blockRows * keys) { s in
        Scratch.with(blockRows) { inverseSums in
        Tensor.withPointers([q, k, v]) { p in
        lse.withUnsafeMutableBufferPointer { plse in
        out.withUnsafeMutableBufferPointer { po in
            for block in blocks {
                // E = exp(S − max) per row; O = E·V / Σ E (normalising the narrow O, not E).
                scores(block, p[0], p[1], into: s)
                Parallel.forEach(block.rows, costPerItem: keys * 3) { r in
                    let row = s + r * keys, visible = visibleKeys(block.start + r)
                    let (m, sum) = Softmax.exponentiate(row, row, visible)
                    (row + visible).update(repeating: 0, count: keys - visible)
                    plse[block.stats + r] = m + Float(log(Double(sum)))
                    inverseSums[r] = 1 / sum
                }
                let o = po.baseAddress! + block.o
                BLAS.sgemm(m: block.rows, n: valueDim, k: keys, a: s, lda: keys, b: p[2] + block.v, ldb: vWidth, c: o, ldc: vWidth)
                for r in 0..<block.rows {
                    let scale = inverseSums[r], row = o + r * vWidth
                    for i in 0..<valueDim { row[i] *= scale }
                }
            }
        } } } } }
        return (Tensor(shape: [batch, queries, heads * valueDim], scalars: out), lse)
    }

    /// (dq, dk, dv) as asked, from the output gradient `g`, the inputs, output and log-sum-exps.
    func backward(_ g: Tensor, q: Tensor, k: Tensor, v: Tensor, out: Tensor, lse: [Float], needs: [Bool]) -> [Tensor?] {
        let qWidth = heads * headDim, vWidth = heads * valueDim
        let (needQ, needK, needV) = (needs[0], needs[1], needs[2])
        var dq = [Float](repeating: 0, count: needQ ? q.count : 0)
        var dk = [Float](repeating: 0, count: needK ? k.count : 0)
        var dv = [Float](repeating: 0, count: needV ? v.count : 0)
        Scratch.with(blockRows * keys) { p in
        Scratch.with(blockRows * keys) { ds in
        Tensor.withPointers([g, q, k, v, out]) { inputs in
        dq.withUnsafeMutableBufferPointer { pdq in
        dk.withUnsafeMutableBufferPointer { pdk in
        dv.withUnsafeMutableBufferPointer { pdv in
            let (pg, pq, pk, pv, po) = (inputs[0], inputs[1], inputs[2], inputs[3], inputs[4])
            for block in blocks {
                let rows = block.rows, gh = pg + block.o, oh = po + block.o
                // P = exp(scale·Q·Kᵀ − lse), zero past the causal edge.
                scores(block, pq, pk, into: p)
                Parallel.forEach(rows, costPerItem: keys * 2) { r in
                    let row = p + r * keys, visible = visibleKeys(block.start + r), m = lse[block.stats + r]
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
                               beta: 1, c: pdv.baseAddress! + block.v, ldc: vWidth)
                }
                guard needQ || needK else { continue }
                // dS = P ∘ (dO·Vᵀ − rowsum(dO ∘ O))
                BLAS.sgemm(transB: true, m: rows, n: keys, k: valueDim, a: gh, lda: vWidth, b: pv + block.v, ldb: vWidth,
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
                    BLAS.sgemm(m: rows, n: headDim, k: keys, alpha: scale, a: ds, lda: keys, b: pk + block.k, ldb: qWidth,
                               c: pdq.baseAddress! + block.q, ldc: qWidth)
                }
                if needK {  // dK += scale·dSᵀ·Q
                    BLAS.sgemm(transA: true, m: keys, n: headDim, k: rows, alpha: scale, a: ds, lda: keys, b: pq + block.q, ldb: qWidth,
                               beta: 1, c: pdk.baseAddress! + block.k, ldc: qWidth)
                }
            }
        } } } } } }
        return [needQ ? Tensor(shape: q.shape, scalars: dq) : nil,
                needK ? Tensor(shape: k.shape, scalars: dk) : nil,
                needV ? Tensor(shape: v.shape, scalars: dv) : nil]
    }
}
