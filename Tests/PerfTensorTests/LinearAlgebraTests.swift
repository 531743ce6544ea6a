import Testing
@testable import PerfTensor

/// Matrix products, convolution and attention: the ops on OpenBLAS.
@Suite struct LinearAlgebraTests {
    @Test func matmulAllLayouts() {
        var draw = Draw(10)
        for trial in 0..<2 {
            let (b, m, k, n) = (draw.size(1...3), draw.size(1...5), draw.size(1...6), draw.size(1...5))
            for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
                let a = draw.ref(ta ? [b, k, m] : [b, m, k]), bm = draw.ref(tb ? [b, n, k] : [b, k, n])
                OpCheck().run("matmul batched t\(ta)\(tb) #\(trial)", [a, bm],
                              engine: { $0[0].matmul($0[1], transposeA: ta, transposeB: tb) },
                              reference: { Naive.matmul($0[0], $0[1], transposeA: ta, transposeB: tb) })
                let shared = draw.ref(tb ? [n, k] : [k, n])
                OpCheck().run("matmul shared right t\(ta)\(tb) #\(trial)", [a, shared],
                              engine: { $0[0].matmul($0[1], transposeA: ta, transposeB: tb) },
                              reference: { Naive.matmul($0[0], $0[1], transposeA: ta, transposeB: tb) })
                let left = draw.ref(ta ? [k, m] : [m, k])
                OpCheck().run("matmul shared left t\(ta)\(tb) #\(trial)", [left, bm],
                              engine: { $0[0].matmul($0[1], transposeA: ta, transposeB: tb) },
                              reference: { Naive.matmul($0[0], $0[1], transposeA: ta, transposeB: tb) })
            }
            let a4 = draw.ref([2, b, m, k]), b4 = draw.ref([2, b, k, n])
            OpCheck().run("matmul rank 4 #\(trial)", [a4, b4], engine: { $0[0].matmul($0[1]) },
                          reference: { x in
                              let flat = Naive.matmul(Ref([2 * b, m, k], x[0].values), Ref([2 * b, k, n], x[1].values))
                              return Ref([2, b, m, n], flat.values)
                          })
        }
    }

    @Test func linearWithAndWithoutBias() {
        var draw = Draw(11)
        for trial in 0..<3 {
            let (rows, t, inputs, outputs) = (draw.size(1...3), draw.size(1...5), draw.size(1...7), draw.size(1...6))
            let x = draw.ref([rows, t, inputs]), w = draw.ref([outputs, inputs]), b = draw.ref([outputs])
            OpCheck().run("linear+bias #\(trial)", [x, w, b], engine: { $0[0].linear(weight: $0[1], bias: $0[2]) },
                          reference: { Naive.linear($0[0], $0[1], $0[2]) })
            OpCheck().run("linear #\(trial)", [x, w], engine: { $0[0].linear(weight: $0[1]) },
                          reference: { Naive.linear($0[0], $0[1], nil) })
        }
    }

    @Test func conv2dStridesPaddingsAndChunks() {
        var draw = Draw(12)
        let geometries: [(kernel: (Int, Int), stride: (Int, Int), padding: (Int, Int))] = [
            ((3, 3), (1, 1), (1, 1)), ((1, 1), (1, 1), (0, 0)), ((3, 3), (2, 2), (1, 1)),
            ((3, 2), (2, 1), (0, 2)), ((2, 3), (3, 2), (1, 0)), ((1, 1), (2, 2), (0, 0)), ((5, 5), (1, 1), (2, 2)),
        ]
        for (trial, geometry) in geometries.enumerated() {
            let (n, c, o) = (draw.size(1...3), draw.size(1...3), draw.size(1...4))
            // Images may be smaller than the kernel where padding makes up the difference.
            let smallest = (max(1, geometry.kernel.0 - 2 * geometry.padding.0), max(1, geometry.kernel.1 - 2 * geometry.padding.1))
            let (h, w) = (draw.size(smallest.0...6), draw.size(smallest.1...7))
            let x = draw.ref([n, c, h, w]), weight = draw.ref([o, c, geometry.kernel.0, geometry.kernel.1]), bias = draw.ref([o])
            for chunk in [1, 2, n] {
                OpCheck().run("conv2d \(geometry) chunk \(chunk) #\(trial)", [x, weight, bias],
                              engine: { $0[0].conv2d(weight: $0[1], bias: $0[2], stride: geometry.stride, padding: geometry.padding, imagesPerChunk: chunk) },
                              reference: { Naive.conv2d($0[0], $0[1], $0[2], stride: geometry.stride, padding: geometry.padding) })
            }
            OpCheck().run("conv2d bands \(geometry) #\(trial)", [x, weight, bias],
                          engine: { $0[0].conv2d(weight: $0[1], bias: $0[2], stride: geometry.stride, padding: geometry.padding,
                                                 imagesPerChunk: nil, rowsPerBand: 2) },
                          reference: { Naive.conv2d($0[0], $0[1], $0[2], stride: geometry.stride, padding: geometry.padding) })
            OpCheck().run("conv2d no bias \(geometry) #\(trial)", [x, weight],
                          engine: { $0[0].conv2d(weight: $0[1], stride: geometry.stride, padding: geometry.padding) },
                          reference: { Naive.conv2d($0[0], $0[1], nil, stride: geometry.stride, padding: geometry.padding) })
        }
    }

    /// Images narrower than the padding: whole kernel rows and columns read only zeros.
    @Test func conv2dTinyImages() {
        var draw = Draw(16)
        for (size, kernel, padding) in [(1, 5, 2), (2, 5, 2), (1, 3, 1), (3, 5, 2)] {
            let x = draw.ref([2, 2, size, size + 1]), w = draw.ref([3, 2, kernel, kernel])
            OpCheck().run("conv2d \(size)px k\(kernel)", [x, w],
                          engine: { $0[0].conv2d(weight: $0[1], bias: nil, stride: (1, 1), padding: (padding, padding), imagesPerChunk: 2) },
                          reference: { Naive.conv2d($0[0], $0[1], nil, stride: (1, 1), padding: (padding, padding)) })
        }
    }

    /// A convolution big enough for the default chunking and parallel im2col, forward only.
    @Test func conv2dLargerForward() {
        var draw = Draw(13)
        let x = draw.ref([5, 6, 17, 19]), w = draw.ref([7, 6, 3, 3]), b = draw.ref([7])
        let y = x.tensor.conv2d(weight: w.tensor, bias: b.tensor, padding: 1)
        let expected = Naive.conv2d(x, w, b, stride: (1, 1), padding: (1, 1))
        #expect(y.shape == expected.shape)
        #expect(OpCheck.relativeError(y.scalars.map(Double.init), expected.values) < 1e-5)
    }

    @Test func attentionPlainCausalAndBlocked() {
        var draw = Draw(14)
        for trial in 0..<3 {
            let (b, heads, tq, tk) = (draw.size(1...2), draw.size(1...3), draw.size(1...6), draw.size(1...7))
            let (d, dv) = (draw.size(1...4), draw.size(1...3))
            let q = draw.ref([b, tq, heads * d]), k = draw.ref([b, tk, heads * d]), v = draw.ref([b, tk, heads * dv])
            for (causal, block) in [(false, nil), (true, nil), (false, 2), (true, 1)] as [(Bool, Int?)] {
                OpCheck().run("attention causal \(causal) block \(block ?? 0) #\(trial)", [q, k, v],
                              engine: { Tensor.attention(query: $0[0], key: $0[1], value: $0[2], heads: heads, causal: causal, scale: nil, blockRows: block) },
                              reference: { Naive.attention($0[0], $0[1], $0[2], heads: heads, causal: causal) })
            }
            OpCheck().run("attention scale 0.3 #\(trial)", [q, k, v],
                          engine: { Tensor.attention(query: $0[0], key: $0[1], value: $0[2], heads: heads, scale: 0.3) },
                          reference: { Naive.attention($0[0], $0[1], $0[2], heads: heads, causal: false, scale: 0.3) })
        }
    }

    /// Long sequences go through several query blocks; the result is the same.
    @Test func attentionLongSequenceForward() {
        var draw = Draw(15)
        let q = draw.ref([1, 300, 8]), k = draw.ref([1, 300, 8]), v = draw.ref([1, 300, 8])
        let blocked = Tensor.attention(query: q.tensor, key: k.tensor, value: v.tensor, heads: 2, causal: true, scale: nil, blockRows: 64)
        let expected = Naive.attention(q, k, v, heads: 2, causal: true)
        #expect(OpCheck.relativeError(blocked.scalars.map(Double.init), expected.values) < 1e-5)
    }
}
