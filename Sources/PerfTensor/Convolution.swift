/// The geometry of a 2-D convolution over NCHW images with an OIHW kernel, and the
/// im2col / col2im copies that turn it into matrix products [O, K] · [K, columns]
/// (K = C·kh·kw patch values per output position).
///
/// The work is split into units whose column matrix stays small enough to live in cache:
/// several small images per product, or one large image in bands of output rows.
struct Convolution: Sendable {
    let batch: Int, channels: Int, height: Int, width: Int
    let outChannels: Int, kernelH: Int, kernelW: Int
    let strideH: Int, strideW: Int, padH: Int, padW: Int
    let outH: Int, outW: Int

    /// Small images are batched until a product has this many columns.
    static let targetColumns = 256
    /// A large image is cut into bands of output rows with at least this many columns...
    static let bandColumns = 1024
    /// ...and column matrices of at most this many floats (16 MB), when that is wider.
    static let unitFloats = 1 << 22

    /// A piece of work: `images` images from `image`, output rows `rows` of each.
    struct Unit {
        let image: Int, images: Int
        let rows: Range<Int>
    }

    init(input: [Int], weight: [Int], stride: (h: Int, w: Int), padding: (h: Int, w: Int)) {
        precondition(input.count == 4 && weight.count == 4 && input[1] == weight[1],
                     "conv2d: input \(input) does not fit weight \(weight) (NCHW · OIHW)")
        precondition(stride.h > 0 && stride.w > 0 && padding.h >= 0 && padding.w >= 0,
                     "conv2d: stride \(stride) must be positive and padding \(padding) non-negative")
        (batch, channels, height, width) = (input[0], input[1], input[2], input[3])
        (outChannels, kernelH, kernelW) = (weight[0], weight[2], weight[3])
        (strideH, strideW, padH, padW) = (stride.h, stride.w, padding.h, padding.w)
        precondition(height + 2 * padH >= kernelH && width + 2 * padW >= kernelW,
                     "conv2d: kernel \(kernelH)×\(kernelW) larger than padded input \(input)")
        outH = (height + 2 * padH - kernelH) / strideH + 1
        outW = (width + 2 * padW - kernelW) / strideW + 1
    }

    /// Values per patch (rows of the column matrix).
    var patch: Int { channels * kernelH * kernelW }
    /// Output positions per image.
    var positions: Int { outH * outW }
    /// Input values per image.
    var imageSize: Int { channels * height * width }
    /// Whether an image is its own column matrix (1×1, stride 1, no padding).
    var isPointwise: Bool { kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0 }
    /// The output shape [N, O, outH, outW].
    var outputShape: [Int] { [batch, outChannels, outH, outW] }

    /// The units of work, in order. `imagesPerChunk` and `rowsPerBand` override the sizes
    /// chosen for cache-resident column matrices (tests use them to reach every path).
    func units(imagesPerChunk: Int? = nil, rowsPerBand: Int? = nil) -> [Unit] {
        let columnsPerRow = Swift.max(outW, 1)
        let band = rowsPerBand ?? Swift.max((Convolution.bandColumns + columnsPerRow - 1) / columnsPerRow,
                                            Convolution.unitFloats / Swift.max(patch * columnsPerRow, 1))
        if imagesPerChunk == nil && band < outH {
            return (0..<batch).flatMap { image in
                stride(from: 0, to: outH, by: band).map { Unit(image: image, images: 1, rows: $0 ..< Swift.min(outH, $0 + band)) }
            }
        }
        let wanted = (Convolution.targetColumns + positions - 1) / Swift.max(positions, 1)
        let fits = Convolution.unitFloats / Swift.max(patch * positions, 1)
        let chunk = imagesPerChunk ?? Swift.max(1, Swift.min(wanted, fits))
        return stride(from: 0, to: batch, by: chunk).map { Unit(image: $0, images: Swift.min(chunk, batch - $0), rows: 0 ..< outH) }
    }

    /// Columns of a unit's matrices.
    func columns(_ unit: Unit) -> Int { unit.images * unit.rows.count * outW }

