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

    /// `conv2d` with the number of images per sgemm fixed (for tests of the chunking).
    func conv2d(weight: Tensor, bias: Tensor?, stride: (h: Int, w: Int), padding: (h: Int, w: Int), imagesPerChunk: Int?) -> Tensor {
        let conv = Convolution(input: shape, weight: weight.shape, stride: stride, padding: padding)
        if let bias { precondition(bias.shape == [conv.outChannels], "conv2d: bias \(bias.shape) ≠ [\(conv.outChannels)]") }
        let chunk = imagesPerChunk ?? conv.imagesPerChunk
        let y = ConvolutionKernels.forward(self, weight, bias, conv, chunk)
        let operands = [self, weight] + (bias.map { [$0] } ?? [])
        return Tape.record(y, inputs: operands, saving: [weight.isTracked ? self : nil, isTracked ? weight : nil]) { g, saved, needs in
            let (dx, dw) = ConvolutionKernels.backward(g, x: saved[0], weight: saved[1], conv, chunk,
                                                       needsX: needs[0], needsW: needs[1])
            let db = needs.count > 2 && needs[2] ? ConvolutionKernels.biasGradient(g, conv) : nil
            return [dx, dw, db]
        }
    }
}

/// The loops of `conv2d`: chunks of images through im2col and one sgemm each.
enum ConvolutionKernels {
    static func forward(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?, _ conv: Convolution, _ chunk: Int) -> Tensor {
        let o = conv.outChannels, k = conv.patch, p = conv.positions
        let cols = Scratch(), product = Scratch()
        return x.withPointer { px in
            weight.withPointer { pw in
                Tensor.make(conv.outputShape) { out in
                    let py = out.baseAddress!
                    for start in stride(from: 0, to: conv.batch, by: chunk) {
                        let images = min(chunk, conv.batch - start), columns = images * p
                        let source = columnMatrix(px, conv, start, images, cols)
                        if images == 1 {
                            BLAS.sgemm(m: o, n: p, k: k, a: pw, lda: k, b: source, ldb: p, c: py + start * o * p, ldc: p)
                            continue
                        }
                        let tmp = product.reserve(o * columns)
                        BLAS.sgemm(m: o, n: columns, k: k, a: pw, lda: k, b: source, ldb: columns, c: tmp, ldc: columns)
                        // [O, images, P] → [images, O, P]
                        Parallel.forEach(images * o, costPerItem: p) { item in
                            let image = item / o, channel = item % o
                            (py + ((start + image) * o + channel) * p).update(from: tmp + channel * columns + image * p, count: p)
                        }
                    }
                    if let bias {
                        Parallel.forEach(conv.batch * o, costPerItem: p) { row in
                            let b = bias.scalars[row % o], y = py + row * p
                            for i in 0..<p { y[i] += b }
                        }
                    }
                }
            }
        }
    }

    /// (dx, dweight) as asked.
    static func backward(_ g: Tensor, x: Tensor, weight: Tensor, _ conv: Convolution, _ chunk: Int,
                         needsX: Bool, needsW: Bool) -> (Tensor?, Tensor?) {
        let o = conv.outChannels, k = conv.patch, p = conv.positions
        let imageSize = conv.channels * conv.height * conv.width
        var dx = needsX ? [Float](repeating: 0, count: conv.batch * imageSize) : []
        var dw = needsW ? [Float](repeating: 0, count: o * k) : []
        let cols = Scratch(), gathered = Scratch(), dcols = Scratch()
        g.withPointer { pg in
            for start in stride(from: 0, to: conv.batch, by: chunk) {
                let images = min(chunk, conv.batch - start), columns = images * p
                // The output gradient of the chunk as one [O, images·P] matrix.
                var gradient = pg + start * o * p
                if images > 1 {
                    let buffer = gathered.reserve(o * columns)
                    Parallel.forEach(images * o, costPerItem: p) { item in
                        let image = item / o, channel = item % o
                        (buffer + channel * columns + image * p).update(from: pg + ((start + image) * o + channel) * p, count: p)
                    }
                    gradient = UnsafePointer(buffer)
                }
                if needsW {
                    x.withPointer { px in
                        let source = columnMatrix(px, conv, start, images, cols)
                        dw.withUnsafeMutableBufferPointer { pdw in
                            BLAS.sgemm(transB: true, m: o, n: k, k: columns, a: gradient, lda: columns, b: source, ldb: columns,
                                       beta: 1, c: pdw.baseAddress!, ldc: k)
                        }
                    }
                }
                if needsX {
                    weight.withPointer { pw in
                        dx.withUnsafeMutableBufferPointer { pdx in
                            let target = pdx.baseAddress! + start * imageSize
                            if images == 1 && conv.isPointwise {
                                BLAS.sgemm(transA: true, m: k, n: columns, k: o, a: pw, lda: k, b: gradient, ldb: columns,
                                           c: target, ldc: columns)
                                return
                            }
                            let buffer = dcols.reserve(k * columns)
                            BLAS.sgemm(transA: true, m: k, n: columns, k: o, a: pw, lda: k, b: gradient, ldb: columns,
                                       c: buffer, ldc: columns)
                            conv.col2im(buffer, image: 0, images: images, into: target)
                        }
                    }
                }
            }
        }
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

    /// The column matrix of `images` images from `start`: the image itself when pointwise and
    /// alone, else im2col into `scratch`.
    private static func columnMatrix(_ px: UnsafePointer<Float>, _ conv: Convolution, _ start: Int, _ images: Int,
                                     _ scratch: Scratch) -> UnsafePointer<Float> {
        if images == 1 && conv.isPointwise { return px + start * conv.channels * conv.height * conv.width }
        let cols = scratch.reserve(conv.patch * images * conv.positions)
        conv.im2col(px, image: start, images: images, into: cols)
        return UnsafePointer(cols)
    }
}
