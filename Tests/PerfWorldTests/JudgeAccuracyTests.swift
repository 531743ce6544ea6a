import PerfWorld
import Testing

/// The judge against freshly rendered ground truth: at least 97% of every attribute right on
/// held-out scenes with mild blur, noise and colour cast (the full 1,000-scene number comes from
/// `perf world validate`).
@Suite struct JudgeAccuracyTests {
    @Test func mildlyDegradedHeldOutScenesAreJudgedRight() {
        // Judge-validation seeds past the 1,000 that `perf world validate` uses by default.
        let validation = JudgeValidation(count: 300, firstSeed: SeedSpace.judgeValidation.lowerBound + 100_000)
        let accuracy = validation.run()
        #expect(accuracy.scenes == 300)
        #expect(accuracy.tally(.shape).total >= 400 && accuracy.tally(.count).total == 300)
        for attribute in PromptMatch.Attribute.allCases {
            let tally = accuracy.tally(attribute)
            #expect(tally.rate >= 0.97, "\(attribute): \(tally.correct) of \(tally.total); misses: \(accuracy.misses.prefix(3))")
        }
        #expect(accuracy.objectAttributes.rate >= 0.97)
    }

    @Test func cleanPicturesAtAnotherSizeAreJudgedRight() throws {
        let validation = JudgeValidation(world: try World(width: 64, height: 64, supersampling: 2), degradation: .none,
                                         count: 40, firstSeed: SeedSpace.tests.lowerBound + 20_000)
        let accuracy = validation.run()
        #expect(accuracy.allAttributes.rate >= 0.97, "misses: \(accuracy.misses)")
    }

    @Test func aJudgeThatCannotSeeFailsTheValidation() {
        // The tally is honest: a judge that sees no object scores on backgrounds only.
        var blind = Judge()
        blind.threshold = 10
        let accuracy = JudgeValidation(count: 20, firstSeed: SeedSpace.tests.lowerBound, judge: blind).run()
        #expect(accuracy.tally(.count).correct == 0 && accuracy.tally(.shape).correct == 0)
        #expect(accuracy.tally(.background).rate == 1 && accuracy.scenesAllRight == 0 && accuracy.misses.count == 20)
    }
}
