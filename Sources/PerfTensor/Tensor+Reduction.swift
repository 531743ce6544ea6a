/// Reductions: sum, mean and max over everything or along one axis.
extension Tensor {
    /// Σ of all elements, shape []. Backward: dx = g broadcast.
    public func sum() -> Tensor {
        let y = Tensor(Float(Elementwise.sum(self)))
        let original = shape
        return Tape.record(y, inputs: [self]) { g, _, _ in [Tensor(shape: original, repeating: g.scalar)] }
    }

    /// The mean of all elements, shape []. Backward: dx = g / count.
    public func mean() -> Tensor { sum() * (1 / Float(Swift.max(count, 1))) }

    /// Σ along `axis`: [..., n, ...] → [..., ...] (or [..., 1, ...] keeping the dimension).
    /// Backward: dx = g broadcast along `axis`.
    public func sum(axis: Int, keepingDimension: Bool = false) -> Tensor {
        let (outer, length, inner) = split(at: axis)
        var outShape = shape
        outShape[axis] = 1
        let y = withPointer { px in
            Tensor.makeZeroed(outShape) { out in
                let py = out.baseAddress!
                Parallel.forEach(outer, costPerItem: length * inner) { o in
                    let y = py + o * inner
                    for j in 0..<length {
                        let x = px + (o * length + j) * inner
                        for i in 0..<inner { y[i] += x[i] }
                    }
                }
            }
        }
        let kept = Tape.record(y, inputs: [self]) { [shape] g, _, _ in
            [Tensor.broadcasting(Tensor.zeros(shape), g, +)]
        }
        return keepingDimension ? kept : kept.reshaped(shape.enumerated().filter { $0.offset != axis }.map(\.element))
    }

    /// The mean along `axis`.
    public func mean(axis: Int, keepingDimension: Bool = false) -> Tensor {
        sum(axis: axis, keepingDimension: keepingDimension) * (1 / Float(Swift.max(shape[axis], 1)))
    }

    /// The maximum along `axis`. Backward: g flows to the (first) largest element.
    public func max(axis: Int, keepingDimension: Bool = false) -> Tensor {
        let (outer, length, inner) = split(at: axis)
        precondition(length > 0, "max: axis \(axis) of \(shape) is empty")
        var outShape = shape
        outShape[axis] = 1
        var winners = [Int](repeating: 0, count: outer * inner)
        let y = withPointer { px in
            Tensor.make(outShape) { out in
                for o in 0..<outer {
                    for i in 0..<inner {
                        var best = 0
                        for j in 1..<length where px[(o * length + j) * inner + i] > px[(o * length + best) * inner + i] {
                            best = j
                        }
                        winners[o * inner + i] = best
                        out[o * inner + i] = px[(o * length + best) * inner + i]
                    }
                }
            }
        }
        let kept = Tape.record(y, inputs: [self]) { [shape, winners] g, _, _ in
            [Tensor.makeZeroed(shape) { dx in
                for o in 0..<outer {
                    for i in 0..<inner { dx[(o * length + winners[o * inner + i]) * inner + i] = g.scalars[o * inner + i] }
                }
            }]
        }
        return keepingDimension ? kept : kept.reshaped(shape.enumerated().filter { $0.offset != axis }.map(\.element))
    }

    /// The sizes before, at and after `axis`.
    func split(at axis: Int) -> (outer: Int, length: Int, inner: Int) {
        precondition(axis >= 0 && axis < rank, "axis \(axis) out of range for shape \(shape)")
        return (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }
}
