/// A picture's truth: one object anywhere of five places, or two objects side by side or one
/// above the other, on a background. Its caption says all of it; `Scene(caption:)` reads it back.
public struct Scene: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One or two objects; a pair is ordered as its caption names it (left before right, top before bottom).
    public let objects: [SceneObject]
    /// The background.
    public let background: Background

    /// A scene; throws unless it has one object, or two at left/right or top/bottom in that order.
    public init(objects: [SceneObject], background: Background) throws {
        switch objects.count {
        case 1:
            break
        case 2:
            guard Relation(first: objects[0].position, second: objects[1].position) != nil else {
                throw WorldError.invalidScene(objects.map(\.phrase).joined(separator: " and "),
                                              "a pair sits left then right (\"next to\") or top then bottom (\"above\"), "
                                                  + "not \(objects[0].position) then \(objects[1].position)")
            }
        default:
            throw WorldError.invalidScene(objects.map(\.phrase).joined(separator: ", "),
                                          "a scene holds one or two objects, not \(objects.count)")
        }
        self.objects = objects
        self.background = background
    }

    /// A single object on a background.
    public init(_ object: SceneObject, background: Background) {
        objects = [object]
        self.background = background
    }

    /// A pair: `first` next to (left of) or above `second`; their positions follow from `relation`.
    public init(_ first: SceneObject, _ relation: Relation, _ second: SceneObject, background: Background) {
        var first = first, second = second
        (first.position, second.position) = relation.positions
        objects = [first, second]
        self.background = background
    }

    /// How a pair sits; nil for a single object.
    public var relation: Relation? {
        objects.count == 2 ? Relation(first: objects[0].position, second: objects[1].position) : nil
    }

    /// Whether an object carries a pattern (never true of a plain base scene).
    public var hasPattern: Bool { objects.contains { $0.pattern != nil } }

    /// The caption.
    public var description: String { caption }
}
