/// NumPy broadcasting of two shapes, with adjacent dimensions that broadcast alike merged,
/// so that the innermost loop is as long as possible: `[N, C, H, W] + [C, 1, 1]` becomes
/// three dimensions `[N, C, H·W]` with the second operand fixed along the first and last.
struct Broadcast {
    /// The broadcast result's shape.
    let shape: [Int]
    /// The merged dimensions (product = element count); never empty.
    let dims: [Int]
    /// For each operand, its element stride along each merged dimension (0 = broadcast).
    let strides: [[Int]]

    /// The broadcast of `shapes`; nil when some dimension is neither equal nor 1.
    init?(_ shapes: [[Int]]) {
        let rank = shapes.map(\.count).max() ?? 0
        let aligned = shapes.map { [Int](repeating: 1, count: rank - $0.count) + $0 }
        var shape = [Int](repeating: 1, count: rank)
        for axis in 0..<rank {
            let sizes = Set(aligned.map { $0[axis] }).subtracting([1])
            guard sizes.count <= 1 else { return nil }
            shape[axis] = sizes.first ?? 1
        }
        self.shape = shape
        // Merge runs of axes along which every operand either varies or stays fixed.
        var dims: [Int] = []
        var patterns: [[Bool]] = []
        for axis in 0..<rank where shape[axis] != 1 {
            let pattern = aligned.map { $0[axis] == shape[axis] }
            if let last = patterns.last, last == pattern {
                dims[dims.count - 1] *= shape[axis]
            } else {
                dims.append(shape[axis])
                patterns.append(pattern)
            }
        }
        if dims.isEmpty {
            dims = [1]
            patterns = [aligned.map { _ in true }]
        }
        self.dims = dims
        self.strides = shapes.indices.map { operand in
            var strides = [Int](repeating: 0, count: dims.count)
            var step = 1
            for d in dims.indices.reversed() where patterns[d][operand] {
                strides[d] = step
                step *= dims[d]
            }
            return strides
        }
    }

    /// The number of innermost rows and their length.
    var rows: Int { dims.dropLast().reduce(1, *) }
    var rowLength: Int { dims.last! }

    /// The offset of row `row` in operand `operand`.
    @inline(__always)
    func rowOffset(_ row: Int, operand: Int) -> Int {
        var rest = row
        var offset = 0
        let operandStrides = strides[operand]
        for d in stride(from: dims.count - 2, through: 0, by: -1) {
            offset += (rest % dims[d]) * operandStrides[d]
            rest /= dims[d]
        }
        return offset
    }
}
