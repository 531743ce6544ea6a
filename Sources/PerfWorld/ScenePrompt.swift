/// What a caption or prompt asks for, attribute by attribute, as the caption grammar reads it:
///
///     prompt   := object [place] ["on" article BACKGROUND "background"]
///     place    := "on the" (left|right) | "at the" (top|bottom) | "in the centre" | ("next to"|"above") object
///     object   := [article] [SIZE] [COLOUR ["and" COLOUR] [PATTERN]] (SHAPE | <concept>)
///
/// Attributes left out are nil; `Scene(caption:)` needs them all.
public struct ScenePrompt: Sendable, Hashable, Codable {
    /// One or two objects, in the prompt's order.
    public var objects: [PromptObject]
    /// How a pair sits; nil for one object.
    public var relation: Relation?
    /// The background asked for.
    public var background: Background?

    /// A prompt asking for `objects` (positions of a pair follow from `relation`) on `background`.
    public init(objects: [PromptObject], relation: Relation? = nil, background: Background? = nil) {
        self.objects = objects
        self.relation = relation
        self.background = background
    }

    /// What `scene`'s caption asks: every attribute of every object.
    public init(_ scene: Scene) {
        self.init(objects: scene.objects.map(PromptObject.init), relation: scene.relation, background: scene.background)
    }

    /// Reads a caption or prompt; throws, naming the word and what the grammar expected, on
    /// anything outside the grammar.
    public init(parsing text: String) throws {
        var reader = CaptionReader(text)
        self = try reader.prompt()
    }
}
