import PerfTestSupport

/// Requirement texts for the agreement tests, assembled from the grammar's pieces with
/// mistakes mixed in, so that about half of them parse: operators and near-misses, one to
/// four numbers or wildcards (some open in the middle, some with leading zeros), pre-releases
/// (some malformed or misplaced), build metadata, blanks where they may and may not go, `,`
/// and `||` and their near-misses, stray bytes, and single-byte edits of all of these.
struct RequirementStrings {
    private var random: SeededRandomNumberGenerator

    init(seed: UInt64) { random = SeededRandomNumberGenerator(seed: seed) }

    /// `count` generated texts.
    mutating func generate(_ count: Int) -> [String] {
        (0..<count).map { _ in requirement() }
    }

    /// Texts either side of the 256-byte limit: valid up to it, and one byte past it.
    static let lengthEdges: [String] = {
        let union = String(repeating: ">=1.0.0, <2.0.0-rc.1 || ", count: 10) + "1.*"
        var texts: [String] = []
        for length in [256, 257] {
            let padding: String = String(repeating: " ", count: length - union.utf8.count)
            let tabs: String = String(repeating: "\t", count: length - 1)
            let nines: String = String(repeating: "9", count: length - 4)
            texts += ["^1" + String(repeating: " ", count: length - 2), tabs + "*", union + padding, "1." + nines + ".x"]
        }
        return texts
    }()

    // MARK: Pieces

    private mutating func requirement() -> String {
        var text = blank()
        for index in 0..<Int.random(in: 1...4, using: &random) {
            if index > 0 { text += blank() + separator() + blank() }
            text += comparator()
        }
        text += blank()
        if chance(1, in: 6) { text = edited(text) }
        if chance(1, in: 25) { text += pick(["\n", "\r\n", "\u{0}", "\u{7F}", "\u{B}", "é", "\u{FF11}"]) }
        return text
    }

    private mutating func comparator() -> String {
        if chance(1, in: 3) { return wildcard() }
        let op = chance(1, in: 20) ? pick(["=>", "^^", "v", "==", "!=", "<>", "~>", "&"]) : pick(["", "^", "~", "=", ">", ">=", "<", "<="])
        var parts = (0..<Int.random(in: 1...3, using: &random)).map { _ in number() }
        if chance(1, in: 25) { parts.append(number()) }
        if chance(1, in: 40) { parts = [] }
        var text = op + (op.isEmpty ? "" : blank()) + parts.joined(separator: ".")
        if (parts.count == 3 && chance(1, in: 3)) || chance(1, in: 25) { text += "-" + preRelease() }
        if chance(1, in: 30) { text += "+" + pick(["build.5", "", "sha.0a1"]) }
        return text
    }

    /// `*`, `1.*`, `1.2.x`, …: mostly bare or after `=`, sometimes after another operator,
    /// with a number after the wildcard or a pre-release.
    private mutating func wildcard() -> String {
        let numbers = (0..<Int.random(in: 0...2, using: &random)).map { _ in number() }
        let opens = (0..<Int.random(in: 1...(3 - numbers.count), using: &random)).map { _ in pick(["*", "x", "X"]) }
        var parts = numbers + opens
        if chance(1, in: 12) { parts.append(number()) }
        if chance(1, in: 25) { parts.append("*") }
        let op = chance(1, in: 6) ? pick(["^", "~", ">", ">=", "<", "<="]) : pick(["", "", "", "="])
        var text = op + (op.isEmpty ? "" : blank()) + parts.joined(separator: ".")
        if chance(1, in: 15) { text += "-" + preRelease() }
        return text
    }

    private mutating func number() -> String {
        switch Int.random(in: 0...39, using: &random) {
        case 0: return "01"
        case 1: return ""
        case 2: return "1" + String(repeating: "0", count: 25)
        case 3...10: return "0"
        default: return String(Int.random(in: 1...30, using: &random))
        }
    }

    private mutating func preRelease() -> String {
        (0..<Int.random(in: 1...3, using: &random)).map { _ in
            chance(1, in: 12) ? pick(["01", "", "a_b", "ß", "*"]) : pick(["alpha", "beta", "rc", "0", "1", "12", "0a", "x-y", "-", "X"])
        }.joined(separator: ".")
    }

    private mutating func separator() -> String {
        chance(1, in: 12) ? pick(["|", "|||", ",,", "&&", ";", "", "||,", ", ||"]) : pick([",", "||"])
    }

    private mutating func blank() -> String {
        switch Int.random(in: 0...9, using: &random) {
        case 0: return " "
        case 1: return "\t"
        case 2: return " \t  "
        default: return ""
        }
    }

    /// `text` with one byte inserted, removed or replaced.
    private mutating func edited(_ text: String) -> String {
        var characters = Array(text)
        let alphabet = Array("0123456789.*xX^~=<>-,| \t+aZ_v\n")
        let index = Int.random(in: 0...characters.count, using: &random)
        switch Int.random(in: 0...2, using: &random) {
        case 0: characters.insert(alphabet.randomElement(using: &random)!, at: index)
        case 1 where index < characters.count: characters.remove(at: index)
        default: if index < characters.count { characters[index] = alphabet.randomElement(using: &random)! }
        }
        return String(characters)
    }

    private mutating func chance(_ numerator: Int, in denominator: Int) -> Bool {
        Int.random(in: 0..<denominator, using: &random) < numerator
    }

    private mutating func pick(_ choices: [String]) -> String { choices.randomElement(using: &random)! }
}
