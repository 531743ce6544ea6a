/// The geometry of a 2-D convolution over NCHW images with an OIHW kernel, and the
/// im2col / col2im copies that turn it into matrix products (one sgemm per chunk of
/// images: [O, K] · [K, images·P] with K = C·kh·kw patch values and P output positions).
struct Convolution: Sendable {
    let batch: Int, channels: Int, height: Int, width: Int
    let outChannels: Int, kernelH: Int, kernelW: Int
    let strideH: Int, strideW: Int, padH: Int, padW: Int
    let outH: Int, outW: Int

    /// Products narrower than this many columns batch several images into one sgemm.
    static let targetColumns = 2048
    /// The most floats a chunk's column matrix may take when it holds more than one image.
    static let chunkFloats = 1 << 22

    init(input: [Int], weight: [Int], stride: (h: Int, w: Int), padding: (h: Int, w: Int)) {
        precondition(input.count == 4 && weight.count == 4 && input[1] == weight[1],
                     "conv2d: input \(input) does not fit weight \(weight) (NCHW · OIHW)")
        precondition(stride.h > 0 && stride.w > 0 && padding.h >= 0 && padding.w >= 0,
                     "conv2d: stride \(stride) must be positive and padding \(padding) non-negative")
        (batch, channels, height, width) = (input[0], input[1], input[2], input[3])
        (outChannels, kernelH, kernelW) = (weight[0], weight[2], weight[3])
        (strideH, strideW, padH, padW) = (stride.h, stride.w, padding.h, padding.w)
        outH = (height + 2 * padH - kernelH) / strideH + 1
        outW = (width + 2 * padW - kernelW) / strideW + 1
        precondition(height + 2 * padH >= kernelH && width + 2 * padW >= kernelW,
                     "conv2d: kernel \(kernelH)×\(kernelW) larger than padded input \(input)")
    }

    /// Values per patch (rows of the column matrix).
    var patch: Int { channels * kernelH * kernelW }
    /// Output positions per image.
    var positions: Int { outH * outW }
    /// Whether the column matrix of one image is the image itself (1×1, stride 1, no padding).
    var isPointwise: Bool { kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0 }
    /// The output shape [N, O, outH, outW].
    var outputShape: [Int] { [batch, outChannels, outH, outW] }

    /// How many images go into one product.
    var imagesPerChunk: Int {
        let wanted = (Convolution.targetColumns + positions - 1) / max(positions, 1)
        let fits = Convolution.chunkFloats / max(Swift.max(patch, outChannels) * positions, 1)
        return Swift.max(1, Swift.min(batch, wanted, fits))
    }

    /// Writes the column matrix of `images` images starting at `image` into `cols`
    /// ([patch, images·positions], image-major along a row).
    func im2col(_ x: UnsafePointer<Float>, image: Int, images: Int, into cols: UnsafeMutablePointer<Float>) {
        let ld = images * positions
        Parallel.forEach(images * patch, costPerItem: positions, grain: 1 << 14) { item in
            let local = item / patch, row = item % patch
            let c = row / (kernelH * kernelW), kh = (row / kernelW) % kernelH, kw = row % kernelW
            let source = x + ((image + local) * channels + c) * height * width
            let target = cols + row * ld + local * positions
            let (low, high) = validColumns(kw)
            for oh in 0..<outH {
                let ih = oh * strideH - padH + kh
                let out = target + oh * outW
                guard ih >= 0 && ih < height, low < high else {
                    out.update(repeating: 0, count: outW)
                    continue
                }
                out.update(repeating: 0, count: low)
                let line = source + ih * width - padW + kw
                if strideW == 1 {
                    (out + low).update(from: line + low, count: high - low)
                } else {
                    for ow in low..<high { out[ow] = line[ow * strideW] }
                }
                (out + high).update(repeating: 0, count: outW - high)
            }
        }
    }

    /// Adds the column-matrix gradient `cols` of `images` images back into their input
    /// gradient `dx` (the transpose of `im2col`).
    func col2im(_ cols: UnsafePointer<Float>, image: Int, images: Int, into dx: UnsafeMutablePointer<Float>) {
        let ld = images * positions
        Parallel.forEach(images * channels, costPerItem: kernelH * kernelW * positions, grain: 1 << 14) { item in
            let local = item / channels, c = item % channels
            let target = dx + ((image + local) * channels + c) * height * width
            for kh in 0..<kernelH {
                for kw in 0..<kernelW {
                    let row = (c * kernelH + kh) * kernelW + kw
                    let source = cols + row * ld + local * positions
                    let (low, high) = validColumns(kw)
                    for oh in 0..<outH {
                        let ih = oh * strideH - padH + kh
                        guard ih >= 0 && ih < height else { continue }
                        let line = target + ih * width - padW + kw, values = source + oh * outW
                        for ow in low..<high { line[ow * strideW] += values[ow] }
                    }
                }
            }
        }
    }

    /// The output columns whose input column (ow·stride − pad + kw) lies inside the image.
    private func validColumns(_ kw: Int) -> (Int, Int) {
        let firstInside = padW - kw  // ow·stride ≥ pad − kw
        let low = firstInside <= 0 ? 0 : (firstInside + strideW - 1) / strideW
        let lastInside = width - 1 + padW - kw  // ow·stride ≤ width − 1 + pad − kw
        let high = lastInside < 0 ? 0 : Swift.min(outW, lastInside / strideW + 1)
        return (Swift.min(low, outW), high)
    }
}
