/// How much an object in a picture looks like a concept's look (DESIGN §5: fidelity), each
/// part in [0, 1], 1 for a clean render of the look itself.
public struct LookSimilarity: Sendable, Hashable, Codable {
    /// Histogram intersection of the palette colours of the object's pixels and of the look's:
    /// the share of its colours that the look has in the same proportion.
    public var palette: Float
    /// Pixel agreement with a render of the look in the object's place and size, at the best of
    /// small shifts: 1 − mean colour distance / 0.5, at least 0.
    public var layout: Float

    /// A similarity from its parts.
    public init(palette: Float, layout: Float) {
        self.palette = palette
        self.layout = layout
    }

    /// The similarity: the geometric mean of the parts, so that a look needs both its colours
    /// and their arrangement.
    public var value: Float { (palette * layout).squareRoot() }
}
