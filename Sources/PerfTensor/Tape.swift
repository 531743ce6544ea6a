import Foundation

/// A reverse-mode autodiff tape (a Wengert list): ops on tracked tensors append a node
/// holding their inputs, the few tensors their backward needs, and the backward itself.
///
///     let tape = Tape()
///     let w = tape.watch(weight)                            // a leaf whose gradient we want
///     let loss = Tensor.mseLoss(x.linear(weight: w), target) // records two nodes
///     let dw = tape.gradients(of: loss, withRespectTo: [w])[0]
///
/// Only what a gradient needs is kept: an op saves an input only when the gradient of
/// another tracked input needs it (a frozen, unwatched weight makes its op keep nothing for
/// a weight gradient, and its weight gradient is never computed). `gradients(of:...)`
/// walks the nodes backwards once, freeing each node's saved tensors and gradient as soon
/// as it is done with it; afterwards the tape is spent and records nothing more.
public final class Tape: @unchecked Sendable {
    /// One recorded op: which nodes its inputs were, what it saved, how to run it backwards.
    struct Node {
        let inputs: [Int?]
        let saved: [Tensor]
        let backward: Backward?
    }

    /// Maps the output's gradient, the saved tensors and which inputs need a gradient to
    /// one gradient per input (nil where not needed).
    typealias Backward = @Sendable (_ gradient: Tensor, _ saved: [Tensor], _ needs: [Bool]) -> [Tensor?]

    private let lock = NSLock()
    private var nodes: [Node?] = []
    private var spent = false

    /// An empty tape, ready to record.
    public init() {}

    /// Whether the tape still records (it stops once gradients have been taken).
    public var isRecording: Bool { lock.withLock { !spent } }

    /// The number of nodes recorded and not yet released.
    public var liveNodeCount: Int { lock.withLock { nodes.reduce(0) { $0 + ($1 == nil ? 0 : 1) } } }

    /// The bytes of tensors the tape keeps alive for backward (shared storage counted once per save).
    public var savedByteCount: Int {
        lock.withLock {
            nodes.reduce(0) { total, node in total + (node?.saved.reduce(0) { $0 + $1.count * 4 } ?? 0) }
        }
    }

    /// `tensor` as a new leaf on this tape: ops on the result record, and gradients can be
    /// taken with respect to it. Any earlier tracking of `tensor` is cut.
    public func watch(_ tensor: Tensor) -> Tensor {
        let index = append(Node(inputs: [], saved: [], backward: nil))
        guard let index else { return tensor.detached() }
        return Tensor(shape: tensor.shape, scalars: tensor.scalars, tracking: Tracking(tape: self, node: index))
    }

    /// Each tensor of `tensors` as a new leaf on this tape, under the same keys.
    public func watch<Key: Hashable>(_ tensors: [Key: Tensor]) -> [Key: Tensor] {
        tensors.mapValues { watch($0) }
    }

    /// The gradients of `loss` with respect to each of `leaves` (tracked tensors of this
    /// tape), in order; zeros for a leaf `loss` does not depend on. `seed` is the gradient
    /// of the output (default: ones, i.e. d loss / d loss = 1 for a scalar loss). Spends the tape.
    public func gradients(of loss: Tensor, withRespectTo leaves: [Tensor], seed: Tensor? = nil) -> [Tensor] {
        if let seed {
            precondition(seed.shape == loss.shape, "Tape.gradients: seed shape \(seed.shape) ≠ loss shape \(loss.shape)")
        }
        let (taken, wasSpent): ([Node?], Bool) = lock.withLock {
            defer { nodes = []; spent = true }
            return (nodes, spent)
        }
        precondition(!wasSpent || node(of: loss) == nil, "Tape.gradients: this tape's gradients were already taken; record a new tape")
        let wanted = leaves.map { node(of: $0) }
        guard let lossNode = node(of: loss) else {
            return leaves.map { Tensor.zeros($0.shape) }
        }
        let gradients = Self.backward(taken, from: lossNode, seed: seed?.detached() ?? .ones(loss.shape),
                                      wanted: Set(wanted.compactMap { $0 }))
        return zip(leaves, wanted).map { leaf, index in
            index.flatMap { gradients[$0] } ?? Tensor.zeros(leaf.shape)
        }
    }

