extension Picture {
    /// The picture scaled so that it covers `width`×`height` and cropped to it around its
    /// centre (diffusers' training scripts: resize the shorter side, centre crop). Scaling is
    /// separable with a triangle (linear) filter widened by the scale factor when shrinking, so
    /// downscaling averages every source pixel instead of skipping some (as Pillow's
    /// antialiased bilinear resize does).
    public func resizedToCover(width targetWidth: Int, height targetHeight: Int) throws -> Picture {
        guard targetWidth > 0, targetHeight > 0 else {
            throw DiffusionError("picture", .invalidArgument("cannot resize to \(targetWidth)×\(targetHeight)"))
        }
        let scale = max(Double(targetWidth) / Double(width), Double(targetHeight) / Double(height))
        // The scaled picture's size before cropping, never smaller than the target.
        let scaledWidth = max(targetWidth, Int((Double(width) * scale).rounded()))
        let scaledHeight = max(targetHeight, Int((Double(height) * scale).rounded()))
        let left = (scaledWidth - targetWidth) / 2, top = (scaledHeight - targetHeight) / 2
        let columns = Self.filterTaps(source: width, scaled: scaledWidth, range: left ..< left + targetWidth)
        let rows = Self.filterTaps(source: height, scaled: scaledHeight, range: top ..< top + targetHeight)
        let channels = format.channels
        // Horizontal pass into floats [height, targetWidth, channels], then the vertical pass.
        var horizontal = [Float](repeating: 0, count: height * targetWidth * channels)
        for y in 0..<height {
            for (x, taps) in columns.enumerated() {
                for (source, weight) in taps {
                    let from = (y * width + source) * channels, to = (y * targetWidth + x) * channels
                    for c in 0..<channels { horizontal[to + c] += weight * Float(pixels[from + c]) }
                }
            }
        }
        var result = [UInt8](repeating: 0, count: targetHeight * targetWidth * channels)
        for (y, taps) in rows.enumerated() {
            for x in 0..<targetWidth {
                for c in 0..<channels {
                    var sum: Float = 0
                    for (source, weight) in taps { sum += weight * horizontal[(source * targetWidth + x) * channels + c] }
                    result[(y * targetWidth + x) * channels + c] = UInt8(min(max(sum.rounded(), 0), 255))
                }
            }
        }
        return try Picture(width: targetWidth, height: targetHeight, format: format, pixels: result)
    }

    /// The picture mirrored left to right.
    public func mirrored() -> Picture {
        let channels = format.channels
        var result = pixels
        for y in 0..<height {
            for x in 0..<width {
                let from = (y * width + (width - 1 - x)) * channels, to = (y * width + x) * channels
                for c in 0..<channels { result[to + c] = pixels[from + c] }
            }
        }
        // Same size and format as a valid picture: cannot fail.
        return try! Picture(width: width, height: height, format: format, pixels: result)
    }

    /// For each output index in `range` of an axis of `source` pixels scaled to `scaled`, the
    /// source pixels and normalised weights of a triangle filter (support widened when shrinking).
    private static func filterTaps(source: Int, scaled: Int, range: Range<Int>) -> [[(Int, Float)]] {
        let ratio = Double(source) / Double(scaled)
        let support = max(ratio, 1)
        return range.map { output in
            let centre = (Double(output) + 0.5) * ratio
            let first = max(Int((centre - support).rounded(.down)), 0)
            let last = min(Int((centre + support).rounded(.up)), source - 1)
            var taps: [(Int, Float)] = []
            var total = 0.0
            for index in first...max(first, last) {
                let weight = max(0, 1 - abs(Double(index) + 0.5 - centre) / support)
                if weight > 0 { taps.append((index, Float(weight))); total += weight }
            }
            if taps.isEmpty { return [(min(max(Int(centre), 0), source - 1), 1)] }
            return taps.map { ($0.0, Float(Double($0.1) / total)) }
        }
    }
}
