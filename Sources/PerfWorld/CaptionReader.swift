/// Reads a caption word by word into a `ScenePrompt` (the grammar is on `ScenePrompt`).
struct CaptionReader {
    private let text: String
    private let words: [String]
    private var index = 0

    init(_ text: String) {
        self.text = text
        words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map { word in
            var word = String(word)
            while let last = word.last, last == "." || last == "," { word.removeLast() }
            return word.hasPrefix("<") ? word : word.lowercased()
        }.filter { !$0.isEmpty }
    }

    private static let sizes = Dictionary(uniqueKeysWithValues: Size.allCases.map { ($0.rawValue, $0) })
    private static let colours = Dictionary(uniqueKeysWithValues: Colour.allCases.map { ($0.rawValue, $0) })
    private static let shapes = Dictionary(uniqueKeysWithValues: Shape.allCases.map { ($0.rawValue, $0) })
    private static let patterns = Dictionary(uniqueKeysWithValues: Pattern.Kind.allCases.map { ($0.rawValue, $0) })
    private static let backgrounds = Dictionary(uniqueKeysWithValues: Background.allCases.map { ($0.rawValue, $0) })

    private var current: String? { index < words.count ? words[index] : nil }

    /// The whole prompt.
    mutating func prompt() throws -> ScenePrompt {
        guard !words.isEmpty else { throw WorldError.unexpectedEnd(of: text, expected: "\"a\" and an object") }
        var first = try object()
        var prompt = ScenePrompt(objects: [first])
        switch current {
        case "next", "above":
            let relation: Relation = current == "next" ? .nextTo : .above
            index += 1
            if relation == .nextTo { try expect("to") }
            var second = try object()
            (first.position, second.position) = relation.positions
            prompt = ScenePrompt(objects: [first, second], relation: relation)
        case "on" where words.indices.contains(index + 1) && words[index + 1] == "the",
             "at", "in":
            prompt.objects[0].position = try place()
        default:
            break
        }
        if current == "on" {
            index += 1
            try article(required: true)
            prompt.background = try take(Self.backgrounds, "a background colour (\(Self.list(Background.allCases)))")
            try expect("background")
        }
        if let current {
            throw WorldError.unknownWord(current, at: index + 1, in: text,
                                         expected: "the end, \"on a ... background\", or a place (\"on the left\", \"next to\", \"above\")")
        }
        return prompt
    }

    /// `[article] [SIZE] [COLOUR ["and" COLOUR] [PATTERN]] (SHAPE | <concept>)`.
    private mutating func object() throws -> PromptObject {
        try article(required: false)
        var object = PromptObject()
        if let word = current, let size = Self.sizes[word] { object.size = size; index += 1 }
        if let word = current, let colour = Self.colours[word] {
            object.colour = colour
            index += 1
            if current == "and" {
                index += 1
                object.secondary = try take(Self.colours, "a second colour (\(Self.list(Colour.allCases)))")
            }
        }
        if let word = current, let kind = Self.patterns[word] { object.patternKind = kind; index += 1 }
        guard let noun = current else {
            throw WorldError.unexpectedEnd(of: text, expected: "a shape (\(Self.list(Shape.allCases))) or a <concept>")
        }
        if noun.hasPrefix("<"), noun.hasSuffix(">"), noun.count > 2 {
            object.concept = noun
        } else if let shape = Self.shapes[noun] {
            object.shape = shape
        } else {
            let expected = object.colour == nil ? "a size, a colour, a shape (\(Self.list(Shape.allCases))) or a <concept>"
                                                : "a shape (\(Self.list(Shape.allCases))) or a <concept>"
            throw WorldError.unknownWord(noun, at: index + 1, in: text, expected: expected)
        }
        index += 1
        return object
    }

    /// "on the left|right", "at the top|bottom", "in the centre".
    private mutating func place() throws -> Position {
        let preposition = current!
        index += 1
        try expect("the")
        let allowed: [Position] = switch preposition {
        case "on": [.left, .right]
        case "at": [.top, .bottom]
        default: [.centre]
        }
        let choices = Dictionary(uniqueKeysWithValues: allowed.map { ($0.rawValue, $0) })
        return try take(choices, "\"\(preposition) the\" followed by \(allowed.map { "\"\($0)\"" }.joined(separator: " or "))")
    }

    private mutating func article(required: Bool) throws {
        if current == "a" || current == "an" {
            index += 1
        } else if required {
            _ = try take([String: Bool](), "\"a\" or \"an\"")
        }
    }

    private mutating func expect(_ word: String) throws {
        _ = try take([word: true], "\"\(word)\"")
    }

    private mutating func take<T>(_ choices: [String: T], _ expected: String) throws -> T {
        guard let word = current else { throw WorldError.unexpectedEnd(of: text, expected: expected) }
        guard let value = choices[word] else { throw WorldError.unknownWord(word, at: index + 1, in: text, expected: expected) }
        index += 1
        return value
    }

    private static func list<T: CustomStringConvertible>(_ values: [T]) -> String {
        values.map(\.description).joined(separator: ", ")
    }
}
