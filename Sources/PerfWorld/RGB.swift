/// An 8-bit sRGB colour; coded as `"#rrggbb"`.
public struct RGB: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Red, 0–255.
    public var red: UInt8
    /// Green, 0–255.
    public var green: UInt8
    /// Blue, 0–255.
    public var blue: UInt8

    /// A colour from its three channels.
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// The colour as three values in [0, 1].
    public var unit: ColourVector {
        ColourVector(Float(red) / 255, Float(green) / 255, Float(blue) / 255)
    }

    /// Reads `"#rrggbb"`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard text.count == 7, text.first == "#", text.dropFirst().allSatisfy(\.isHexDigit), let value = UInt32(text.dropFirst(), radix: 16) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(text) is not #rrggbb"))
        }
        self.init(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
    }

    /// Writes `"#rrggbb"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// `#rrggbb`.
    public var description: String {
        "#" + [red, green, blue].map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}

/// A colour as three floats, each nominally in [0, 1]: for averaging and distances.
public struct ColourVector: Sendable, Hashable, Codable {
    /// Red.
    public var red: Float
    /// Green.
    public var green: Float
    /// Blue.
    public var blue: Float

    /// A colour from its three channels.
    public init(_ red: Float, _ green: Float, _ blue: Float) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Euclidean distance to `other` (0 for equal colours, √3 for black to white).
    public func distance(to other: ColourVector) -> Float {
        let r = red - other.red, g = green - other.green, b = blue - other.blue
        return (r * r + g * g + b * b).squareRoot()
    }

    /// The nearest 8-bit colour (a channel that is not a number becomes 0).
    public var rgb: RGB {
        func byte(_ value: Float) -> UInt8 { value.isNaN ? 0 : UInt8((min(max(value, 0), 1) * 255).rounded()) }
        return RGB(byte(red), byte(green), byte(blue))
    }
}
