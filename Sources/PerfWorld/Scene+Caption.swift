extension Scene {
    /// The caption: "a large red circle on the left on a white background", "a small blue star
    /// above a large green heart on a gray background".
    public var caption: String { caption(phrase: \.phrase) }

    /// The caption with `placeholder` standing for each patterned object's look, the way a
    /// concept is trained (`perf train --captions`): "a large {} on the left on a white background".
    public func caption(lookPlaceholder placeholder: String) -> String {
        caption { $0.phrase(lookPlaceholder: placeholder) }
    }

    /// The caption with each object named by `phrase`.
    private func caption(phrase: (SceneObject) -> String) -> String {
        var words = Self.withArticle(phrase(objects[0]))
        if let relation {
            words += " \(relation) " + Self.withArticle(phrase(objects[1]))
        } else {
            words += " " + objects[0].position.phrase
        }
        return words + " on " + Self.withArticle("\(background) background")
    }

    /// Reads a caption back into its scene; throws unless the caption names every attribute
    /// (size, colour, shape and place of each object, and the background) and no concept placeholder.
    public init(caption: String) throws {
        try self.init(prompt: ScenePrompt(parsing: caption), caption: caption)
    }

    /// The scene a complete prompt describes; `caption` names it in errors.
    public init(prompt: ScenePrompt, caption: String) throws {
        var objects: [SceneObject] = []
        for (number, asked) in prompt.objects.enumerated() {
            let which = prompt.objects.count == 1 ? "the object" : (number == 0 ? "the first object" : "the second object")
            func missing(_ attribute: String) -> WorldError {
                WorldError.invalidScene(caption, "\(which) has no \(attribute); a scene's caption names every attribute")
            }
            if let concept = asked.concept {
                throw WorldError.invalidScene(caption, "\(concept) is a concept placeholder; the world renders only shapes it knows (a concept's look is a `Look`)")
            }
            guard let size = asked.size else { throw missing("size (small, large)") }
            guard let colour = asked.colour else { throw missing("colour") }
            guard let shape = asked.shape else { throw missing("shape") }
            guard let position = asked.position else { throw missing("place (e.g. \"on the left\", \"in the centre\")") }
            var pattern: Pattern?
            switch (asked.patternKind, asked.secondary) {
            case (nil, nil):
                pattern = nil
            case let (kind?, secondary?):
                pattern = Pattern(kind, secondary: secondary)
            case (nil, _?):
                throw WorldError.invalidScene(caption, "\(which) has two colours but no pattern (bullseye, checkered, polka-dot, two-tone)")
            case (let kind?, nil):
                throw WorldError.invalidScene(caption, "\(which) has a \(kind) pattern but one colour; write \"red and yellow \(kind) \(shape)\"")
            }
            objects.append(SceneObject(shape: shape, colour: colour, size: size, position: position, pattern: pattern))
        }
        guard let background = prompt.background else {
            throw WorldError.invalidScene(caption, "no background; end the caption with \"on a white background\" (white, black, gray, beige)")
        }
        try self.init(objects: objects, background: background)
    }

    /// "a " or "an " before `phrase`, by its first letter.
    static func withArticle(_ phrase: String) -> String {
        let vowel = phrase.first.map { "aeiou".contains($0) } ?? false
        return (vowel ? "an " : "a ") + phrase
    }
}
