import Foundation
import Testing
@testable import PerfTensor

/// Arithmetic with broadcasting and the activations.
@Suite struct ElementwiseTests {
    @Test func broadcastingArithmetic() {
        var draw = Draw(1)
        for trial in 0..<3 {
            let (n, c, h, w) = (draw.size(1...3), draw.size(1...5), draw.size(1...4), draw.size(1...9))
            let pairs: [([Int], [Int])] = [([n, c, h, w], [n, c, h, w]), ([n, c, h, w], [c, 1, 1]),
                                           ([n, c, h, w], [n, c, 1, 1]), ([c, 1, w], [n, 1, h, 1]), ([w], [n, c, h, w])]
            for (sa, sb) in pairs {
                let a = draw.ref(sa), b = draw.ref(sb)
                OpCheck().run("add \(sa)+\(sb) #\(trial)", [a, b], engine: { $0[0] + $0[1] }, reference: { Ref.broadcast($0[0], $0[1], +) })
                OpCheck().run("sub \(sa)-\(sb) #\(trial)", [a, b], engine: { $0[0] - $0[1] }, reference: { Ref.broadcast($0[0], $0[1], -) })
                OpCheck().run("mul \(sa)*\(sb) #\(trial)", [a, b], engine: { $0[0] * $0[1] }, reference: { Ref.broadcast($0[0], $0[1], *) })
                let divisor = draw.positive(sb)  // away from zero
                OpCheck().run("div \(sa)/\(sb) #\(trial)", [a, divisor], engine: { $0[0] / $0[1] }, reference: { Ref.broadcast($0[0], $0[1], /) })
            }
            let x = draw.ref([n, c, w])
            OpCheck().run("scalar ops #\(trial)", [x], engine: { (-($0[0] * 3 + 2) - 1) / 4 },
                          reference: { $0[0].map { (-($0 * 3 + 2) - 1) / 4 } })
        }
    }

    @Test func activations() {
        var draw = Draw(2)
        for trial in 0..<3 {
            let shape = [draw.size(1...3), draw.size(1...7), draw.size(1...11)]
            let x = draw.ref(shape, scale: 3)
            OpCheck().run("sigmoid #\(trial)", [x], engine: { $0[0].sigmoid() }, reference: { $0[0].map(Naive.sigmoid) })
            OpCheck().run("silu #\(trial)", [x], engine: { $0[0].silu() }, reference: { $0[0].map { $0 * Naive.sigmoid($0) } })
            OpCheck().run("gelu #\(trial)", [x], engine: { $0[0].gelu() }, reference: { $0[0].map(Naive.gelu) })
            OpCheck().run("quickGELU #\(trial)", [x], engine: { $0[0].quickGELU() },
                          reference: { $0[0].map { $0 * Naive.sigmoid(1.702 * $0) } })
            let pairs = draw.ref(Array(shape.dropLast()) + [2 * draw.size(1...9)], scale: 2)
            OpCheck().run("geglu #\(trial)", [pairs], engine: { $0[0].geglu() }, reference: { Naive.geglu($0[0]) })
        }
    }

    /// Arrays long enough for several threads and many full SIMD vectors.
    @Test func largeArraysMatchReference() {
        var draw = Draw(3)
        let x = draw.ref([3, 70_001], scale: 4), b = draw.ref([70_001])
        let y = x.tensor.silu()
        #expect(OpCheck.relativeError(y.scalars.map(Double.init), x.map { $0 * Naive.sigmoid($0) }.values) < 1e-6)
        let sum = x.tensor + b.tensor
        #expect(OpCheck.relativeError(sum.scalars.map(Double.init), Ref.broadcast(x, b, +).values) < 1e-7)
        let gelu = x.tensor.gelu()
        #expect(OpCheck.relativeError(gelu.scalars.map(Double.init), x.map(Naive.gelu).values) < 2e-6)
    }

    /// The vector exp, erfc and sigmoid against float64 libm over their useful range.
    @Test func vectorMathAccuracy() {
        var worstExp = 0.0, worstErfc = 0.0, worstSigmoid = 0.0
        for step in 0..<4000 {
            let base = Float(step) * 0.025 - 50
            let x = Vector(base, base + 0.003, base + 0.007, base + 0.011, base + 0.013, base + 0.017, base + 0.019, base + 0.023)
            let e = VectorMath.exp(x), c = VectorMath.erfc(x * 0.2), s = VectorMath.sigmoid(x * 0.4)
            for lane in 0..<8 {
                let v = Double(x[lane])
                worstExp = max(worstExp, abs(Double(e[lane]) - exp(v)) / exp(v))
                let ec = erfc(Double(x[lane] * 0.2))
                worstErfc = max(worstErfc, abs(Double(c[lane]) - ec) / max(ec, 1e-30))  // below Float32 normals: absolute
                let es = 1 / (1 + exp(-Double(x[lane] * 0.4)))
                worstSigmoid = max(worstSigmoid, abs(Double(s[lane]) - es) / es)
            }
        }
        #expect(worstExp < 1e-6, "exp relative error \(worstExp)")
        // erfc(z) ~ e^(−z²): Float32 rounding of z² grows with z (≈ z²·6e-8 relative near z = 10).
        #expect(worstErfc < 1e-5, "erfc relative error \(worstErfc)")
        #expect(worstSigmoid < 1e-6, "sigmoid relative error \(worstSigmoid)")
        // Extremes stay finite and ordered.
        let extreme = VectorMath.exp(Vector(-1000, -88, 0, 88, 89, 1000, -.infinity, 1))
        #expect(extreme[0] >= 0 && extreme[0] < 1e-37 && extreme[6] < 1e-37)
        #expect(extreme[3].isFinite && extreme[5].isFinite && extreme[2] == 1)
    }
}
