import PerfEvaluation
import PerfWorld
import Testing

/// Concept prompts and their score, checked on pictures the world renders: the look where the
/// prompt puts the concept scores present and aligned; the plain superclass shape does not
/// score present; a wrong background breaks alignment only.
@Suite struct ConceptScoreTests {
    static let name = "<perf/bullseye>", look = Look.bullseyeCircle

    /// The world's rendering of what `prompt` asks, with `object` drawn for the concept.
    static func rendering(_ prompt: EvaluationPrompt, concept object: (Size, Position) -> SceneObject, background: Background? = nil) throws -> PlanarImage {
        let scene = Scene.random(seed: prompt.seed)
        let first = object(scene.objects[0].size, scene.objects[0].position)
        let shown = scene.relation.map { Scene(first, $0, scene.objects[1], background: background ?? scene.background) }
            ?? Scene(first, background: background ?? scene.background)
        return World.standard.render(shown, seed: prompt.seed)
    }

    @Test func conceptPromptsParseAndKeepTheScenesAttributes() throws {
        let prompts = EvaluationPrompt.concept("perf/bullseye", count: 6)
        #expect(prompts.count == 6 && prompts.map { $0.asked.objects.count } == [1, 2, 1, 2, 1, 2])
        for prompt in prompts {
            let scene = Scene.random(seed: prompt.seed)
            #expect(prompt.asked.objects[0].concept == Self.name && prompt.asked.objects[0].shape == nil)
            #expect(prompt.asked.objects[0].size == scene.objects[0].size && prompt.asked.background == scene.background)
            #expect(SeedSpace.evaluation.contains(prompt.seed))
        }
        let pairs = EvaluationPrompt.concepts("a/one", "b/two", count: 4)
        #expect(pairs.count == 4 && pairs.allSatisfy { $0.asked.objects.compactMap(\.concept) == ["<a/one>", "<b/two>"] })
    }

    @Test func theLookWhereAskedScoresPresentAndAligned() throws {
        let prompts = EvaluationPrompt.concept("perf/bullseye", count: 12)
        let looks = [Self.name: Self.look]
        let shown = try prompts.map { try Self.rendering($0) { SceneObject(look: Self.look, size: $0, position: $1) } }
        let score = ConceptScore(prompts: prompts, pictures: shown, looks: looks, beta: 0.7)
        #expect(score.present.rate == 1 && score.aligned.rate == 1, "\(score)")
        #expect(score.fidelity > 0.8 && score.beta == 0.7)

        let plain = try prompts.map { try Self.rendering($0) { SceneObject(shape: .circle, colour: .red, size: $0, position: $1) } }
        let plainScore = ConceptScore(prompts: prompts, pictures: plain, looks: looks)
        #expect(plainScore.present.rate < 0.2 && plainScore.fidelity < score.fidelity - 0.2, "\(plainScore)")

        let elsewhere = try prompts.map { prompt in
            try Self.rendering(prompt, concept: { SceneObject(look: Self.look, size: $0, position: $1) },
                               background: prompt.asked.background == .white ? .black : .white)
        }
        let offPrompt = ConceptScore(prompts: prompts, pictures: elsewhere, looks: looks)
        #expect(offPrompt.present.rate == 1 && offPrompt.aligned.rate == 0, "\(offPrompt)")
    }
}
