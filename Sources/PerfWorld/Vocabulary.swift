/// Every word the caption grammar uses, in a fixed order: the base model's tokenizer is built
/// from it. Committed as `vocabulary.txt` (one word a line) beside this file.
public enum Vocabulary {
    /// The words of plain base captions (no pattern words: plain scenes have none). Prompts may also
    /// say "an", which no base caption needs.
    public static let words: [String] = {
        let grammar = ["a", "on", "the", "at", "in", "next", "to", "above", "background"]
        let places = Position.allCases.map(\.rawValue)
        return grammar + Size.allCases.map(\.rawValue) + Colour.allCases.map(\.rawValue) + Shape.allCases.map(\.rawValue)
            + places + Background.allCases.map(\.rawValue)
    }()

    /// The extra words that describe concept looks ("and" joins a pattern's two colours);
    /// absent from plain base captions, so a base trained on those need not know them.
    public static let patternWords: [String] = ["and"] + Pattern.Kind.allCases.map(\.rawValue)

    /// The words of patterned base captions (`Scene.random(seed:patterns:)`): `words`, then
    /// `patternWords` as CLIP splits them into words ("polka-dot" is "polka", "-", "dot"), each once.
    public static let patternedWords: [String] = {
        var seen = Set(words)
        let split = patternWords.flatMap { word in Array(word.split(separator: "-").map { [String($0)] }.joined(separator: ["-"])) }
        return words + split.filter { seen.insert($0).inserted }
    }()

    /// `words`, one a line, as `vocabulary.txt` holds them.
    public static var fileContents: String { words.joined(separator: "\n") + "\n" }
}
