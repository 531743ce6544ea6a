/// 2-D convolution by im2col + sgemm.
extension Tensor {
    /// Cross-correlation as in PyTorch `conv2d`: x [N, C, H, W], weight [O, C, kh, kw],
    /// bias [O] → [N, O, (H + 2·pad − kh)/stride + 1, (W + 2·pad − kw)/stride + 1].
    public func conv2d(weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) -> Tensor {
        conv2d(weight: weight, bias: bias, stride: (stride, stride), padding: (padding, padding))
    }

    /// `conv2d` with separate vertical and horizontal stride and padding.
    /// Per chunk of images, with cols = im2col(x) [K, P]:
    /// forward y = W·cols + b; backward dW += g·colsᵀ, dcols = Wᵀ·g → col2im → dx, db = Σ g.
    public func conv2d(weight: Tensor, bias: Tensor? = nil, stride: (h: Int, w: Int), padding: (h: Int, w: Int)) -> Tensor {
        conv2d(weight: weight, bias: bias, stride: stride, padding: padding, imagesPerChunk: nil)
    }

    /// `conv2d` with the images per product, or the output rows per band, fixed (for tests).
    func conv2d(weight: Tensor, bias: Tensor?, stride: (h: Int, w: Int), padding: (h: Int, w: Int),
                imagesPerChunk: Int?, rowsPerBand: Int? = nil) -> Tensor {
        let conv = Convolution(input: shape, weight: weight.shape, stride: stride, padding: padding)
        if let bias { precondition(bias.shape == [conv.outChannels], "conv2d: bias \(bias.shape) ≠ [\(conv.outChannels)]") }
        let units = conv.units(imagesPerChunk: imagesPerChunk, rowsPerBand: rowsPerBand)
        let y = ConvolutionKernels.forward(self, weight, bias, conv, units)
        let operands = [self, weight] + (bias.map { [$0] } ?? [])
        return Tape.record(y, inputs: operands, saving: [weight.isTracked ? self : nil, isTracked ? weight : nil]) { g, saved, needs in
            let (dx, dw) = ConvolutionKernels.backward(g, x: saved[0], weight: saved[1], conv, units,
                                                       needsX: needs[0], needsW: needs[1])
            let db = needs.count > 2 && needs[2] ? ConvolutionKernels.biasGradient(g, conv) : nil
            return [dx, dw, db]
        }
    }
}

/// The loops of `conv2d`: each unit through im2col and one sgemm.
enum ConvolutionKernels {
    static func forward(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?, _ conv: Convolution, _ units: [Convolution.Unit]) -> Tensor {
        let o = conv.outChannels, k = conv.patch, p = conv.positions
        let widest = units.map(conv.columns).max() ?? 0
        let gathered = units.contains { $0.images > 1 }
        return Scratch.with(columnFloats(conv, units)) { cols in
        Scratch.with(gathered ? o * widest : 0) { product in
        Tensor.withPointers([x, weight]) { inputs in
        Tensor.make(conv.outputShape) { out in
            let (px, pw, py) = (inputs[0], inputs[1], out.baseAddress!)
            for unit in units {
                let columns = conv.columns(unit)
                let (source, ldb) = columnMatrix(px, conv, unit, cols)
                if unit.images == 1 {  // straight into the image's output rows
                    BLAS.sgemm(m: o, n: columns, k: k, a: pw, lda: k, b: source, ldb: ldb,
                               c: py + unit.image * o * p + unit.rows.lowerBound * conv.outW, ldc: p)
                    continue
                }
                BLAS.sgemm(m: o, n: columns, k: k, a: pw, lda: k, b: source, ldb: ldb, c: product, ldc: columns)
                // [O, images, P] → [images, O, P]
                Parallel.forEach(unit.images * o, costPerItem: p) { item in
                    let image = item / o, channel = item % o
                    VectorMath.copy(product + channel * columns + image * p, to: py + ((unit.image + image) * o + channel) * p, p)
                }
            }
            if let bias {
                Parallel.forEach(conv.batch * o, costPerItem: p) { row in
                    let b = bias.scalars[row % o], y = py + row * p
                    for i in 0..<p { y[i] += b }
                }
            }
        } } } }
    }

