/// One object as the judge sees it in a picture.
public struct JudgedObject: Sendable, Hashable, Codable {
    /// The outline that fits best.
    public var shape: Shape
    /// The palette colour nearest most of its pixels.
    public var colour: Colour
    /// Small or large, from its area and outline.
    public var size: Size
    /// Where it sits (left/right or top/bottom within a pair).
    public var position: Position
    /// The mean colour of its inner pixels, as seen.
    public var colourSeen: RGB
    /// The fitted outline's centre and radius, in pixels.
    public var placement: Placement
    /// Its area in pixels (pixels at least half covered).
    public var area: Float
    /// How well the fitted outline explains its pixels: 1 − (mismatched area / area), at most 1.
    public var shapeFit: Float
    /// Its centre of mass, in pixels.
    public var centroid: Point

    /// A judged object.
    public init(shape: Shape, colour: Colour, size: Size, position: Position, colourSeen: RGB, placement: Placement,
                area: Float, shapeFit: Float, centroid: Point) {
        self.shape = shape
        self.colour = colour
        self.size = size
        self.position = position
        self.colourSeen = colourSeen
        self.placement = placement
        self.area = area
        self.shapeFit = shapeFit
        self.centroid = centroid
    }

    /// "large red circle".
    public var phrase: String { "\(size) \(colour) \(shape)" }
}
