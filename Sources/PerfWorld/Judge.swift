/// Reads a picture of the world (rendered or generated: noisy, blurry, off-colour) and reports
/// the background and each object's shape, colour, size and position (DESIGN §5, "the judge").
///
/// Procedural: the background is the border's median colour; object pixels are those far enough
/// from it (in a lightly smoothed copy), grouped into 8-connected blobs; a blob's colour is the
/// palette colour whose mixtures with the background best explain its pixels; its shape is the
/// outline whose render, placed and sized by the blob's area and centre of mass (and blurred as
/// the picture seems to be), differs least from the blob's coverage; its size and place follow
/// from that outline's radius and centre.
public struct Judge: Sendable {
    /// Smallest colour distance (unit RGB) from the background that marks an object pixel: under
    /// half the smallest distance between an object colour and a background (0.37).
    public var threshold: Float = 0.16
    /// The blurs (Gaussian σ in pixels of a 32-pixel canvas) each outline is tried with, so that a
    /// blurry picture is compared with equally blurry outlines.
    public var blurs: [Float] = [0, 0.6, 1.2]
    /// The least share of its paint's distance from the background an object is taken to reach
    /// (a faded object's full coverage), when that explains its outline better than the paint itself.
    static let fadeFloor: Float = 0.85

    /// A judge with the default threshold.
    public init() {}

    /// What `picture` shows (values outside [−1, 1] count as clamped, values that are not numbers as 0).
    public func judge(_ picture: PlanarImage) -> Judgement {
        let picture = picture.clamped()
        let background = Self.backgroundColour(of: picture)
        let blobs = segment(picture, background: background)
        let unit = Float(min(picture.width, picture.height)) / 32
        var objects = blobs.map { describe($0, in: picture, background: background) }
        var relation: Relation?
        if objects.count == 2 {
            let dx = objects[1].placement.x - objects[0].placement.x, dy = objects[1].placement.y - objects[0].placement.y
            relation = abs(dx) >= abs(dy) ? .nextTo : .above
            let swap = relation == .nextTo ? dx < 0 : dy < 0
            if swap { objects.swapAt(0, 1) }
            (objects[0].position, objects[1].position) = relation!.positions
        } else {
            objects.sort { $0.area > $1.area }
            for index in objects.indices {
                objects[index].position = Self.position(of: objects[index].placement, in: picture, unit: unit)
            }
        }
        return Judgement(background: Background.nearest(to: background), backgroundSeen: background.rgb,
                         objects: objects, relation: relation)
    }

    /// The place of a single object: the centre within 4 units of the canvas's centre, else the
    /// side it is furthest towards.
    static func position(of placement: Placement, in picture: PlanarImage, unit: Float) -> Position {
        let dx = (placement.x - Float(picture.width) / 2) / unit, dy = (placement.y - Float(picture.height) / 2) / unit
        if max(abs(dx), abs(dy)) < 4 { return .centre }
        if abs(dx) >= abs(dy) { return dx < 0 ? .left : .right }
        return dy < 0 ? .top : .bottom
    }

    /// Everything the judge reports about one blob (its position is set by `judge`). Coverage is
    /// measured against the blob's paint twice, taking full coverage as the paint itself (right for a
    /// small blurred object, whose centre never reaches it) or as what the blob reaches (right for a
    /// faded object); the reading whose best outline fits better wins.
    private func describe(_ seen: Blob, in picture: PlanarImage, background: ColourVector) -> JudgedObject {
        let unit = Float(min(picture.width, picture.height)) / 32
        let colour = seen.colour(in: picture, background: background)
        var best: (blob: Blob, outline: Outline)?
        for floor in [1, Self.fadeFloor] {
            let blob = seen.measured(against: colour, in: picture, background: background, floor: floor)
            if let best, best.blob.alpha == blob.alpha { break }
            let outline = Outline.fit(blob, width: picture.width, height: picture.height, blurs: blurs.map { $0 * unit })
            if best == nil || outline.fit > best!.outline.fit { best = (blob, outline) }
            if !seen.flat { break }
        }
        let (blob, outline) = best!
        let size: Size = outline.placement.radius / unit >= Size.threshold ? .large : .small
        return JudgedObject(shape: outline.shape, colour: colour, size: size, position: .centre, colourSeen: blob.colourSeen.rgb,
                            placement: outline.placement, area: blob.area, shapeFit: outline.fit, centroid: blob.centroid)
    }
}
