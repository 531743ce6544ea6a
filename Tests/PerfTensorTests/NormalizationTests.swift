import Testing
@testable import PerfTensor

/// Group norm, layer norm, softmax.
@Suite struct NormalizationTests {
    @Test func groupNorm() {
        var draw = Draw(20)
        for trial in 0..<3 {
            let groups = draw.size(1...3)
            // Blocks of ≥ 3 values: two values normalise to ±1 whatever they are, so the true
            // gradient is ε-sized and only Float32 cancellation would be measured.
            let (n, c, h, w) = (draw.size(1...2), groups * draw.size(1...2), draw.size(1...4), draw.size(3...5))
            let x = draw.ref([n, c, h, w], scale: 2), weight = draw.ref([c]), bias = draw.ref([c])
            OpCheck().run("groupNorm affine #\(trial)", [x, weight, bias],
                          engine: { $0[0].groupNorm(groups: groups, weight: $0[1], bias: $0[2], epsilon: 1e-5) },
                          reference: { Naive.groupNorm($0[0], groups: groups, $0[1], $0[2], epsilon: 1e-5) })
            OpCheck().run("groupNorm plain #\(trial)", [x],
                          engine: { $0[0].groupNorm(groups: groups, epsilon: 1e-6) },
                          reference: { Naive.groupNorm($0[0], groups: groups, nil, nil, epsilon: 1e-6) })
        }
    }

    @Test func layerNorm() {
        var draw = Draw(21)
        for trial in 0..<3 {
            let shape = [draw.size(1...3), draw.size(1...4), draw.size(3...9)]  // ≥ 3: see groupNorm
            let x = draw.ref(shape, scale: 3), weight = draw.ref([shape[2]]), bias = draw.ref([shape[2]])
            OpCheck().run("layerNorm affine #\(trial)", [x, weight, bias],
                          engine: { $0[0].layerNorm(weight: $0[1], bias: $0[2]) },
                          reference: { Naive.layerNorm($0[0], $0[1], $0[2], epsilon: 1e-5) })
            OpCheck().run("layerNorm weight only #\(trial)", [x, weight],
                          engine: { $0[0].layerNorm(weight: $0[1]) },
                          reference: { Naive.layerNorm($0[0], $0[1], nil, epsilon: 1e-5) })
        }
    }

    @Test func softmax() {
        var draw = Draw(22)
        for trial in 0..<3 {
            let x = draw.ref([draw.size(1...3), draw.size(1...4), draw.size(1...13)], scale: 3)
            OpCheck().run("softmax #\(trial)", [x], engine: { $0[0].softmax() }, reference: { Naive.softmax($0[0]) })
        }
        // Large logits do not overflow.
        let big = Tensor(shape: [1, 3], scalars: [1000, 999, -1000]).softmax()
        #expect(abs(big.scalars[0] - 0.731_058_6) < 1e-6 && big.scalars[2] == 0 || big.scalars[2] < 1e-30)
    }

    /// Norms over blocks large enough for the parallel paths, forward only.
    @Test func largeNormsForward() {
        var draw = Draw(23)
        let x = draw.ref([3, 8, 40, 41], scale: 5).map { $0 + 3 }, weight = draw.ref([8]), bias = draw.ref([8])
        let y = x.tensor.groupNorm(groups: 4, weight: weight.tensor, bias: bias.tensor)
        let expected = Naive.groupNorm(x, groups: 4, weight, bias, epsilon: 1e-5)
        #expect(OpCheck.relativeError(y.scalars.map(Double.init), expected.values) < 1e-5)
        let rows = draw.ref([700, 130], scale: 2)
        let soft = rows.tensor.softmax()
        #expect(OpCheck.relativeError(soft.scalars.map(Double.init), Naive.softmax(rows).values) < 1e-5)
    }
}