    /// (dx, dweight) as asked.
    static func backward(_ g: Tensor, x: Tensor, weight: Tensor, _ conv: Convolution, _ units: [Convolution.Unit],
                         needsX: Bool, needsW: Bool) -> (Tensor?, Tensor?) {
        let o = conv.outChannels, k = conv.patch, p = conv.positions
        let widest = units.map(conv.columns).max() ?? 0
        let gathered = units.contains { $0.images > 1 }
        var dx = [Float](repeating: 0, count: needsX ? conv.batch * conv.imageSize : 0)
        var dw = [Float](repeating: 0, count: needsW ? o * k : 0)
        Scratch.with(needsW ? columnFloats(conv, units) : 0) { cols in
        Scratch.with(gathered ? o * widest : 0) { gradients in
        Scratch.with(needsX ? k * widest : 0) { dcols in
        Tensor.withPointers([g, x, weight]) { inputs in
        dx.withUnsafeMutableBufferPointer { pdx in
        dw.withUnsafeMutableBufferPointer { pdw in
            let (pg, px, pw) = (inputs[0], inputs[1], inputs[2])
            for unit in units {
                let columns = conv.columns(unit)
                // The unit's output gradient as one [O, columns] matrix (rows `ldg` apart).
                var gradient = pg + unit.image * o * p + unit.rows.lowerBound * conv.outW, ldg = p
                if unit.images > 1 {
                    Parallel.forEach(unit.images * o, costPerItem: p) { item in
                        let image = item / o, channel = item % o
                        VectorMath.copy(pg + ((unit.image + image) * o + channel) * p, to: gradients + channel * columns + image * p, p)
                    }
                    (gradient, ldg) = (UnsafePointer(gradients), columns)
                }
                if needsW {  // dW += g·colsᵀ
                    let (source, ldb) = columnMatrix(px, conv, unit, cols)
                    BLAS.sgemm(transB: true, m: o, n: k, k: columns, a: gradient, lda: ldg, b: source, ldb: ldb,
                               beta: 1, c: pdw.baseAddress!, ldc: k)
                }
                if needsX {  // dcols = Wᵀ·g, then col2im
                    if unit.images == 1 && conv.isPointwise {
                        let target = pdx.baseAddress! + unit.image * conv.imageSize + unit.rows.lowerBound * conv.outW
                        BLAS.sgemm(transA: true, m: k, n: columns, k: o, a: pw, lda: k, b: gradient, ldb: ldg, c: target, ldc: p)
                        continue
                    }
                    BLAS.sgemm(transA: true, m: k, n: columns, k: o, a: pw, lda: k, b: gradient, ldb: ldg, c: dcols, ldc: columns)
                    conv.col2im(dcols, unit, into: pdx.baseAddress!)
                }
            }
        } } } } } }
        return (needsX ? Tensor(shape: [conv.batch, conv.channels, conv.height, conv.width], scalars: dx) : nil,
                needsW ? Tensor(shape: [o, conv.channels, conv.kernelH, conv.kernelW], scalars: dw) : nil)
    }

    /// db[o] = Σ_{n, p} g[n, o, p].
    static func biasGradient(_ g: Tensor, _ conv: Convolution) -> Tensor {
        let o = conv.outChannels, p = conv.positions
        var db = [Float](repeating: 0, count: o)
        g.withPointer { pg in
            for row in 0..<conv.batch * o { db[row % o] += Float(Elementwise.sum(pg + row * p, p)) }
        }
        return Tensor(shape: [o], scalars: db)
    }

    /// Floats of the column-matrix buffer (none when every unit is a lone pointwise image).
    private static func columnFloats(_ conv: Convolution, _ units: [Convolution.Unit]) -> Int {
        units.allSatisfy({ $0.images == 1 }) && conv.isPointwise ? 0 : conv.patch * (units.map(conv.columns).max() ?? 0)
    }

    /// The column matrix of `unit` and its row stride: the image itself when pointwise and
    /// alone, else im2col into `buffer`.
    private static func columnMatrix(_ px: UnsafePointer<Float>, _ conv: Convolution, _ unit: Convolution.Unit,
                                     _ buffer: UnsafeMutablePointer<Float>) -> (UnsafePointer<Float>, Int) {
        if unit.images == 1 && conv.isPointwise {
            return (px + unit.image * conv.imageSize + unit.rows.lowerBound * conv.outW, conv.positions)
        }
        conv.im2col(px, unit, into: buffer)
        return (UnsafePointer(buffer), conv.columns(unit))
    }
}
