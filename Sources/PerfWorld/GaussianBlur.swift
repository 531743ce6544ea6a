import Foundation

/// A separable Gaussian blur of one plane (row-major, `columns` × `rows`).
struct GaussianBlur {
    /// Normalised weights from −reach to +reach.
    let weights: [Float]
    /// How many pixels the kernel reaches on each side.
    let reach: Int

    /// A kernel of σ `sigma` pixels, cut at `extent` σ.
    init(sigma: Float, extent: Float = 3) {
        reach = max(1, Int((extent * sigma).rounded(.up)))
        let raw = (-reach...reach).map { offset in exp(-Float(offset * offset) / (2 * sigma * sigma)) }
        let total = raw.reduce(0, +)
        weights = raw.map { $0 / total }
    }

    /// `plane` blurred; outside the plane counts as its nearest edge pixel when `clampEdges`, else as 0.
    func apply(_ plane: ArraySlice<Float>, columns: Int, rows: Int, clampEdges: Bool) -> [Float] {
        let base = plane.startIndex
        var across = [Float](repeating: 0, count: columns * rows), result = across
        for row in 0..<rows {
            for column in 0..<columns {
                var sum: Float = 0
                for k in 0 ... 2 * reach {
                    var source = column + k - reach
                    if source < 0 || source >= columns {
                        guard clampEdges else { continue }
                        source = min(max(source, 0), columns - 1)
                    }
                    sum += weights[k] * plane[base + row * columns + source]
                }
                across[row * columns + column] = sum
            }
        }
        for row in 0..<rows {
            for column in 0..<columns {
                var sum: Float = 0
                for k in 0 ... 2 * reach {
                    var source = row + k - reach
                    if source < 0 || source >= rows {
                        guard clampEdges else { continue }
                        source = min(max(source, 0), rows - 1)
                    }
                    sum += weights[k] * across[source * columns + column]
                }
                result[row * columns + column] = sum
            }
        }
        return result
    }
}
