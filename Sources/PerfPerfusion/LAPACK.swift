import CBLAS

/// Perfusion's only door to LAPACK (through LAPACKE): the double-precision factorisations
/// the text statistics and the exact multi-concept basis need. Matrices are row-major
/// `[Double]` arrays; nothing here allocates C memory that outlives a call.
enum LAPACK {
    private static let rowMajor = Int32(LAPACK_ROW_MAJOR)
    private static let lower = CChar(UInt8(ascii: "L"))
    private static let transpose = CChar(UInt8(ascii: "T"))
    private static let nonUnit = CChar(UInt8(ascii: "N"))

    /// The lower Cholesky factor L of the symmetric n×n matrix `a` (a = L Lᵀ, zeros above the
    /// diagonal), or nil when `a` is not numerically positive definite (dpotrf).
    static func choleskyLower(_ a: [Double], n: Int) -> [Double]? {
        precondition(a.count == n * n && n > 0, "LAPACK.choleskyLower: \(a.count) elements for \(n)×\(n)")
        var factor = a
        let info = factor.withUnsafeMutableBufferPointer { LAPACKE_dpotrf(rowMajor, lower, Int32(n), $0.baseAddress, Int32(n)) }
        guard info == 0 else { return nil }
        for row in 0..<n { for col in row + 1 ..< n { factor[row * n + col] = 0 } }
        return factor
    }

    /// The reciprocal condition number in the 1-norm (an estimate, dpocon) of the matrix
    /// whose lower Cholesky factor is `factor` and whose 1-norm is `norm1`.
    static func reciprocalCondition(choleskyLower factor: [Double], n: Int, norm1: Double) -> Double {
        var factor = factor
        var rcond = 0.0
        let info = factor.withUnsafeMutableBufferPointer {
            LAPACKE_dpocon(rowMajor, lower, Int32(n), $0.baseAddress, Int32(n), norm1, &rcond)
        }
        return info == 0 ? rcond : 0
    }

    /// The inverse of the matrix whose lower Cholesky factor is `factor` (dpotri), full and
    /// symmetric; nil when LAPACK reports a singular factor.
    static func inverse(choleskyLower factor: [Double], n: Int) -> [Double]? {
        var inverse = factor
        let info = inverse.withUnsafeMutableBufferPointer { LAPACKE_dpotri(rowMajor, lower, Int32(n), $0.baseAddress, Int32(n)) }
        guard info == 0 else { return nil }
        // dpotri fills the lower triangle only.
        for row in 0..<n { for col in row + 1 ..< n { inverse[row * n + col] = inverse[col * n + row] } }
        return inverse
    }

    /// A QR factorisation with column pivoting of the m×n matrix `a` (m ≥ n; dgeqp3, dorgqr):
    /// Q's n orthonormal columns (m×n, row-major) and the absolute diagonal of R, which
    /// decreases, so the leading columns of Q span `a`'s numerical column space.
    static func pivotedQR(_ a: [Double], rows m: Int, columns n: Int) -> (q: [Double], diagonal: [Double]) {
        precondition(a.count == m * n && m >= n && n > 0, "LAPACK.pivotedQR: \(a.count) elements for \(m)×\(n)")
        var q = a
        var pivots = [Int32](repeating: 0, count: n)
        var reflectors = [Double](repeating: 0, count: n)
        let factored = q.withUnsafeMutableBufferPointer { qp in
            LAPACKE_dgeqp3(rowMajor, Int32(m), Int32(n), qp.baseAddress, Int32(n), &pivots, &reflectors)
        }
        precondition(factored == 0, "LAPACKE_dgeqp3 failed with info \(factored)")
        let diagonal = (0..<n).map { abs(q[$0 * n + $0]) }
        let formed = q.withUnsafeMutableBufferPointer { qp in
            LAPACKE_dorgqr(rowMajor, Int32(m), Int32(n), Int32(n), qp.baseAddress, Int32(n), &reflectors)
        }
        precondition(formed == 0, "LAPACKE_dorgqr failed with info \(formed)")
        return (q, diagonal)
    }

    /// X with Lᵀ X = B for the lower triangular n×n `factor` and the n×k right-hand sides `b`
    /// (row-major), by dtrtrs.
    static func solveTransposedLower(_ factor: [Double], n: Int, _ b: [Double], columns k: Int) -> [Double] {
        precondition(factor.count == n * n && b.count == n * k, "LAPACK.solveTransposedLower: sizes \(factor.count), \(b.count)")
        var factor = factor
        var x = b
        let info = factor.withUnsafeMutableBufferPointer { fp in
            x.withUnsafeMutableBufferPointer { xp in
                LAPACKE_dtrtrs(rowMajor, lower, transpose, nonUnit, Int32(n), Int32(k), fp.baseAddress, Int32(n), xp.baseAddress, Int32(k))
            }
        }
        precondition(info == 0, "LAPACKE_dtrtrs failed with info \(info): a Cholesky factor with a zero on its diagonal")
        return x
    }
}
