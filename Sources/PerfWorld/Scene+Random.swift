extension Scene {
    /// The base scene of `seed`: one object (half the time) at one of five places, or a pair next
    /// to or above each other; every shape, colour, size and background equally likely; without
    /// `patterns`, never a pattern (the base model's held-out prompts and the judge's scenes).
    /// With `patterns` (the world a base model learns patterns from): the same scene, but each
    /// object, one time in three, wears a pattern no concept look has on its shape (a bullseye
    /// square, never a bullseye circle) in a second colour other than its own.
    public static func random(seed: UInt64, patterns: Bool = false) -> Scene {
        var random = WorldRandom(seed: seed, stream: 0)
        // Patterns draw from a stream of their own, so that the objects, places and background
        // stay those of the plain scene.
        var patterning = WorldRandom(seed: seed, stream: 3)
        let count = 1 + random.index(2)
        func object(_ position: Position) -> SceneObject {
            var object = SceneObject(shape: random.pick(Shape.allCases), colour: random.pick(Colour.allCases),
                                     size: random.pick(Size.allCases), position: position)
            if patterns && patterning.index(3) == 0 {
                let kinds = Pattern.Kind.allCases.filter { !Pattern.isConceptLook($0, on: object.shape) }
                let secondaries = Colour.allCases.filter { $0 != object.colour }
                object.pattern = Pattern(patterning.pick(kinds), secondary: patterning.pick(secondaries))
            }
            return object
        }
        if count == 1 {
            let single = object(random.pick(Position.allCases))
            return Scene(single, background: random.pick(Background.allCases))
        }
        let relation = random.pick(Relation.allCases)
        let first = object(relation.positions.first), second = object(relation.positions.second)
        return Scene(first, relation, second, background: random.pick(Background.allCases))
    }

    /// A scene of `seed` showing one object with `look` (a concept's training or test picture):
    /// large three times in four, at any place, on any background.
    public static func random(look: Look, seed: UInt64) -> Scene {
        var random = WorldRandom(seed: seed, stream: 2)
        let size: Size = random.index(4) == 0 ? .small : .large
        let object = SceneObject(look: look, size: size, position: random.pick(Position.allCases))
        return Scene(object, background: random.pick(Background.allCases))
    }
}
