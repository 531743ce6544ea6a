import PerfTestSupport
import PerfWorld
import Testing

/// Patterned base scenes (`Scene.random(seed:patterns:)`, what `perf base train --world
/// --patterns` learns from): the plain scene of the same seed with patterns on about a third of
/// its objects, every pattern on every shape except the concept looks' own, and captions that
/// name them and read back.
@Suite struct PatternedSceneTests {
    static let seeds = SeedSpace.tests.lowerBound ..< SeedSpace.tests.lowerBound + 3000

    @Test func theSceneIsThePlainOneWithPatternsAndNeverAConceptLook() throws {
        var objects = 0, patterned = 0
        var seen = Set<String>()
        for seed in Self.seeds {
            let plain = Scene.random(seed: seed), scene = Scene.random(seed: seed, patterns: true)
            #expect(scene.background == plain.background && scene.objects.count == plain.objects.count)
            for (object, original) in zip(scene.objects, plain.objects) {
                #expect(object.shape == original.shape && object.colour == original.colour
                            && object.size == original.size && object.position == original.position)
                objects += 1
                guard let pattern = object.pattern else { continue }
                patterned += 1
                #expect(pattern.secondary != object.colour)
                #expect(!Pattern.isConceptLook(pattern.kind, on: object.shape), "\(scene.caption)")
                seen.insert("\(pattern.kind) \(object.shape)")
            }
            #expect(try Scene(caption: scene.caption) == scene, "\(scene.caption)")
        }
        let share = Double(patterned) / Double(objects)
        #expect(share > 0.3 && share < 0.37, "\(share)")
        // Every kind on every shape, but for the four concept looks.
        #expect(seen.count == Pattern.Kind.allCases.count * Shape.allCases.count - Look.all.count)
        #expect(Look.all.allSatisfy { Pattern.isConceptLook($0.pattern.kind, on: $0.shape) })
        #expect(!Pattern.isConceptLook(.bullseye, on: .square))
    }

    @Test func patternsChangeThePictureAndNothingElse() {
        let world = World.standard
        var changed = 0
        for seed in Self.seeds.prefix(200) {
            let plain = Scene.random(seed: seed), scene = Scene.random(seed: seed, patterns: true)
            let same = world.render(scene, seed: seed) == world.render(plain, seed: seed)
            #expect(same == !scene.hasPattern, "\(scene.caption)")
            if !same { changed += 1 }
        }
        #expect(changed > 40)
    }

    @Test func patternedCaptionsUseThePatternedVocabulary() {
        var used = Set<String>()
        for seed in Self.seeds {
            for word in Scene.random(seed: seed, patterns: true).caption.split(separator: " ") {
                // CLIP splits "polka-dot" into "polka", "-", "dot".
                used.formUnion(Array(word.split(separator: "-").map { [String($0)] }.joined(separator: ["-"])))
            }
        }
        #expect(used == Set(Vocabulary.patternedWords))
        #expect(["and", "bullseye", "polka", "-", "dot", "two", "tone"].allSatisfy(used.contains) && !used.contains("polka-dot"))
        #expect(Array(Vocabulary.patternedWords.prefix(Vocabulary.words.count)) == Vocabulary.words)
        #expect(Set(Vocabulary.patternedWords).count == Vocabulary.patternedWords.count, "each word once")
    }
}
