import Foundation

/// What a generated picture suffers compared with a clean render: blur, per-pixel noise and
/// a colour cast. The judge must read pictures through mild degradation.
public struct Degradation: Sendable, Hashable, Codable {
    /// Gaussian blur σ, in pixels of a 32-pixel canvas (scaled with the canvas).
    public var blur: Float
    /// Standard deviation of Gaussian noise added to every value, in [−1, 1] units.
    public var noise: Float
    /// Largest colour cast: one offset per channel and picture, uniform in ±tint, in [−1, 1] units.
    public var tint: Float

    /// A degradation; throws for negative amounts or a blur over 4 pixels.
    public init(blur: Float, noise: Float, tint: Float) throws {
        for (name, value) in [("blur", blur), ("noise", noise), ("tint", tint)] where !(value >= 0 && value <= 4) {
            throw WorldError.invalidSetting(name, value: "\(value)", expected: "a number from 0 to 4")
        }
        self.blur = blur
        self.noise = noise
        self.tint = tint
    }

    private init(checkedBlur blur: Float, noise: Float, tint: Float) {
        self.blur = blur
        self.noise = noise
        self.tint = tint
    }

    /// No change.
    public static let none = Degradation(checkedBlur: 0, noise: 0, tint: 0)
    /// What the judge is validated under: blur σ 0.6 px, noise σ 0.08 (about 10/255), a cast of up to 0.06 (about 8/255) a channel.
    public static let mild = Degradation(checkedBlur: 0.6, noise: 0.08, tint: 0.06)

    /// `picture` blurred, cast and noised; the noise and cast are drawn from `seed`; values clamped to [−1, 1].
    public func apply(to picture: PlanarImage, seed: UInt64) -> PlanarImage {
        var random = WorldRandom(seed: seed, stream: 3)
        let unit = Float(min(picture.width, picture.height)) / 32
        var values = blur > 0 ? Self.blurred(picture, sigma: blur * unit) : picture.values
        let area = picture.width * picture.height
        for channel in 0..<3 {
            let cast = random.uniform(-tint, tint)
            for position in 0..<area {
                let index = channel * area + position
                values[index] = min(max(values[index] + cast + noise * random.normal(), -1), 1)
            }
        }
        return PlanarImage(unchecked: picture.width, picture.height, values)
    }

    /// A separable Gaussian blur of each plane, edges clamped.
    static func blurred(_ picture: PlanarImage, sigma: Float) -> [Float] {
        let reach = max(1, Int((3 * sigma).rounded(.up)))
        var kernel = (-reach...reach).map { offset in Float(exp(-Double(offset * offset) / Double(2 * sigma * sigma))) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        let width = picture.width, height = picture.height, area = width * height
        var across = [Float](repeating: 0, count: 3 * area), result = across
        let source = picture.values
        for plane in 0..<3 {
            let base = plane * area
            for row in 0..<height {
                for column in 0..<width {
                    var sum: Float = 0
                    for (k, weight) in kernel.enumerated() {
                        let c = min(max(column + k - reach, 0), width - 1)
                        sum += weight * source[base + row * width + c]
                    }
                    across[base + row * width + column] = sum
                }
            }
            for row in 0..<height {
                for column in 0..<width {
                    var sum: Float = 0
                    for (k, weight) in kernel.enumerated() {
                        let r = min(max(row + k - reach, 0), height - 1)
                        sum += weight * across[base + r * width + column]
                    }
                    result[base + row * width + column] = sum
                }
            }
        }
        return result
    }
}
