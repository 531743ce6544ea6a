/// Vectorised, parallel loops over whole arrays: the body of every elementwise op.
/// Each function sees eight lanes at a time; a short tail is padded, so one function
/// serves the whole array.
enum Elementwise {
    /// y[i] = f(x[i]).
    static func map(_ x: Tensor, _ f: (Vector) -> Vector) -> Tensor {
        x.withPointer { px in
            Tensor.make(x.shape) { out in
                let py = out.baseAddress!
                Parallel.forEachChunk(x.count) { range in
                    var i = range.lowerBound
                    while i < range.upperBound {
                        let n = min(8, range.upperBound - i)
                        VectorMath.store(f(VectorMath.load(px + i, n)), py + i, n)
                        i += 8
                    }
                }
            }
        }
    }

    /// y[i] = f(a[i], b[i]) for same-shape `a` and `b`.
    static func zip(_ a: Tensor, _ b: Tensor, _ f: (Vector, Vector) -> Vector) -> Tensor {
        precondition(a.shape == b.shape, "elementwise: shapes \(a.shape) and \(b.shape) differ")
        return a.withPointer { pa in
            b.withPointer { pb in
                Tensor.make(a.shape) { out in
                    let py = out.baseAddress!
                    Parallel.forEachChunk(a.count) { range in
                        var i = range.lowerBound
                        while i < range.upperBound {
                            let n = min(8, range.upperBound - i)
                            VectorMath.store(f(VectorMath.load(pa + i, n), VectorMath.load(pb + i, n)), py + i, n)
                            i += 8
                        }
                    }
                }
            }
        }
    }

    /// y[i] = f(a[i], b[i], c[i]) for same-shape tensors.
    static func zip3(_ a: Tensor, _ b: Tensor, _ c: Tensor, _ f: (Vector, Vector, Vector) -> Vector) -> Tensor {
        precondition(a.shape == b.shape && b.shape == c.shape, "elementwise: shapes \(a.shape), \(b.shape), \(c.shape) differ")
        return a.withPointer { pa in
            b.withPointer { pb in
                c.withPointer { pc in
                    Tensor.make(a.shape) { out in
                        let py = out.baseAddress!
                        Parallel.forEachChunk(a.count) { range in
                            var i = range.lowerBound
                            while i < range.upperBound {
                                let n = min(8, range.upperBound - i)
                                let y = f(VectorMath.load(pa + i, n), VectorMath.load(pb + i, n), VectorMath.load(pc + i, n))
                                VectorMath.store(y, py + i, n)
                                i += 8
                            }
                        }
                    }
                }
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
