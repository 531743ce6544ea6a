/// Byte-pair encoding by merge rank (Sennrich et al. 2016, as GPT-2 and CLIP apply it): the
/// adjacent pair whose merge was learnt first is merged everywhere in the word, left to right,
/// until no adjacent pair has a merge.
struct BytePairEncoding: Sendable {
    /// Two adjacent symbols.
    struct Pair: Hashable, Sendable {
        let left: String
        let right: String
    }

    /// Each learnt merge's rank (its line in merges.txt, first is 0).
    let ranks: [Pair: Int]

    /// The ranks of `merges`, in order; a repeated merge keeps its first rank.
    init(merges: [Pair]) {
        var ranks: [Pair: Int] = [:]
        for (rank, pair) in merges.enumerated() where ranks[pair] == nil {
            ranks[pair] = rank
        }
        self.ranks = ranks
    }

    /// Merges `symbols` (one word, its end-of-word marker already on the last symbol).
    func encode(_ symbols: [String]) -> [String] {
        var word = symbols
        while word.count > 1 {
            var best: (rank: Int, pair: Pair)?
            for index in 0..<word.count - 1 {
                let pair = Pair(left: word[index], right: word[index + 1])
                if let rank = ranks[pair], rank < best?.rank ?? .max { best = (rank, pair) }
            }
            guard let pair = best?.pair else { break }
            var merged: [String] = []
            merged.reserveCapacity(word.count)
            var index = 0
            while index < word.count {
                if index + 1 < word.count && word[index] == pair.left && word[index + 1] == pair.right {
                    merged.append(pair.left + pair.right)
                    index += 2
                } else {
                    merged.append(word[index])
                    index += 1
                }
            }
            word = merged
        }
        return word
    }
}
