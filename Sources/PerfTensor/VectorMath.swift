/// Eight-lane Float32 vectors and the transcendental functions the activations need,
/// accurate to a few ulp (checked against Float64 libm in the tests).
typealias Vector = SIMD8<Float>

enum VectorMath {
    /// Loads `min(count, 8)` floats from `pointer`, zero-filling the rest.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>, _ count: Int) -> Vector {
        if count >= 8 { return UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self) }
        var vector = Vector()
        for lane in 0..<count { vector[lane] = pointer[lane] }
        return vector
    }

    /// Stores the first `min(count, 8)` lanes of `vector` at `pointer`.
    @inline(__always)
    static func store(_ vector: Vector, _ pointer: UnsafeMutablePointer<Float>, _ count: Int) {
        if count >= 8 {
            UnsafeMutableRawPointer(pointer).storeBytes(of: vector, as: Vector.self)
            return
        }
        for lane in 0..<count { pointer[lane] = vector[lane] }
    }

    /// e^x (Cephes' expf: range reduction to |r| ≤ ln2/2, degree-6 polynomial); inputs
    /// are clamped to [-87.3, 88], so huge negative x gives ~1e-38, never NaN.
    @inline(__always)
    static func exp(_ x: Vector) -> Vector {
        let x = minimum(maximum(x, Vector(repeating: -87.3)), Vector(repeating: 88))
        let magic = Vector(repeating: 12_582_912)   // 1.5·2^23: adding it rounds to an integer
        let shifted = x * 1.442_695_04 + magic
        let n = shifted - magic
        let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
        var p = Vector(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        p = p * r * r + r + 1
        let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let scale = unsafeBitCast((integer &+ 127) &<< 23, to: Vector.self)
        return p * scale
    }

    /// The logistic function 1 / (1 + e^-x).
    @inline(__always)
    static func sigmoid(_ x: Vector) -> Vector {
        1 / (1 + exp(-x))
    }

    /// The complementary error function erfc(x) (Numerical Recipes' Chebyshev fit `erfcc`,
    /// fractional error < 1.2e-7), relative error in Float32 below 1e-6 for |x| < 3 and
    /// growing like x²·6e-8 beyond, from rounding x² inside e^(−x²).
    @inline(__always)
    static func erfc(_ x: Vector) -> Vector {
        let z = x.replacing(with: -x, where: x .< 0)
        let t = 1 / (1 + 0.5 * z)
        var p = Vector(repeating: 0.170_872_77)
        p = p * t - 0.822_152_23
        p = p * t + 1.488_515_87
        p = p * t - 1.135_203_98
        p = p * t + 0.278_868_07
        p = p * t - 0.186_288_06
        p = p * t + 0.096_784_18
        p = p * t + 0.374_091_96
        p = p * t + 1.000_023_68
        p = p * t - 1.265_512_23
        let tail = t * exp(p - z * z)
        return tail.replacing(with: 2 - tail, where: x .< 0)
    }

    /// GELU with the exact Gaussian CDF: x·Φ(x) = x/2 · erfc(-x/√2) (PyTorch's default).
    @inline(__always)
    static func gelu(_ x: Vector) -> Vector {
        0.5 * x * erfc(x * -0.707_106_781_186_547_5)
    }

    /// d/dx x·Φ(x) = Φ(x) + x·φ(x).
    @inline(__always)
    static func geluDerivative(_ x: Vector) -> Vector {
        let cdf = 0.5 * erfc(x * -0.707_106_781_186_547_5)
        let density = exp(x * x * Vector(repeating: -0.5)) * 0.398_942_280_401_432_7
        return cdf + x * density
    }

    /// Copies `count` floats inline (short rows: cheaper than a call to memmove).
    @inline(__always)
    static func copy(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, _ count: Int) {
        var i = 0
        while i + 8 <= count {
            store(load(source + i, 8), target + i, 8)
            i += 8
        }
        while i < count {
            target[i] = source[i]
            i += 1
        }
    }

    /// Copies every other float: target[i] = source[2i] for i < count.
    @inline(__always)
    static func copyEven(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, _ count: Int) {
        var i = 0
        while i + 8 < count {  // reads 16 floats, the last one past source[2i + 14]: stay one vector short of the end
            store(UnsafeRawPointer(source + 2 * i).loadUnaligned(as: SIMD16<Float>.self).evenHalf, target + i, 8)
            i += 8
        }
        if i + 8 == count {
            let s = source + 2 * i
            store(Vector(s[0], s[2], s[4], s[6], s[8], s[10], s[12], s[14]), target + i, 8)
            i += 8
        }
        while i < count {
            target[i] = source[2 * i]
            i += 1
        }
    }

    /// target[i] += source[i] for i < count, inline.
    @inline(__always)
    static func add(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, _ count: Int) {
        var i = 0
        while i + 8 <= count {
            store(load(target + i, 8) + load(source + i, 8), target + i, 8)
            i += 8
        }
        while i < count {
            target[i] += source[i]
            i += 1
        }
    }

    /// Sets `count` floats to zero inline.
    @inline(__always)
    static func zero(_ target: UnsafeMutablePointer<Float>, _ count: Int) {
        var i = 0
        while i + 8 <= count {
            store(Vector(), target + i, 8)
            i += 8
        }
        while i < count {
            target[i] = 0
            i += 1
        }
    }

    /// The larger of each pair of lanes (a blend: the standard library's `pointwiseMax` and
    /// `clamped` compile to per-lane calls).
    @inline(__always)
    static func maximum(_ a: Vector, _ b: Vector) -> Vector { a.replacing(with: b, where: b .> a) }

    /// The smaller of each pair of lanes.
    @inline(__always)
    static func minimum(_ a: Vector, _ b: Vector) -> Vector { a.replacing(with: b, where: b .< a) }

    /// The sum of the lanes.
    @inline(__always)
    static func sum(_ x: Vector) -> Float { x.sum() }
}
