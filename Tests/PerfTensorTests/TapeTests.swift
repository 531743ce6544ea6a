import Testing
@testable import PerfTensor

/// The tape's bookkeeping: accumulation, what is saved, release, frozen weights.
@Suite struct TapeTests {
    @Test func gradientsAccumulateOverEveryUse() {
        let tape = Tape()
        let x = tape.watch(Tensor(shape: [3], scalars: [1, -2, 0.5]))
        let y = (x * x + x * 3).sum()           // dy/dx = 2x + 3
        let unrelated = tape.watch(Tensor.ones([2]))
        let grads = tape.gradients(of: y, withRespectTo: [x, unrelated, x])
        #expect(grads[0].scalars == [5, -1, 4])
        #expect(grads[1].scalars == [0, 0])
        #expect(grads[2].scalars == grads[0].scalars)
    }

    @Test func detachedStopsGradients() {
        let tape = Tape()
        let x = tape.watch(Tensor(shape: [2], scalars: [3, 4]))
        let y = (x * x.detached()).sum()        // d/dx of x·c with c = x held constant
        #expect(tape.gradients(of: y, withRespectTo: [x])[0].scalars == [3, 4])
    }

    @Test func untrackedOpsRecordNothing() {
        let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let w = Tensor(shape: [4, 3], repeating: 0.5)
        let y = x.linear(weight: w).gelu().sum()
        #expect(!y.isTracked)
        let tape = Tape()
        _ = x.linear(weight: w).silu()
        #expect(tape.liveNodeCount == 0)
    }

    /// With the weight frozen (not watched) an op keeps nothing for a weight gradient; with
    /// the input untracked it keeps nothing for an input gradient.
    @Test func frozenWeightsSaveOnlyWhatInputGradientsNeed() {
        var random = SeededRandom(seed: 40)
        let x = Tensor.randomNormal([2, 3, 8, 8], using: &random), w = Tensor.randomNormal([5, 3, 3, 3], using: &random)
        let frozen = Tape()
        _ = frozen.watch(x).conv2d(weight: w, padding: 1)
        #expect(frozen.savedByteCount == w.count * 4)            // W for dx; x is not kept
        let firstLayer = Tape()
        _ = x.conv2d(weight: firstLayer.watch(w), padding: 1)
        #expect(firstLayer.savedByteCount == x.count * 4)        // x for dW; W is not kept
        let dense = Tape()
        let rows = Tensor.randomNormal([7, 3], using: &random)
        _ = dense.watch(rows).linear(weight: Tensor.randomNormal([4, 3], using: &random)).matmul(Tensor.ones([4, 2]))
        #expect(dense.savedByteCount == (4 * 3 + 4 * 2) * 4)     // both weights, neither activation
    }

    /// Frozen weights get no gradient work, yet gradients still flow through them.
    @Test func gradientsFlowThroughFrozenLayers() {
        var random = SeededRandom(seed: 41)
        let w1 = Tensor.randomNormal([4, 3], using: &random), w2 = Tensor.randomNormal([2, 4], using: &random)
        let x = Tensor.randomNormal([5, 3], using: &random)
        let tape = Tape()
        let xt = tape.watch(x)
        let loss = xt.linear(weight: w1).silu().linear(weight: w2).sum()
        let dx = tape.gradients(of: loss, withRespectTo: [xt])[0]
        // The same gradient with the weights watched as well.
        let all = Tape()
        let (xa, w1a, w2a) = (all.watch(x), all.watch(w1), all.watch(w2))
        let lossAll = xa.linear(weight: w1a).silu().linear(weight: w2a).sum()
        let grads = all.gradients(of: lossAll, withRespectTo: [xa, w1a, w2a])
        #expect(grads[0].scalars == dx.scalars)
        #expect(grads[1].shape == [4, 3] && grads[2].shape == [2, 4])
    }

    /// Taking gradients releases every node and saved tensor; the spent tape records nothing.
    @Test func backwardReleasesTheTape() {
        let tape = Tape()
        let x = tape.watch(Tensor(shape: [4, 4], repeating: 0.25))
        var h = x
        for _ in 0..<5 { h = h.matmul(Tensor(shape: [4, 4], repeating: 0.1)).silu() + h }
        #expect(tape.liveNodeCount > 5 && tape.savedByteCount > 0)
        _ = tape.gradients(of: h.sum(), withRespectTo: [x])
        #expect(tape.liveNodeCount == 0 && tape.savedByteCount == 0 && !tape.isRecording)
        #expect(!x.isTracked && !(x * 2).isTracked && !tape.watch(x).isTracked)
    }

    @Test func dictionaryOfNamedParameters() {
        let tape = Tape()
        let parameters = tape.watch(["a": Tensor(shape: [2], scalars: [1, 2]), "b": Tensor(shape: [1], scalars: [3])])
        let loss = (parameters["a"]! * parameters["b"]!).sum()
        let grads = tape.gradients(of: loss, withRespectTo: parameters)
        #expect(grads["a"]?.scalars == [3, 3] && grads["b"]?.scalars == [3])
    }

    /// A transformer-style block built from many ops, checked end to end like a single op:
    /// residual branches make gradients accumulate.
    @Test func composedBlockGradients() {
        var draw = Draw(42)
        let (b, t, width, heads) = (2, 5, 6, 2)
        let x = draw.ref([b, t, width]), gamma = draw.ref([width]), beta = draw.ref([width])
        let wq = draw.ref([width, width], scale: 0.5), wo = draw.ref([width, width], scale: 0.5)
        let wf = draw.ref([2 * width, width], scale: 0.5), target = draw.ref([b, t, width])
        OpCheck(gradientTolerance: 2e-4).run("block", [x, gamma, beta, wq, wo, wf], engine: { p in
            let h = p[0].layerNorm(weight: p[1], bias: p[2])
            let q = h.linear(weight: p[3])
            let a = p[0] + Tensor.attention(query: q, key: h, value: h, heads: heads, causal: true).linear(weight: p[4])
            let f = a + a.linear(weight: p[5]).geglu()
            return Tensor.mseLoss(f, target.tensor) + f.mean(axis: 1).sum() * 0.1
        }, reference: { p in
            let h = Naive.layerNorm(p[0], p[1], p[2], epsilon: 1e-5)
            let q = Naive.linear(h, p[3], nil)
            let att = Naive.linear(Naive.attention(q, h, h, heads: heads, causal: true), p[4], nil)
            let a = Ref.broadcast(p[0], att, +)
            let f = Ref.broadcast(a, Naive.geglu(Naive.linear(a, p[5], nil)), +)
            return Ref([], [Naive.mse(f, target, nil).values[0] + f.sum(axis: 1).total / Double(t) * 0.1])
        })
    }

    /// Misuse stops the process with a message rather than computing garbage.
    @Test func misuseStopsWithAMessage() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor.zeros([2, 3]).matmul(Tensor.zeros([2, 3]))
        }
        await #expect(processExitsWith: .failure) {
            let tape = Tape()
            let x = tape.watch(Tensor.ones([2]))
            let y = (x * x).sum()
            _ = tape.gradients(of: y, withRespectTo: [x])
            _ = tape.gradients(of: y, withRespectTo: [x])
        }
        await #expect(processExitsWith: .failure) {
            let (first, second) = (Tape(), Tape())
            _ = first.watch(Tensor.ones([2])) + second.watch(Tensor.ones([2]))
        }
    }
}
