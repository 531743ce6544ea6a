/// The outline that best explains a blob: for each shape, the shape is placed by the blob's
/// centre of mass and sized by its area, rendered with antialiasing (and blurred as much as
/// the picture seems to be), and compared with the blob's coverage; the smallest mismatch wins.
struct Outline {
    /// The winning shape.
    let shape: Shape
    /// Its placement.
    let placement: Placement
    /// 1 − mismatched area / blob area.
    let fit: Float

    /// The best outline for `blob` on a `width`×`height` canvas, trying each blur σ of `blurs` (pixels).
    static func fit(_ blob: Blob, width: Int, height: Int, blurs: [Float]) -> Outline {
        let area = blob.area, centroid = blob.centroid
        var best: Outline?
        for shape in Shape.allCases {
            let geometry = shape.geometry
            let radius = (area / geometry.area).squareRoot()
            let placement = Placement(x: centroid.x - geometry.centroid.u * radius, y: centroid.y - geometry.centroid.v * radius,
                                      radius: radius)
            let window = Window(blob, placement, width: width, height: height)
            let mask = window.mask(blob), coverage = window.coverage(shape, placement)
            for sigma in blurs {
                let template = sigma > 0 ? window.blurred(coverage, sigma: sigma) : coverage
                let mismatch = zip(mask, template).reduce(Float(0)) { $0 + abs($1.0 - $1.1) }
                let candidate = Outline(shape: shape, placement: placement, fit: 1 - mismatch / max(area, 1))
                if best == nil || candidate.fit > best!.fit { best = candidate }
            }
        }
        return best!
    }
}

/// The pixels around a blob and a candidate outline, padded for blurring.
struct Window {
    let left: Int, top: Int, columns: Int, rows: Int
    let width: Int

    init(_ blob: Blob, _ placement: Placement, width: Int, height: Int) {
        let bounds = blob.bounds, reach = placement.radius * 1.05 + 3
        left = max(0, min(bounds.columns.lowerBound - 2, Int((placement.x - reach).rounded(.down))))
        let right = min(width - 1, max(bounds.columns.upperBound + 2, Int((placement.x + reach).rounded(.up))))
        top = max(0, min(bounds.rows.lowerBound - 2, Int((placement.y - reach).rounded(.down))))
        let bottom = min(height - 1, max(bounds.rows.upperBound + 2, Int((placement.y + reach).rounded(.up))))
        columns = max(1, right - left + 1)
        rows = max(1, bottom - top + 1)
        self.width = width
    }

    /// The blob's coverage in the window, 0 elsewhere.
    func mask(_ blob: Blob) -> [Float] {
        var mask = [Float](repeating: 0, count: columns * rows)
        for (pixel, alpha) in zip(blob.pixels, blob.alpha) {
            let column = pixel % width - left, row = pixel / width - top
            if column >= 0, column < columns, row >= 0, row < rows { mask[row * columns + column] = alpha }
        }
        return mask
    }

    /// The outline's antialiased coverage (3×3 samples a pixel) in the window.
    func coverage(_ shape: Shape, _ placement: Placement) -> [Float] {
        let samples = 3, step = 1 / Float(samples), weight = 1 / Float(samples * samples)
        var coverage = [Float](repeating: 0, count: columns * rows)
        for row in 0..<rows {
            for column in 0..<columns {
                var covered: Float = 0
                for sy in 0..<samples {
                    let v = (Float(top + row) + (Float(sy) + 0.5) * step - placement.y) / placement.radius
                    for sx in 0..<samples {
                        let u = (Float(left + column) + (Float(sx) + 0.5) * step - placement.x) / placement.radius
                        if abs(u) <= 1.05, abs(v) <= 1.05, shape.contains(u, v) { covered += weight }
                    }
                }
                coverage[row * columns + column] = covered
            }
        }
        return coverage
    }

    /// `values` blurred by a Gaussian of σ `sigma` pixels (zero outside the window).
    func blurred(_ values: [Float], sigma: Float) -> [Float] {
        GaussianBlur(sigma: sigma, extent: 2.5).apply(values[...], columns: columns, rows: rows, clampEdges: false)
    }
}
