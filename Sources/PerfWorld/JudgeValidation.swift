/// Measures the judge against ground truth: freshly rendered scenes, degraded, judged, and
/// compared attribute by attribute with their captions.
public struct JudgeValidation: Sendable {
    /// The world that renders the scenes.
    public var world: World
    /// What the pictures suffer before judging.
    public var degradation: Degradation
    /// The scene seeds (by default the first of `SeedSpace.judgeValidation`).
    public var seeds: Range<UInt64>
    /// The judge measured.
    public var judge: Judge

    /// A validation over `count` scenes starting at `firstSeed`.
    public init(world: World = .standard, degradation: Degradation = .mild, count: Int = 1000,
                firstSeed: UInt64 = SeedSpace.judgeValidation.lowerBound, judge: Judge = Judge()) {
        self.world = world
        self.degradation = degradation
        seeds = firstSeed ..< firstSeed + UInt64(max(0, count))
        self.judge = judge
    }

    /// Renders, degrades and judges every scene; `progress` hears how many are done.
    public func run(progress: (Int, Int) -> Void = { _, _ in }) -> JudgeAccuracy {
        var accuracy = JudgeAccuracy()
        for (done, seed) in seeds.enumerated() {
            let (scene, clean) = world.example(seed: seed)
            let picture = degradation.apply(to: clean, seed: seed)
            let judgement = judge.judge(picture)
            accuracy.add(judgement.match(ScenePrompt(scene)), seed: seed, caption: scene.caption, seen: judgement.summary)
            progress(done + 1, seeds.count)
        }
        return accuracy
    }
}
