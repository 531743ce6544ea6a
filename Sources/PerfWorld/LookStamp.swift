/// A look rendered once, finely (4×4 samples a pixel), over a window of the canvas, so that the
/// judge can compare it with a picture at many small shifts without rendering it again.
struct LookStamp {
    /// Samples a pixel along each axis.
    static let samples = 4
    /// The window's first column and row and its size in pixels.
    let left: Int, top: Int, columns: Int, rows: Int
    /// The paint of each sample (row-major, columns·samples wide), the background where the look is absent.
    private let paint: [ColourVector]
    /// Whether each sample is inside the look.
    private let inside: [Bool]
    private let background: ColourVector

    /// `look` at `placement`, over the pixels `columns` × `rows` (canvas coordinates), on `background`.
    init(_ look: Look, at placement: Placement, columns: ClosedRange<Int>, rows: ClosedRange<Int>, background: ColourVector) {
        left = columns.lowerBound
        top = rows.lowerBound
        self.columns = columns.count
        self.rows = rows.count
        self.background = background
        let raster = ObjectRaster(object: SceneObject(look: look, size: .large, position: .centre), placement: placement,
                                  width: Int.max / 2, height: Int.max / 2)
        let n = Self.samples, wide = self.columns * n, step = 1 / Float(n)
        var paint = [ColourVector](repeating: background, count: wide * self.rows * n)
        var inside = [Bool](repeating: false, count: paint.count)
        for sy in 0 ..< self.rows * n {
            for sx in 0 ..< wide {
                if let colour = raster.paint(x: Float(left) + (Float(sx) + 0.5) * step, y: Float(top) + (Float(sy) + 0.5) * step) {
                    paint[sy * wide + sx] = colour
                    inside[sy * wide + sx] = true
                }
            }
        }
        self.paint = paint
        self.inside = inside
    }

    /// The look's colour and coverage at each window pixel, moved right by `dx` and down by `dy` samples.
    func shifted(dx: Int, dy: Int) -> (colours: [ColourVector], coverage: [Float]) {
        let n = Self.samples, wide = columns * n, high = rows * n, weight = 1 / Float(n * n)
        var colours = [ColourVector](repeating: background, count: columns * rows)
        var coverage = [Float](repeating: 0, count: columns * rows)
        for row in 0..<rows {
            for column in 0..<columns {
                var red: Float = 0, green: Float = 0, blue: Float = 0, hits: Float = 0
                for ky in 0..<n {
                    let sy = row * n + ky - dy
                    for kx in 0..<n {
                        let sx = column * n + kx - dx
                        guard sy >= 0, sy < high, sx >= 0, sx < wide else {
                            red += background.red
                            green += background.green
                            blue += background.blue
                            continue
                        }
                        let colour = paint[sy * wide + sx]
                        red += colour.red
                        green += colour.green
                        blue += colour.blue
                        if inside[sy * wide + sx] { hits += 1 }
                    }
                }
                colours[row * columns + column] = ColourVector(red * weight, green * weight, blue * weight)
                coverage[row * columns + column] = hits * weight
            }
        }
        return (colours, coverage)
    }
}
