import PerfWorld

extension EvaluationPrompt {
    /// Where concept prompts' seeds start: inside `SeedSpace.evaluation`, apart from the base's.
    static let conceptSeeds: UInt64 = SeedSpace.evaluation.lowerBound + (1 << 32)

    /// Held-out prompts asking for the concept `<name>` among the world's words, alternating
    /// alone ("a large <name> on the left on a white background") and beside another object
    /// ("a small <name> above a large blue star on a gray background"); each from an
    /// evaluation scene whose first object the concept replaces, keeping its size and place.
    public static func concept(_ name: String, count: Int) -> [EvaluationPrompt] {
        scenes(count: count, alternating: true).compactMap { seed, scene in
            let first = "a \(scene.objects[0].size) <\(name)>"
            let rest = scene.relation.map { "\($0) \(article(scene.objects[1].phrase))" } ?? scene.objects[0].position.phrase
            return try? EvaluationPrompt(seed: seed, text: "\(first) \(rest) on \(article("\(scene.background) background"))")
        }
    }

    /// Held-out prompts asking for two concepts together: "a large <first> next to a small
    /// <second> on a beige background", from evaluation scenes of two objects.
    public static func concepts(_ first: String, _ second: String, count: Int) -> [EvaluationPrompt] {
        scenes(count: count, alternating: false).compactMap { seed, scene in
            guard let relation = scene.relation else { return nil }
            let text = "a \(scene.objects[0].size) <\(first)> \(relation) a \(scene.objects[1].size) <\(second)> "
                + "on \(article("\(scene.background) background"))"
            return try? EvaluationPrompt(seed: seed, text: text)
        }
    }

    /// `count` evaluation scenes from `conceptSeeds`: alternately one and two objects, or two only.
    private static func scenes(count: Int, alternating: Bool) -> [(UInt64, Scene)] {
        var chosen: [(UInt64, Scene)] = []
        var seed = conceptSeeds
        while chosen.count < count {
            let scene = Scene.random(seed: seed)
            let wantsPair = !alternating || chosen.count % 2 == 1
            if (scene.objects.count == 2) == wantsPair { chosen.append((seed, scene)) }
            seed += 1
        }
        return chosen
    }

    /// "a " or "an " before `phrase`.
    private static func article(_ phrase: String) -> String {
        ("aeiou".contains(phrase.first ?? "x") ? "an " : "a ") + phrase
    }
}
