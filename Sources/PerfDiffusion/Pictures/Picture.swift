/// An 8-bit picture: `height` rows of `width` pixels, top row first, each pixel's channels
/// interleaved (R, G, B[, A]).
public struct Picture: Sendable, Equatable {
    /// The channels of a pixel.
    public enum Format: Int, Sendable {
        /// Red, green, blue.
        case rgb = 3
        /// Red, green, blue, alpha (straight, not premultiplied).
        case rgba = 4

        /// Channels per pixel.
        public var channels: Int { rawValue }
    }

    /// Pixels per row.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Channels per pixel.
    public let format: Format
    /// `height × width × channels` bytes, row-major, channels interleaved.
    public let pixels: [UInt8]

    /// The most pixels perf reads or writes in one picture (64 Mi), so that a hostile header
    /// cannot make it allocate without bound.
    public static let maximumPixelCount = 1 << 26

    /// Wraps `pixels`; throws unless they fill `width × height` pixels of `format` exactly.
    public init(width: Int, height: Int, format: Format, pixels: [UInt8]) throws {
        guard width > 0, height > 0, width <= Self.maximumPixelCount / height else {
            throw DiffusionError("picture", .picture("a \(width)×\(height) picture is empty or larger than \(Self.maximumPixelCount) pixels"))
        }
        guard pixels.count == width * height * format.channels else {
            throw DiffusionError("picture", .picture("\(width)×\(height) \(format) pixels need \(width * height * format.channels) bytes, not \(pixels.count)"))
        }
        self.width = width
        self.height = height
        self.format = format
        self.pixels = pixels
    }

    /// A picture from planes [channels, height, width] of values in [−1, 1] (a VAE's output):
    /// each value becomes round(255 · clamp(x/2 + 0.5, 0, 1)), half to even, as diffusers'
    /// image processor does. `channels` is 3 or 4.
    public init(planes: [Float], channels: Int, height: Int, width: Int) throws {
        guard let format = Format(rawValue: channels) else {
            throw DiffusionError("picture", .picture("\(channels) planes cannot make a picture (3 or 4 are needed)"))
        }
        guard planes.count == channels * height * width else {
            throw DiffusionError("picture", .picture("\(planes.count) values do not fill \(channels) planes of \(width)×\(height)"))
        }
        let area = height * width
        var pixels = [UInt8](repeating: 0, count: planes.count)
        for channel in 0..<channels {
            for position in 0..<area {
                let unit = min(max(planes[channel * area + position] / 2 + 0.5, 0), 1)
                pixels[position * channels + channel] = UInt8((unit * 255).rounded(.toNearestOrEven))
            }
        }
        try self.init(width: width, height: height, format: format, pixels: pixels)
    }

    /// The picture as planes [channels, height, width] of values in [−1, 1]: p / 255 · 2 − 1,
    /// as diffusers prepares training pictures for the VAE.
    public func planes() -> [Float] {
        let channels = format.channels, area = height * width
        var planes = [Float](repeating: 0, count: pixels.count)
        for position in 0..<area {
            for channel in 0..<channels {
                planes[channel * area + position] = Float(pixels[position * channels + channel]) / 255 * 2 - 1
            }
        }
        return planes
    }
}
