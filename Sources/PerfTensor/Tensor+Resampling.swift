/// Nearest-neighbour upsampling and embedding lookup: ops that copy rows by index.
extension Tensor {
    /// Nearest upsampling by an integer factor: x [N, C, H, W] → [N, C, H·s, W·s], each
    /// pixel repeated s×s times. Backward: dx = the sum of each s×s block of g.
    public func upsampledNearest(scale: Int = 2) -> Tensor {
        precondition(rank == 4 && scale >= 1, "upsampledNearest: needs [N, C, H, W] and scale ≥ 1, got \(shape), \(scale)")
        let planes = shape[0] * shape[1], height = shape[2], width = shape[3]
        let outW = width * scale, outPlane = height * scale * outW
        let y = withPointer { px in
            Tensor.make([shape[0], shape[1], height * scale, outW]) { out in
                Parallel.forEach(planes, costPerItem: outPlane) { plane in
                    for row in 0..<height * scale {
                        let source = px + plane * height * width + (row / scale) * width
                        let target = out.baseAddress! + plane * outPlane + row * outW
                        for col in 0..<outW { target[col] = source[col / scale] }
                    }
                }
            }
        }
        let original = shape
        return Tape.record(y, inputs: [self]) { g, _, _ in
            [g.withPointer { pg in
                Tensor.makeZeroed(original) { dx in
                    Parallel.forEach(planes, costPerItem: outPlane) { plane in
                        for row in 0..<height * scale {
                            let source = pg + plane * outPlane + row * outW
                            let target = dx.baseAddress! + plane * height * width + (row / scale) * width
                            for col in 0..<outW { target[col / scale] += source[col] }
                        }
                    }
                }
            }]
        }
    }

    /// Embedding lookup: rows of `table` [V, D] picked by `indices` (each in 0..<V), laid out
    /// as `indexShape` → [indexShape..., D]. Backward: dtable[indices[i]] += g[i].
    public static func embedding(_ table: Tensor, indices: [Int], indexShape: [Int]? = nil) -> Tensor {
        precondition(table.rank == 2, "embedding: table must be [V, D], got \(table.shape)")
        let vocabulary = table.shape[0], width = table.shape[1]
        let indexShape = indexShape ?? [indices.count]
        precondition(indexShape.elementCount == indices.count, "embedding: index shape \(indexShape) ≠ \(indices.count) indices")
        if let bad = indices.first(where: { $0 < 0 || $0 >= vocabulary }) {
            preconditionFailure("embedding: index \(bad) outside the table's \(vocabulary) rows")
        }
        let y = table.withPointer { pt in
            Tensor.make(indexShape + [width]) { out in
                for (i, index) in indices.enumerated() {
                    (out.baseAddress! + i * width).update(from: pt + index * width, count: width)
                }
            }
        }
        return Tape.record(y, inputs: [table]) { g, _, _ in
            [g.withPointer { pg in
                Tensor.makeZeroed([vocabulary, width]) { dt in
                    for (i, index) in indices.enumerated() {
                        for j in 0..<width { dt[index * width + j] += pg[i * width + j] }
                    }
                }
            }]
        }
    }
}
