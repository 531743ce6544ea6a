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
        let blur = GaussianBlur(sigma: sigma), area = picture.width * picture.height
        return (0..<3).flatMap { plane in
            blur.apply(picture.values[plane * area ..< (plane + 1) * area], columns: picture.width, rows: picture.height, clampEdges: true)
        }
    }
}
