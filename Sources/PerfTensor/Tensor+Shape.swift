/// Shape ops: reshape, permute, concat, slice. Each materialises a contiguous result.
extension Tensor {
    /// The same elements under `newShape`; one dimension may be -1 (inferred).
    /// Backward: the gradient reshaped back.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let hole = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().reduce(1) { $0 * ($1.offset == hole ? 1 : $1.element) }
            precondition(known > 0 && count % known == 0, "reshape: cannot reshape \(shape) to \(newShape)")
            resolved[hole] = count / known
        }
        precondition(resolved.elementCount == count && resolved.allSatisfy { $0 >= 0 },
                     "reshape: cannot reshape \(shape) to \(newShape)")
        let y = Tensor(shape: resolved, scalars: scalars, tracking: nil)
        let original = shape
        return Tape.record(y, inputs: [self]) { g, _, _ in
            [Tensor(shape: original, scalars: g.scalars, tracking: nil)]
        }
    }

    /// The axes reordered: result axis i is this tensor's axis `axes[i]`.
    /// Backward: the gradient permuted by the inverse permutation.
    public func permuted(_ axes: [Int]) -> Tensor {
        precondition(axes.sorted() == Array(0..<rank), "permute: \(axes) is not a permutation of \(rank) axes")
        let y = permutedUntracked(axes)
        var inverse = axes
        for (i, axis) in axes.enumerated() { inverse[axis] = i }
        return Tape.record(y, inputs: [self]) { [inverse] g, _, _ in [g.permutedUntracked(inverse)] }
    }

    /// The last two axes swapped.
    public func transposed() -> Tensor {
        precondition(rank >= 2, "transposed: needs rank ≥ 2, got \(shape)")
        return permuted(Array(0..<rank - 2) + [rank - 1, rank - 2])
    }

    func permutedUntracked(_ axes: [Int]) -> Tensor {
        if axes == Array(0..<rank) { return detached() }
        let outShape = axes.map { shape[$0] }
        var inStrides = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) { inStrides[axis] = inStrides[axis + 1] * shape[axis + 1] }
        let strides = axes.map { inStrides[$0] }
        let length = outShape.last!, lastStride = strides.last!
        let rows = count / Swift.max(length, 1)
        return withPointer { px in
            Tensor.make(outShape) { out in
                let py = out.baseAddress!
                Parallel.forEach(rows, costPerItem: length) { row in
                    var rest = row, offset = 0
                    for d in stride(from: rank - 2, through: 0, by: -1) {
                        offset += (rest % outShape[d]) * strides[d]
                        rest /= outShape[d]
                    }
                    let x = px + offset, y = py + row * length
                    for i in 0..<length { y[i] = x[i * lastStride] }
                }
            }
        }
    }

    /// `tensors` joined along `axis`; all other dimensions must agree.
    /// Backward: each input gets its slice of the gradient.
    public static func concat(_ tensors: [Tensor], axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "concat: no tensors")
        let first = tensors[0].shape
        precondition(axis >= 0 && axis < first.count, "concat: axis \(axis) out of range for \(first)")
        for t in tensors {
            precondition(t.rank == first.count && t.shape.indices.allSatisfy { $0 == axis || t.shape[$0] == first[$0] },
                         "concat: shape \(t.shape) does not match \(first) off axis \(axis)")
        }
        let outer = first[..<axis].reduce(1, *), inner = first[(axis + 1)...].reduce(1, *)
        let sizes = tensors.map { $0.shape[axis] }
        var shape = first
        shape[axis] = sizes.reduce(0, +)
        let total = shape[axis] * inner
        let y = Tensor.make(shape) { out in
            var start = 0
            for (t, size) in zip(tensors, sizes) {
                let block = size * inner
                t.withPointer { px in
                    for o in 0..<outer {
                        (out.baseAddress! + o * total + start).update(from: px + o * block, count: block)
                    }
                }
                start += block
            }
        }
        return Tape.record(y, inputs: tensors) { g, _, needs in
            var start = 0
            return sizes.indices.map { i in
                defer { start += sizes[i] }
                return needs[i] ? g.sliceUntracked(axis: axis, start ..< start + sizes[i]) : nil
            }
        }
    }

    /// The elements at `range` along `axis`. Backward: the gradient placed back, zeros elsewhere.
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        precondition(axis >= 0 && axis < rank, "slice: axis \(axis) out of range for \(shape)")
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[axis], "slice: \(range) out of 0..<\(shape[axis])")
        let y = sliceUntracked(axis: axis, range)
        let original = shape
        return Tape.record(y, inputs: [self]) { g, _, _ in
            let outer = original[..<axis].reduce(1, *), inner = original[(axis + 1)...].reduce(1, *)
            let block = range.count * inner, total = original[axis] * inner
            return [g.withPointer { pg in
                Tensor.makeZeroed(original) { out in
                    for o in 0..<outer {
                        (out.baseAddress! + o * total + range.lowerBound * inner).update(from: pg + o * block, count: block)
                    }
                }
            }]
        }
    }

    /// `count` equal slices along `axis` (its size must divide evenly).
    public func chunked(_ parts: Int, axis: Int) -> [Tensor] {
        precondition(parts > 0 && shape[axis] % parts == 0, "chunked: \(shape[axis]) does not split into \(parts)")
        let size = shape[axis] / parts
        return (0..<parts).map { slice(axis: axis, $0 * size ..< ($0 + 1) * size) }
    }

    func sliceUntracked(axis: Int, _ range: Range<Int>) -> Tensor {
        let outer = shape[..<axis].reduce(1, *), inner = shape[(axis + 1)...].reduce(1, *)
        var outShape = shape
        outShape[axis] = range.count
        let block = range.count * inner, total = shape[axis] * inner
        return withPointer { px in
            Tensor.make(outShape) { out in
                for o in 0..<outer {
                    (out.baseAddress! + o * block).update(from: px + o * total + range.lowerBound * inner, count: block)
                }
            }
        }
    }
}