    /// The gradients of `loss` with respect to each tensor of `leaves`, under the same keys.
    public func gradients<Key: Hashable>(of loss: Tensor, withRespectTo leaves: [Key: Tensor]) -> [Key: Tensor] {
        let keys = Array(leaves.keys)
        let values = gradients(of: loss, withRespectTo: keys.map { leaves[$0]! })
        return Dictionary(uniqueKeysWithValues: zip(keys, values))
    }

    /// The node index of `tensor` on this tape, if it is tracked here.
    private func node(of tensor: Tensor) -> Int? {
        guard let tracking = tensor.tracking else { return nil }
        precondition(tracking.tape === self, "Tape.gradients: a tensor tracked by another tape")
        return tracking.node
    }

    /// Appends `node`; nil when the tape is spent.
    private func append(_ node: Node) -> Int? {
        lock.withLock {
            if spent { return nil }
            nodes.append(node)
            return nodes.count - 1
        }
    }

    /// Runs the nodes backwards from `start`, returning the gradients of the `wanted` nodes.
    private static func backward(_ taken: [Node?], from start: Int, seed: Tensor, wanted: Set<Int>) -> [Int: Tensor] {
        var nodes = taken
        // A node matters when some wanted leaf flows into it (nodes are in recording order).
        var relevant = [Bool](repeating: false, count: nodes.count)
        for index in nodes.indices {
            relevant[index] = wanted.contains(index)
                || (nodes[index]?.inputs.contains { $0.map { relevant[$0] } ?? false } ?? false)
        }
        var grads = [Tensor?](repeating: nil, count: nodes.count)
        grads[start] = seed
        var result: [Int: Tensor] = [:]
        for index in stride(from: start, through: 0, by: -1) {
            guard let node = nodes[index], let grad = grads[index], relevant[index] else {
                nodes[index] = nil
                grads[index] = nil
                continue
            }
            nodes[index] = nil
            grads[index] = nil
            if wanted.contains(index) { result[index] = grad }
            guard let backward = node.backward else { continue }
            let needs = node.inputs.map { input in input.map { relevant[$0] } ?? false }
            guard needs.contains(true) else { continue }
            let inputGrads = backward(grad, node.saved, needs)
            for (input, inputGrad) in zip(node.inputs, inputGrads) {
                guard let input, relevant[input], let inputGrad else { continue }
                if let existing = grads[input] {
                    precondition(existing.shape == inputGrad.shape, "Tape: gradient shape \(inputGrad.shape) ≠ \(existing.shape)")
                    grads[input] = existing.addingSameShape(inputGrad)
                } else {
                    grads[input] = inputGrad
                }
            }
        }
        return result
    }

    /// Records `output` as computed from `inputs` when any input is tracked; returns it
    /// tracked. `saved` is kept for `backward` (stored untracked); untracked calls keep nothing.
    static func record(_ output: Tensor, inputs: [Tensor], saving saved: [Tensor?] = [],
                       backward: @escaping Backward) -> Tensor {
        var tape: Tape?
        for input in inputs {
            guard let tracking = input.tracking, tracking.tape.isRecording else { continue }
            if let tape {
                precondition(tape === tracking.tape, "Tape: an op mixes tensors tracked by two tapes")
            }
            tape = tracking.tape
        }
        guard let tape else { return output }
        let node = Node(
            inputs: inputs.map { $0.tracking?.tape === tape ? $0.tracking?.node : nil },
            saved: saved.map { $0?.detached() ?? Tensor(shape: [0], scalars: []) },
            backward: backward)
        guard let index = tape.append(node) else { return output }
        return Tensor(shape: output.shape, scalars: output.scalars, tracking: Tracking(tape: tape, node: index))
    }
}

/// Where a tracked tensor sits: its tape and node.
struct Tracking: Sendable {
    let tape: Tape
    let node: Int
}
