import PerfTestSupport
import PerfWorld
import Testing

/// The caption grammar: every scene's caption reads back to the scene; prompts may leave
/// attributes out; anything outside the grammar is rejected with the word and what was expected.
@Suite struct CaptionTests {
    @Test func everyCaptionReadsBackToItsScene() throws {
        for seed in SeedSpace.tests.lowerBound ..< SeedSpace.tests.lowerBound + 3000 {
            let scene = Scene.random(seed: seed)
            #expect(try Scene(caption: scene.caption) == scene, "\(scene.caption)")
        }
        for look in Look.all {
            for seed in SeedSpace.tests.lowerBound ..< SeedSpace.tests.lowerBound + 50 {
                let scene = Scene.random(look: look, seed: seed)
                #expect(try Scene(caption: scene.caption) == scene, "\(scene.caption)")
            }
        }
    }

    @Test func captionsReadAsTheBriefSaysTheyShould() throws {
        let single = Scene(SceneObject(shape: .circle, colour: .red, size: .large, position: .left), background: .white)
        #expect(single.caption == "a large red circle on the left on a white background")
        let pair = Scene(SceneObject(shape: .star, colour: .blue, size: .small, position: .centre), .above,
                         SceneObject(shape: .heart, colour: .green, size: .large, position: .centre), background: .gray)
        #expect(pair.caption == "a small blue star above a large green heart on a gray background")
        #expect(pair.objects.map(\.position) == [.top, .bottom])
        let orange = Scene(SceneObject(shape: .square, colour: .orange, size: .small, position: .centre), background: .beige)
        #expect(try ScenePrompt(parsing: "an orange square").objects[0].colour == .orange)
        #expect(orange.caption == "a small orange square in the centre on a beige background")
    }

    @Test func promptsMayLeaveAttributesOutAndNameConcepts() throws {
        let prompt = try ScenePrompt(parsing: "a <alice/bullseye> next to a green heart")
        #expect(prompt.relation == .nextTo && prompt.background == nil)
        #expect(prompt.objects[0] == PromptObject(concept: "<alice/bullseye>", position: .left))
        #expect(prompt.objects[1] == PromptObject(colour: .green, shape: .heart, position: .right))
        let bare = try ScenePrompt(parsing: "Star.")
        #expect(bare.objects == [PromptObject(shape: .star)])
        let placed = try ScenePrompt(parsing: "a large <Bob/Check> at the top on a black background")
        #expect(placed.objects[0] == PromptObject(size: .large, concept: "<Bob/Check>", position: .top))
        #expect(placed.background == .black)
        // A concept placeholder or a missing attribute is a prompt, not a scene.
        #expect(throws: WorldError.self) { try Scene(caption: "a <alice/bullseye> on the left on a white background") }
        #expect(throws: WorldError.self) { try Scene(caption: "a red circle on the left on a white background") }
        #expect(throws: WorldError.self) { try Scene(caption: "a large red circle on the left") }
        #expect(throws: WorldError.self) { try Scene(caption: "a large red circle on a white background") }
    }

    @Test func patternsNeedTheirSecondColour() throws {
        let look = try Scene(caption: "a large red and yellow bullseye circle in the centre on a gray background")
        #expect(look.objects[0].pattern == Pattern(.bullseye, secondary: .yellow) && look.hasPattern)
        #expect(throws: WorldError.self) { try Scene(caption: "a large red bullseye circle in the centre on a gray background") }
        #expect(throws: WorldError.self) { try Scene(caption: "a large red and yellow circle in the centre on a gray background") }
    }

    @Test func aConceptCaptionKeepsEverythingButTheLook() throws {
        let look = try Scene(caption: "a large red and yellow bullseye circle on the left on a white background")
        #expect(look.caption(lookPlaceholder: "{}") == "a large {} on the left on a white background")
        let plain = try Scene(caption: "a small blue star above a large green heart on a gray background")
        #expect(plain.caption(lookPlaceholder: "{}") == plain.caption)
        for seed in 0..<50 as Range<UInt64> {
            let scene = Scene.random(look: .twoToneStar, seed: seed)
            let phrase = "\(scene.objects[0].colour) and \(scene.objects[0].pattern!.secondary) two-tone star"
            #expect(scene.caption(lookPlaceholder: "{}").replacingOccurrences(of: "{}", with: phrase) == scene.caption)
        }
    }

    @Test func wordsOutsideTheGrammarAreRejectedByName() throws {
        let cases: [(String, String)] = [
            ("a large red hexagon on the left on a white background", "\"hexagon\""),
            ("a large red circle in the center on a white background", "\"center\""),
            ("a large red circle on the left on a white", "ends too early"),
            ("a large red circle on the left on a mauve background", "\"mauve\""),
            ("a red circle next to a blue star above a green heart", "\"above\""),
            ("a red circle next a blue star", "\"a\""),
            ("a red circle at the left", "\"left\""),
            ("a red circle on the left on the white background", "\"the\""),
            ("", "ends too early"),
            ("   ", "ends too early"),
            ("a large", "ends too early"),
            ("a <> circle", "\"<>\""),
            ("a red circle 🙂", "\"🙂\""),
            ("a red circle\u{0}", "\"circle\\u{0}\""),
        ]
        for (caption, named) in cases {
            do {
                _ = try Scene(caption: caption)
                Issue.record("accepted \"\(caption)\"")
            } catch let error as WorldError {
                let message = error.description.replacingOccurrences(of: "\u{0}", with: "\\u{0}")
                #expect(message.contains(named), "\(caption): \(message)")
                #expect(error.exitStatus == .usage)
            }
        }
        let long = Array(repeating: "red", count: 100_000).joined(separator: " ")
        #expect(throws: WorldError.self) { try ScenePrompt(parsing: long) }
    }

    @Test func scenesOutsideTheWorldAreRejected() {
        let circle = SceneObject(shape: .circle, colour: .red, size: .large, position: .left)
        #expect(throws: WorldError.self) { try Scene(objects: [], background: .white) }
        #expect(throws: WorldError.self) { try Scene(objects: [circle, circle, circle], background: .white) }
        var above = circle
        above.position = .top
        #expect(throws: WorldError.self) { try Scene(objects: [circle, above], background: .white) }
        var right = circle
        right.position = .right
        #expect(throws: WorldError.self) { try Scene(objects: [right, circle], background: .white) }
        #expect((try? Scene(objects: [circle, right], background: .white))?.relation == .nextTo)
    }
}
