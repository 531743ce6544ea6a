/// An RGB picture as three planes [3, height, width] of Float32 values in [−1, 1] (the layout
/// and range diffusion models use): what the world renders and the judge reads.
public struct PlanarImage: Sendable, Hashable {
    /// Pixels per row.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Red plane, then green, then blue; each row-major, top row first.
    public let values: [Float]

    /// The most pixels a picture may have (16 Mi).
    public static let maximumPixelCount = 1 << 24

    /// Wraps planes [3, height, width]; throws unless they fill the size exactly.
    public init(width: Int, height: Int, values: [Float]) throws {
        try Self.check(width: width, height: height)
        guard values.count == 3 * width * height else {
            throw WorldError.invalidPicture("\(values.count) values do not fill 3 planes of \(width)×\(height)")
        }
        self.width = width
        self.height = height
        self.values = values
    }

    /// A picture from interleaved 8-bit RGB bytes (row-major, top row first): p / 255 · 2 − 1.
    public init(width: Int, height: Int, rgb8: [UInt8]) throws {
        try Self.check(width: width, height: height)
        guard rgb8.count == 3 * width * height else {
            throw WorldError.invalidPicture("\(rgb8.count) bytes do not fill \(width)×\(height) RGB pixels")
        }
        let area = width * height
        var values = [Float](repeating: 0, count: 3 * area)
        for position in 0..<area {
            for channel in 0..<3 {
                values[channel * area + position] = Float(rgb8[position * 3 + channel]) / 255 * 2 - 1
            }
        }
        self.width = width
        self.height = height
        self.values = values
    }

    /// Wraps values already known to fit.
    init(unchecked width: Int, _ height: Int, _ values: [Float]) {
        self.width = width
        self.height = height
        self.values = values
    }

    /// Interleaved 8-bit RGB: round(255 · clamp(x/2 + 1/2, 0, 1)), half to even.
    public var rgb8: [UInt8] {
        let area = width * height
        var bytes = [UInt8](repeating: 0, count: 3 * area)
        for position in 0..<area {
            for channel in 0..<3 {
                let unit = min(max(values[channel * area + position] / 2 + 0.5, 0), 1)
                bytes[position * 3 + channel] = UInt8((unit * 255).rounded(.toNearestOrEven))
            }
        }
        return bytes
    }

    /// The pixel at column `x`, row `y`, as a colour in [0, 1] (values outside are kept).
    public func colour(x: Int, y: Int) -> ColourVector {
        let area = width * height, position = y * width + x
        return ColourVector(values[position] / 2 + 0.5, values[area + position] / 2 + 0.5, values[2 * area + position] / 2 + 0.5)
    }

    /// The picture with every value clamped to [−1, 1] and values that are not numbers set to 0.
    func clamped() -> PlanarImage {
        guard values.contains(where: { !($0 >= -1 && $0 <= 1) }) else { return self }
        return PlanarImage(unchecked: width, height, values.map { $0.isNaN ? 0 : min(max($0, -1), 1) })
    }

    private static func check(width: Int, height: Int) throws {
        guard width > 0, height > 0, width <= maximumPixelCount / height else {
            throw WorldError.invalidPicture("a \(width)×\(height) picture is empty or larger than \(maximumPixelCount) pixels")
        }
    }
}
