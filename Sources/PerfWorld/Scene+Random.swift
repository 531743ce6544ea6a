extension Scene {
    /// The base scene of `seed`: one object (half the time) at one of five places, or a pair next
    /// to or above each other; every shape, colour, size and background equally likely; never a pattern.
    public static func random(seed: UInt64) -> Scene {
        var random = WorldRandom(seed: seed, stream: 0)
        let count = 1 + random.index(2)
        func object(_ position: Position) -> SceneObject {
            SceneObject(shape: random.pick(Shape.allCases), colour: random.pick(Colour.allCases),
                        size: random.pick(Size.allCases), position: position)
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
