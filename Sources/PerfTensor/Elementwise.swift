/// Vectorised, parallel loops over whole arrays: the body of every elementwise op.
/// Each function sees eight lanes at a time; a short tail is padded, so one function
/// serves the whole array.
enum Elementwise {
    /// y[i] = f(x[i]).
    static func map(_ x: Tensor, _ f: (Vector) -> Vector) -> Tensor {
        x.withPointer { px in
            Tensor.make(x.shape) { out in
                forEachVector(x.count) { i, n in VectorMath.store(f(VectorMath.load(px + i, n)), out.baseAddress! + i, n) }
            }
        }
    }

    /// y[i] = f(a[i], b[i]) for same-shape `a` and `b`.
    static func zip(_ a: Tensor, _ b: Tensor, _ f: (Vector, Vector) -> Vector) -> Tensor {
        precondition(a.shape == b.shape, "elementwise: shapes \(a.shape) and \(b.shape) differ")
        return Tensor.withPointers([a, b]) { p in
            Tensor.make(a.shape) { out in
                let (pa, pb) = (p[0], p[1])
                forEachVector(a.count) { i, n in
                    VectorMath.store(f(VectorMath.load(pa + i, n), VectorMath.load(pb + i, n)), out.baseAddress! + i, n)
                }
            }
        }
    }

    /// y[i] = f(a[i], b[i], c[i]) for same-shape tensors.
    static func zip3(_ a: Tensor, _ b: Tensor, _ c: Tensor, _ f: (Vector, Vector, Vector) -> Vector) -> Tensor {
        precondition(a.shape == b.shape && b.shape == c.shape, "elementwise: shapes \(a.shape), \(b.shape), \(c.shape) differ")
        return Tensor.withPointers([a, b, c]) { p in
            Tensor.make(a.shape) { out in
                let (pa, pb, pc) = (p[0], p[1], p[2])
                forEachVector(a.count) { i, n in
                    let y = f(VectorMath.load(pa + i, n), VectorMath.load(pb + i, n), VectorMath.load(pc + i, n))
                    VectorMath.store(y, out.baseAddress! + i, n)
                }
            }
        }
    }

    /// Calls `body(i, n)` for every step of eight elements from `i` (`n` of them real, fewer
    /// only at the end of a chunk), across threads for large counts.
    @inline(__always)
    private static func forEachVector(_ count: Int, _ body: (Int, Int) -> Void) {
        Parallel.forEachChunk(count) { range in
            var i = range.lowerBound
            while i < range.upperBound {
                body(i, min(8, range.upperBound - i))
                i += 8
            }
        }
    }

    /// The sum of f(x[i]) over the whole array, accumulated in Float64 per block.
    static func sum(_ x: Tensor, _ f: (Vector) -> Vector = { $0 }) -> Double {
        x.withPointer { px in
            sum(px, x.count, f)
        }
    }

    /// The sum of f(p[i]) for i in 0..<count (Float32 lanes within 1024-element blocks, Float64 across).
    static func sum(_ p: UnsafePointer<Float>, _ count: Int, _ f: (Vector) -> Vector = { $0 }) -> Double {
        var total = 0.0
        var block = 0
        while block < count {
            let end = min(count, block + 1024)
            var lanes = Vector()
            var i = block
            while i < end {
                let n = min(8, end - i)
                var v = f(VectorMath.load(p + i, n))
                if n < 8 { v = v.replacing(with: 0, where: SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7) .>= Int32(n)) }
                lanes += v
                i += 8
            }
            total += Double(lanes.sum())
            block = end
        }
        return total
    }
}
