import Testing
@testable import PerfTensor

/// Reshape, permute, concat, slice, reductions, upsampling, embedding and the loss.
@Suite struct ShapeTests {
    @Test func reshapePermuteTranspose() {
        var draw = Draw(30)
        for trial in 0..<3 {
            let shape = [draw.size(1...3), draw.size(1...4), draw.size(1...5)]
            let x = draw.ref(shape)
            OpCheck().run("reshape #\(trial)", [x], engine: { $0[0].reshaped([shape[0], -1]) * 2 },
                          reference: { Ref([shape[0], shape[1] * shape[2]], $0[0].values.map { $0 * 2 }) })
            for axes in [[2, 0, 1], [1, 0, 2], [0, 2, 1], [2, 1, 0]] {
                OpCheck().run("permute \(axes) #\(trial)", [x], engine: { $0[0].permuted(axes) }, reference: { $0[0].permuted(axes) })
            }
            OpCheck().run("transposed #\(trial)", [x], engine: { $0[0].transposed() }, reference: { $0[0].permuted([0, 2, 1]) })
        }
    }

    @Test func concatAndSlice() {
        var draw = Draw(31)
        for trial in 0..<3 {
            let shape = [draw.size(1...3), draw.size(1...4), draw.size(1...5)]
            for axis in 0..<3 {
                var other = shape
                other[axis] = draw.size(1...3)
                let a = draw.ref(shape), b = draw.ref(other), c = draw.ref(shape)
                OpCheck().run("concat axis \(axis) #\(trial)", [a, b, c], engine: { Tensor.concat($0, axis: axis) },
                              reference: { Naive.concat($0, axis: axis) })
                let start = draw.size(0...shape[axis] - 1), end = draw.size(start + 1...shape[axis])
                OpCheck().run("slice axis \(axis) #\(trial)", [a], engine: { $0[0].slice(axis: axis, start..<end) },
                              reference: { Naive.slice($0[0], axis: axis, start..<end) })
            }
            let even = draw.ref([shape[0], 4, shape[2]])
            let parts = even.tensor.chunked(2, axis: 1)
            #expect(parts.map(\.scalars) == [Naive.slice(even, axis: 1, 0..<2), Naive.slice(even, axis: 1, 2..<4)].map { $0.values.map(Float.init) })
        }
    }

    @Test func reductions() {
        var draw = Draw(32)
        for trial in 0..<3 {
            let shape = [draw.size(1...3), draw.size(1...4), draw.size(1...5)]
            let x = draw.ref(shape)
            OpCheck().run("sum #\(trial)", [x], engine: { $0[0].sum() }, reference: { Ref([], [$0[0].total]) })
            OpCheck().run("mean #\(trial)", [x], engine: { $0[0].mean() }, reference: { Ref([], [$0[0].total / Double(x.count)]) })
            for axis in 0..<3 {
                OpCheck().run("sum axis \(axis) #\(trial)", [x], engine: { $0[0].sum(axis: axis) }, reference: { $0[0].sum(axis: axis) })
                OpCheck().run("mean axis \(axis) keep #\(trial)", [x], engine: { $0[0].mean(axis: axis, keepingDimension: true).reshaped([-1]) },
                              reference: { r in let s = r[0].sum(axis: axis); return Ref([s.count], s.values.map { $0 / Double(shape[axis]) }) })
                OpCheck().run("max axis \(axis) #\(trial)", [x], engine: { $0[0].max(axis: axis) }, reference: { $0[0].max(axis: axis) })
            }
        }
    }

    @Test func upsampleNearest() {
        var draw = Draw(33)
        for trial in 0..<3 {
            let x = draw.ref([draw.size(1...2), draw.size(1...3), draw.size(1...4), draw.size(1...5)])
            let scale = trial + 1
            OpCheck().run("upsample ×\(scale) #\(trial)", [x], engine: { $0[0].upsampledNearest(scale: scale) },
                          reference: { Naive.upsample($0[0], scale: scale) })
        }
    }

    @Test func embeddingLookup() {
        var draw = Draw(34)
        for trial in 0..<3 {
            let (vocabulary, width) = (draw.size(1...9), draw.size(1...6))
            let indexShape = [draw.size(1...3), draw.size(1...5)]
            let indices = (0..<indexShape.reduce(1, *)).map { _ in draw.size(0...vocabulary - 1) }  // repeats included
            OpCheck().run("embedding #\(trial)", [draw.ref([vocabulary, width])],
                          engine: { Tensor.embedding($0[0], indices: indices, indexShape: indexShape) },
                          reference: { Naive.embedding($0[0], indices, indexShape) })
        }
    }

    @Test func mseLoss() {
        var draw = Draw(35)
        for trial in 0..<3 {
            let shape = [draw.size(1...3), draw.size(1...3), draw.size(1...4), draw.size(1...5)]
            let p = draw.ref(shape), t = draw.ref(shape)
            let mask = draw.positive([shape[0], 1, shape[2], shape[3]])
            OpCheck().run("mse #\(trial)", [p, t], engine: { Tensor.mseLoss($0[0], $0[1]) }, reference: { Naive.mse($0[0], $0[1], nil) })
            OpCheck().run("mse weighted #\(trial)", [p, t], engine: { Tensor.mseLoss($0[0], $0[1], weights: mask.tensor) },
                          reference: { Naive.mse($0[0], $0[1], mask) })
        }
    }

    /// Empty tensors flow through ops and their gradients without touching memory.
    @Test func emptyTensors() {
        let tape = Tape()
        let empty = tape.watch(Tensor.zeros([2, 0, 3]))
        let other = tape.watch(Tensor.ones([2, 2, 3]))
        let joined = Tensor.concat([empty, other], axis: 1)
        let y = (empty.silu() + empty * 2).sum() + joined.sum() + empty.reshaped([0, 5]).sum() + empty.permuted([2, 0, 1]).sum()
        #expect(y.scalar == 12)
        let grads = tape.gradients(of: y, withRespectTo: [empty, other])
        #expect(grads[0].shape == [2, 0, 3] && grads[0].count == 0 && grads[1].scalars == [Float](repeating: 1, count: 12))
        #expect(Tensor.zeros([0, 4]).linear(weight: Tensor.ones([3, 4])).shape == [0, 3])
    }
}
