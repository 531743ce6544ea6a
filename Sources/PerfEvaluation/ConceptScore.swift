import PerfWorld

/// How pictures generated for concept prompts show the concepts (fidelity) and what else the
/// prompts ask (alignment), as the judge reads them.
public struct ConceptScore: Sendable, Codable {
    /// The gate bias β the pictures were generated with (nil: each concept's own gate).
    public var beta: Float?
    /// Pictures in which every concept the prompt names is present: an object whose look
    /// similarity reaches the threshold (each concept a different object).
    public var present = JudgeAccuracy.Tally()
    /// The mean, over pictures and concepts, of the best look similarity of any object.
    public var fidelity = 0.0
    /// Pictures in which every other attribute the prompt asks is right: the number of
    /// objects, the background, each object's size and place, and the other objects' shape
    /// and colour (not the concepts' shapes: that is fidelity's part).
    public var aligned = JudgeAccuracy.Tally()
    /// Every attribute check other than the concepts' shapes, right or not.
    public var attributes = JudgeAccuracy.Tally()

    /// The similarity above which a look counts as present (the judge's own renderings of a
    /// look score 0.84–0.90, unpatterned objects 0.38–0.59).
    public static let presenceThreshold: Float = 0.7

    /// Scores `pictures`, one per prompt; `looks` maps each concept's placeholder, as the
    /// prompts write it (`<scope/name>`), to the look it was trained on.
    public init(prompts: [EvaluationPrompt], pictures: [PlanarImage], looks: [String: Look], beta: Float? = nil, judge: Judge = Judge()) {
        precondition(prompts.count == pictures.count, "ConceptScore: \(prompts.count) prompts, \(pictures.count) pictures")
        self.beta = beta
        var similaritySum = 0.0, similarityCount = 0
        for (prompt, picture) in zip(prompts, pictures) {
            let judgement = judge.judge(picture)
            let wanted = prompt.asked.objects.compactMap { object in object.concept.flatMap { looks[$0] } }
            // Each concept takes the most similar object not taken by an earlier concept.
            var taken = Set<Int>(), allPresent = true
            for look in wanted {
                let scored = judgement.objects.indices.filter { !taken.contains($0) }.map { index in
                    (index, judge.similarity(of: judgement.objects[index], in: picture, background: judgement.backgroundSeen, to: look).value)
                }
                let best = scored.max { $0.1 < $1.1 }
                similaritySum += Double(best?.1 ?? 0)
                similarityCount += 1
                if let best, best.1 >= Self.presenceThreshold { taken.insert(best.0) } else { allPresent = false }
            }
            present.add(allPresent)
            let concepts = Set(prompt.asked.objects.indices.filter { prompt.asked.objects[$0].concept != nil })
            let checks = judgement.match(prompt.asked, looks: looks).checks.filter { check in
                !(check.attribute == .shape && check.object.map(concepts.contains) == true)
            }
            for check in checks { attributes.add(check.matches) }
            aligned.add(checks.allSatisfy(\.matches))
        }
        fidelity = similarityCount == 0 ? 0 : similaritySum / Double(similarityCount)
    }
}
