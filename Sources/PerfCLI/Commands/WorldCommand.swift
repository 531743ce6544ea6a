import ArgumentParser
import Foundation
import PerfWorld

/// `perf world ...`: the built-in world of DESIGN §5: render captioned scenes, judge pictures,
/// validate the judge, print the caption vocabulary.
struct WorldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "world",
        abstract: "Render, judge and describe the built-in world's scenes.",
        discussion: """
            Scenes hold one or two flat-coloured shapes (circle, square, triangle, star, heart, diamond) \
            in eight colours, two sizes and five places, on a white, black, gray or beige background; \
            every scene and picture is fixed by its seed. Concept looks (bullseye-circle, checkered-square, \
            polka-dot-heart, two-tone-star) are rendered only when asked for with --look.
            """,
        subcommands: [WorldRenderCommand.self, WorldJudgeCommand.self, WorldValidateCommand.self, WorldVocabularyCommand.self]
    )
}

/// `--look NAME` values: the built-in concept looks.
struct LookOption: ExpressibleByArgument {
    let look: Look

    init?(argument: String) {
        guard let look = Look.named(argument) else { return nil }
        self.look = look
    }

    static var allValueStrings: [String] { Look.all.map(\.name) }
}

/// `perf world vocabulary`: every word of the base caption grammar, one a line.
struct WorldVocabularyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocabulary",
        abstract: "Print every word of the caption grammar, one a line (the base tokenizer's words).")

    @Flag(help: "Also print the words of concept looks (pattern names and \"and\").")
    var patterns = false

    func run() throws {
        Output.line((Vocabulary.words + (patterns ? Vocabulary.patternWords : [])).joined(separator: "\n"))
    }
}
