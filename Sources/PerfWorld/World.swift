/// The built-in world (DESIGN §5): scenes of one or two flat-coloured shapes on a plain
/// background, rendered at any size (32×32 by default) with supersampled antialiasing, every
/// scene and every picture fixed by a seed.
public struct World: Sendable, Hashable {
    /// Canvas width in pixels.
    public let width: Int
    /// Canvas height in pixels.
    public let height: Int
    /// Samples per pixel along each axis (4: 16 samples a pixel).
    public let supersampling: Int
    /// Whether objects wobble a little (±4% in size, up to a pixel of a 32-pixel canvas in place), by seed.
    public let jitter: Bool

    /// 32×32 pixels, 4×4 samples a pixel, with jitter.
    public static let standard = World(checkedWidth: 32, height: 32, supersampling: 4, jitter: true)

    /// A world of the given canvas; throws for sizes under 8 or over 4096 pixels, or supersampling outside 1–16.
    public init(width: Int = 32, height: Int = 32, supersampling: Int = 4, jitter: Bool = true) throws {
        for (name, value) in [("width", width), ("height", height)] where !(8...4096).contains(value) {
            throw WorldError.invalidSetting(name, value: String(value), expected: "8 to 4096 pixels")
        }
        guard (1...16).contains(supersampling) else {
            throw WorldError.invalidSetting("supersampling", value: String(supersampling), expected: "1 to 16 samples a side")
        }
        self.init(checkedWidth: width, height: height, supersampling: supersampling, jitter: jitter)
    }

    private init(checkedWidth width: Int, height: Int, supersampling: Int, jitter: Bool) {
        self.width = width
        self.height = height
        self.supersampling = supersampling
        self.jitter = jitter
    }

    /// Pixels per pixel of a 32-pixel canvas: sizes and places scale with the shorter side.
    public var unit: Float { Float(min(width, height)) / 32 }
}