    /// Writes the column matrix of `unit` into `cols` ([patch, columns], image-major along a row).
    func im2col(_ x: UnsafePointer<Float>, _ unit: Unit, into cols: UnsafeMutablePointer<Float>) {
        let ld = columns(unit), perImage = unit.rows.count * outW
        Parallel.forEach(unit.images * patch, costPerItem: perImage, grain: 1 << 14) { item in
            let local = item / patch, row = item % patch
            let c = row / (kernelH * kernelW), kh = (row / kernelW) % kernelH, kw = row % kernelW
            let source = x + ((unit.image + local) * channels + c) * height * width
            let target = cols + row * ld + local * perImage
            if strideH == 1 && strideW == 1 && outW == width {
                sameRows(source, kh: kh, kw: kw, rows: unit.rows, into: target)
                return
            }
            let (low, high) = validColumns(kw)
            for (line, oh) in unit.rows.enumerated() {
                let ih = oh * strideH - padH + kh
                let out = target + line * outW
                guard ih >= 0 && ih < height, low < high else {
                    VectorMath.zero(out, outW)
                    continue
                }
                VectorMath.zero(out, low)
                let input = source + ih * width - padW + kw
                if strideW == 1 {
                    VectorMath.copy(input + low, to: out + low, high - low)
                } else if strideW == 2 {
                    VectorMath.copyEven(input + 2 * low, to: out + low, high - low)
                } else {
                    for ow in low..<high { out[ow] = input[ow * strideW] }
                }
                VectorMath.zero(out + high, outW - high)
            }
        }
    }

    /// im2col of one (channel, kh, kw) row for a stride-1 convolution whose output rows are as
    /// wide as the input's ("same" padding): every valid output row is its input row shifted
    /// by kw − pad, so the whole block is one copy, then the |shift| columns that wrapped
    /// around from a neighbouring row are zeroed, as are rows that fall in the padding.
    private func sameRows(_ source: UnsafePointer<Float>, kh: Int, kw: Int, rows: Range<Int>, into target: UnsafeMutablePointer<Float>) {
        let first = Swift.max(rows.lowerBound, padH - kh), last = Swift.min(rows.upperBound, height + padH - kh)
        guard first < last else {
            VectorMath.zero(target, rows.count * width)
            return
        }
        VectorMath.zero(target, (first - rows.lowerBound) * width)
        VectorMath.zero(target + (last - rows.lowerBound) * width, (rows.upperBound - last) * width)
        let shift = kw - padW, count = (last - first) * width
        guard abs(shift) < width else {  // every column reads padding
            VectorMath.zero(target + (first - rows.lowerBound) * width, count)
            return
        }
        let input = source + (first - padH + kh) * width, out = target + (first - rows.lowerBound) * width
        if shift >= 0 {
            VectorMath.copy(input + shift, to: out, count - shift)
            VectorMath.zero(out + count - shift, shift)
            for row in 0..<last - first { VectorMath.zero(out + row * width + width - shift, shift) }
        } else {
            VectorMath.zero(out, -shift)
            VectorMath.copy(input, to: out - shift, count + shift)
            for row in 0..<last - first { VectorMath.zero(out + row * width, -shift) }
        }
    }

    /// Adds the column-matrix gradient `cols` of `unit` back into the input gradient `dx`
    /// (the transpose of `im2col`).
    func col2im(_ cols: UnsafePointer<Float>, _ unit: Unit, into dx: UnsafeMutablePointer<Float>) {
        let ld = columns(unit), perImage = unit.rows.count * outW
        Parallel.forEach(unit.images * channels, costPerItem: kernelH * kernelW * perImage, grain: 1 << 14) { item in
            let local = item / channels, c = item % channels
            let target = dx + ((unit.image + local) * channels + c) * height * width
            for kh in 0..<kernelH {
                for kw in 0..<kernelW {
                    let row = (c * kernelH + kh) * kernelW + kw
                    let source = cols + row * ld + local * perImage
                    let (low, high) = validColumns(kw)
                    for (line, oh) in unit.rows.enumerated() {
                        let ih = oh * strideH - padH + kh
                        guard ih >= 0 && ih < height else { continue }
                        let input = target + ih * width - padW + kw, values = source + line * outW
                        if strideW == 1 {
                            VectorMath.add(values + low, into: input + low, high - low)
                        } else {
                            for ow in low..<high { input[ow * strideW] += values[ow] }
                        }
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
