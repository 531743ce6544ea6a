import PerfTensor

/// The exact multi-concept form's basis (Tewel et al. 2023, appendix B; DESIGN §1): vectors
/// u_1..u_r, orthonormal in the C⁻¹ metric (u_jᵀ C⁻¹ u_k = δ_jk), spanning the concepts'
/// target inputs, so that e − Σ_k u_k (u_kᵀ C⁻¹ e) removes from e exactly its parts along
/// them.
///
/// Computed in double precision: with C⁻¹ = L Lᵀ (Cholesky), a QR with column pivoting of
/// Lᵀ [i*_1 … i*_n] gives orthonormal q_k; u_k = L⁻ᵀ q_k, and C⁻¹ u_k = L q_k. Columns whose
/// R diagonal falls below `rankTolerance` times the largest are dropped, so concepts with
/// (nearly) parallel inputs share one direction instead of removing an arbitrary one.
/// The basis is a constant: it carries no gradient to the target inputs.
struct ConceptBasis: Sendable {
    /// u_k as rows, [r, d].
    let vectors: Tensor
    /// C⁻¹ u_k as rows, [r, d]: the coefficients of e are e · (C⁻¹ u_k).
    let duals: Tensor

    /// Relative size of R's diagonal below which a direction counts as dependent.
    static let rankTolerance = 1e-7

    /// The basis for target inputs `inputs` (n ≥ 1 vectors of C⁻¹'s width).
    init(inputs: [Tensor], inverseCovariance: InverseCovariance) {
        let d = inverseCovariance.width, n = inputs.count
        precondition(n >= 1 && n <= d && inputs.allSatisfy { $0.shape == [d] }, "ConceptBasis: \(n) inputs of width \(d) expected")
        let factor = inverseCovariance.inverseFactor
        // M = Lᵀ A, A = [i*_1 … i*_n] (d×n): M[r][c] = Σ_j L[j][r] · A[j][c].
        var metric = [Double](repeating: 0, count: d * n)
        for (column, input) in inputs.enumerated() {
            let a = input.scalars.map(Double.init)
            for row in 0..<d {
                var sum = 0.0
                for j in row ..< d { sum += factor[j * d + row] * a[j] }
                metric[row * n + column] = sum
            }
        }
        let (q, diagonal) = LAPACK.pivotedQR(metric, rows: d, columns: n)
        let largest = diagonal.max() ?? 0
        let rank = largest > 0 ? diagonal.prefix { $0 > Self.rankTolerance * largest }.count : 0
        var kept = [Double](repeating: 0, count: d * rank)
        for row in 0..<d { for k in 0..<rank { kept[row * rank + k] = q[row * n + k] } }
        let u = rank == 0 ? [] : LAPACK.solveTransposedLower(factor, n: d, kept, columns: rank)
        // C⁻¹ u_k = L q_k.
        var dual = [Double](repeating: 0, count: d * rank)
        for row in 0..<d {
            for k in 0..<rank {
                var sum = 0.0
                for j in 0...row { sum += factor[row * d + j] * kept[j * rank + k] }
                dual[row * rank + k] = sum
            }
        }
        func rows(_ columnsMajor: [Double]) -> Tensor {
            Tensor(shape: [rank, d], scalars: (0..<rank).flatMap { k in (0..<d).map { Float(columnsMajor[$0 * rank + k]) } })
        }
        vectors = rows(u)
        duals = rows(dual)
    }
}
