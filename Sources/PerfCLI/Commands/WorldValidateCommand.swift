import ArgumentParser
import Foundation
import PerfWorld

/// `perf world validate`: the judge's accuracy on freshly rendered, degraded scenes.
struct WorldValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Measure the judge on freshly rendered scenes with mild blur, noise and colour cast.",
        discussion: """
            Renders --count scenes from the judge-validation seeds (used for nothing else), degrades them, \
            judges them and compares every attribute of every object (shape, colour, size, position) and \
            each scene's object count and background with the truth.
            """
    )

    @Option(help: "Scenes to judge.")
    var count = 1000

    @Option(help: "The first seed (default: the start of the judge-validation seeds).")
    var firstSeed: UInt64 = SeedSpace.judgeValidation.lowerBound

    @Option(help: "Blur σ in pixels of a 32-pixel canvas.")
    var blur: Float = Degradation.mild.blur

    @Option(help: "Noise σ in [−1, 1] units.")
    var noise: Float = Degradation.mild.noise

    @Option(help: "Largest colour cast per channel in [−1, 1] units.")
    var tint: Float = Degradation.mild.tint

    @Option(help: "Width and height in pixels.")
    var size = 32

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        guard (1...1_000_000).contains(count) else {
            throw CLIError.invalidArgument("--count", value: String(count), expected: "1 to 1000000 scenes")
        }
        let validation = JudgeValidation(world: try World(width: size, height: size),
                                         degradation: try Degradation(blur: blur, noise: noise, tint: tint),
                                         count: count, firstSeed: firstSeed)
        let bar = ProgressBar("judging")
        let accuracy = validation.run { bar.update($0, of: $1) }
        if json {
            try Output.json(accuracy)
            return
        }
        Output.line("Judged \(accuracy.scenes) scenes (seeds \(firstSeed)…\(firstSeed + UInt64(count) - 1), \(size)×\(size),"
            + " blur \(blur), noise \(noise), cast \(tint))")
        for attribute in PromptMatch.Attribute.allCases {
            Output.line(Self.row(attribute.rawValue, accuracy.tally(attribute)))
        }
        Output.line(Self.row("object attributes", accuracy.objectAttributes))
        Output.line(Self.row("all attributes", accuracy.allAttributes))
        Output.line(Self.row("scenes fully right", JudgeAccuracy.Tally(correct: accuracy.scenesAllRight, total: accuracy.scenes)))
        for miss in accuracy.misses.prefix(10) {
            Output.line("  miss, seed \(miss.seed): \(miss.caption)\n        seen: \(miss.seen)")
        }
    }

    static func row(_ name: String, _ tally: JudgeAccuracy.Tally) -> String {
        name.padding(toLength: 20, withPad: " ", startingAt: 0)
            + String(format: "%6.2f%%  (%d of %d)", tally.rate * 100, tally.correct, tally.total)
    }
}
