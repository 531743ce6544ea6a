/// What the judge sees in a picture: the background and each object, a pair in caption order.
public struct Judgement: Sendable, Hashable, Codable {
    /// The background colour nearest what the picture's border shows.
    public var background: Background
    /// The border's median colour, as seen.
    public var backgroundSeen: RGB
    /// The objects: a pair in caption order (left before right, top before bottom); otherwise largest first.
    public var objects: [JudgedObject]
    /// How a pair sits; nil unless exactly two objects were seen.
    public var relation: Relation?

    /// A judgement.
    public init(background: Background, backgroundSeen: RGB, objects: [JudgedObject], relation: Relation?) {
        self.background = background
        self.backgroundSeen = backgroundSeen
        self.objects = objects
        self.relation = relation
    }

    /// The scene seen, when it is one the world can render (one or two objects).
    public var scene: Scene? {
        let objects = objects.map { SceneObject(shape: $0.shape, colour: $0.colour, size: $0.size, position: $0.position) }
        return try? Scene(objects: objects, background: background)
    }

    /// The caption of what was seen, or a list of the objects when they make no scene.
    public var summary: String {
        if let scene { return scene.caption }
        if objects.isEmpty { return "no object on a \(background) background" }
        return objects.map { Scene.withArticle($0.phrase) + " " + $0.position.phrase }.joined(separator: ", ")
            + " on " + Scene.withArticle("\(background) background")
    }
}
