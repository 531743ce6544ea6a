extension Judgement {
    /// How what was seen agrees with what `prompt` asks. The prompt's objects are paired with the
    /// seen ones in order when the counts agree, else by best agreement.
    /// A concept placeholder's shape is checked against its look's shape when `looks` names it.
    public func match(_ prompt: ScenePrompt, looks: [String: Look] = [:]) -> PromptMatch {
        var checks = [PromptMatch.Check(object: nil, attribute: .count, asked: String(prompt.objects.count),
                                        seen: String(objects.count))]
        if let background = prompt.background {
            checks.append(.init(object: nil, attribute: .background, asked: background.rawValue, seen: self.background.rawValue))
        }
        let paired = pairing(prompt, looks: looks)
        for (index, asked) in prompt.objects.enumerated() {
            let seen = paired[index].map { objects[$0] }
            let shape = asked.shape ?? asked.concept.flatMap { looks[$0]?.shape }
            let attributes: [(PromptMatch.Attribute, String?, String?)] = [
                (.shape, shape?.rawValue, seen?.shape.rawValue),
                (.colour, asked.colour?.rawValue, seen?.colour.rawValue),
                (.size, asked.size?.rawValue, seen?.size.rawValue),
                (.position, asked.position?.rawValue, seen?.position.rawValue),
            ]
            for case let (attribute, wanted?, observed) in attributes {
                checks.append(.init(object: index, attribute: attribute, asked: wanted, seen: observed))
            }
        }
        return PromptMatch(checks: checks)
    }

    /// For each prompt object, the index of the seen object it is compared with: in order when the
    /// counts agree; otherwise the best-agreeing pairs first (shape and colour weigh twice as much as
    /// size and position), each seen object used once.
    private func pairing(_ prompt: ScenePrompt, looks: [String: Look]) -> [Int?] {
        if prompt.objects.count == objects.count { return objects.indices.map { $0 } }
        var candidates: [(asked: Int, seen: Int, score: Int)] = []
        for (asked, object) in prompt.objects.enumerated() {
            let shape = object.shape ?? object.concept.flatMap { looks[$0]?.shape }
            for (seen, judged) in objects.enumerated() {
                let score = (shape == judged.shape ? 2 : 0) + (object.colour == judged.colour ? 2 : 0)
                    + (object.size == judged.size ? 1 : 0) + (object.position == judged.position ? 1 : 0)
                candidates.append((asked, seen, score))
            }
        }
        candidates.sort { ($0.score, -$0.asked, -$0.seen) > ($1.score, -$1.asked, -$1.seen) }
        var pairing = [Int?](repeating: nil, count: prompt.objects.count), used = Set<Int>()
        for candidate in candidates where pairing[candidate.asked] == nil && !used.contains(candidate.seen) {
            pairing[candidate.asked] = candidate.seen
            used.insert(candidate.seen)
        }
        return pairing
    }
}
