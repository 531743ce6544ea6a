import PerfWorld
import Testing

/// What the judge reports on single pictures, and how it matches prompts.
@Suite struct JudgeTests {
    let world = World.standard
    let judge = Judge()

    @Test func aCleanPairIsReportedInCaptionOrder() throws {
        let scene = try Scene(caption: "a small blue star above a large green heart on a gray background")
        let judgement = judge.judge(world.render(scene, seed: 3))
        #expect(judgement.scene == scene)
        #expect(judgement.relation == .above && judgement.summary == scene.caption)
        #expect(judgement.backgroundSeen == Background.gray.rgb)
        let star = judgement.objects[0]
        #expect(star.colourSeen.unit.distance(to: Colour.blue.rgb.unit) < 0.05 && star.shapeFit > 0.8, "\(star)")
        let placed = world.placements(for: scene, seed: 3)
        #expect(abs(star.placement.x - placed[0].x) < 0.5 && abs(star.placement.y - placed[0].y) < 0.5)
        #expect(abs(star.placement.radius - placed[0].radius) < 0.4)
    }

    @Test func everyBackgroundAloneIsNoObject() throws {
        for background in Background.allCases {
            let rgb = background.rgb
            let picture = try PlanarImage(width: 32, height: 32, rgb8: Array(repeating: [rgb.red, rgb.green, rgb.blue], count: 1024).flatMap { $0 })
            let judgement = judge.judge(Degradation.mild.apply(to: picture, seed: 4))
            #expect(judgement.background == background && judgement.objects.isEmpty && judgement.scene == nil)
            #expect(judgement.summary == "no object on a \(background) background")
        }
    }

    @Test func hostilePixelsNeitherTrapNorInventObjects() throws {
        let sizes = [(1, 1), (2, 3), (7, 1), (300, 4)]
        for (width, height) in sizes {
            let picture = try PlanarImage(width: width, height: height, values: (0 ..< 3 * width * height).map { Float($0 % 7) / 3 - 1 })
            _ = judge.judge(picture)
        }
        for value in [Float.nan, .infinity, -.infinity, 1e30] {
            let picture = try PlanarImage(width: 16, height: 16, values: Array(repeating: value, count: 3 * 256))
            #expect(judge.judge(picture).objects.isEmpty)
        }
        var values = World.standard.example(seed: SeedSpace.tests.lowerBound + 1).picture.values
        for index in stride(from: 0, to: values.count, by: 5) { values[index] = .nan }
        _ = judge.judge(try PlanarImage(width: 32, height: 32, values: values))
    }

    @Test func matchingChecksOnlyWhatThePromptAsks() throws {
        let scene = try Scene(caption: "a large red circle on the left on a white background")
        let judgement = judge.judge(world.render(scene, seed: 8))
        let loose = judgement.match(try ScenePrompt(parsing: "a red circle"))
        #expect(loose.matchesAll && loose.checks.map(\.attribute) == [.count, .shape, .colour])
        let wrong = judgement.match(try ScenePrompt(parsing: "a large blue circle on the right on a black background"))
        #expect(!wrong.matchesAll)
        #expect(Set(wrong.checks.filter { !$0.matches }.map(\.attribute)) == [.colour, .position, .background])
        let concept = judgement.match(try ScenePrompt(parsing: "a <me/ring> on the left"), looks: ["<me/ring>": .bullseyeCircle])
        #expect(concept.matchesAll && concept.checks(of: .shape).first?.asked == "circle")
        // Two objects asked, one seen: the count fails and the seen object is paired with the best match.
        let pair = judgement.match(try ScenePrompt(parsing: "a green star next to a large red circle"))
        #expect(pair.checks(of: .count).first?.matches == false)
        // The red circle is paired with the second object asked; it sits on the left, not on the right.
        #expect(pair.checks.filter { $0.object == 1 && $0.attribute != .position }.allSatisfy { $0.matches })
        #expect(pair.checks.first { $0.object == 1 && $0.attribute == .position }?.seen == "left")
        #expect(pair.checks.filter { $0.object == 0 }.allSatisfy { $0.seen == nil })
    }

    @Test func conceptLooksAreMostLikeThemselves() throws {
        for look in Look.all {
            var own: [Float] = [], plain: [Float] = []
            for offset in 0 ..< 8 {
                let seed = SeedSpace.tests.lowerBound + 30_000 + UInt64(offset)
                let scene = Scene.random(look: look, seed: seed)
                let picture = Degradation.mild.apply(to: world.render(scene, seed: seed), seed: seed)
                let judgement = judge.judge(picture)
                try #require(judgement.objects.count == 1, "\(scene.caption): \(judgement.summary)")
                #expect(judgement.objects[0].shape == look.shape, "\(scene.caption)")
                let similarity = judge.similarity(of: judgement.objects[0], in: picture, background: judgement.backgroundSeen, to: look)
                own.append(similarity.value)
                for other in Look.all where other != look {
                    let otherSimilarity = judge.similarity(of: judgement.objects[0], in: picture, background: judgement.backgroundSeen, to: other)
                    #expect(otherSimilarity.value < similarity.value, "\(scene.caption) vs \(other)")
                }
                // The same object without its pattern is less like the look.
                var flat = scene.objects[0]
                flat.pattern = nil
                let flatScene = Scene(flat, background: scene.background)
                let flatPicture = Degradation.mild.apply(to: world.render(flatScene, seed: seed), seed: seed)
                let flatJudgement = judge.judge(flatPicture)
                let flatSimilarity = judge.similarity(of: flatJudgement.objects[0], in: flatPicture,
                                                      background: flatJudgement.backgroundSeen, to: look)
                plain.append(flatSimilarity.value)
                #expect(flatSimilarity.value < similarity.value, "\(scene.caption)")
            }
            let ownMean = own.reduce(0, +) / Float(own.count), plainMean = plain.reduce(0, +) / Float(plain.count)
            #expect(ownMean >= 0.75 && ownMean - plainMean >= 0.2, "\(look): own \(ownMean), without pattern \(plainMean)")
        }
    }
}
