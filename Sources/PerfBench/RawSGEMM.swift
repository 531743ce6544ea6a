import CBLAS

/// The baseline: OpenBLAS sgemm called directly on preallocated row-major matrices.
final class RawSGEMM {
    let m: Int, n: Int, k: Int
    let transB: Bool
    private var a: [Float], b: [Float], c: [Float]

    /// C [m, n] = A [m, k] · B [k, n] (or Bᵀ with B [n, k]).
    init(m: Int, n: Int, k: Int, transB: Bool = false) {
        (self.m, self.n, self.k, self.transB) = (m, n, k, transB)
        a = (0..<m * k).map { Float($0 % 7) * 0.1 - 0.3 }
        b = (0..<k * n).map { Float($0 % 5) * 0.1 - 0.2 }
        c = [Float](repeating: 0, count: m * n)
    }

    /// 2·m·n·k.
    var flops: Double { 2 * Double(m) * Double(n) * Double(k) }

    func run() {
        let (m, n, k, transB) = (self.m, self.n, self.k, self.transB)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, transB ? CblasTrans : CblasNoTrans, blasint(m), blasint(n), blasint(k),
                                1, pa.baseAddress, blasint(k), pb.baseAddress, blasint(transB ? k : n), 0, pc.baseAddress, blasint(n))
                }
            }
        }
    }
}
