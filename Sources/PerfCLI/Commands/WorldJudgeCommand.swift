import ArgumentParser
import Foundation
import PerfDiffusion
import PerfWorld

/// `perf world judge FILE.png [--prompt P]`: what the judge sees, and how it matches a prompt.
struct WorldJudgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "judge",
        abstract: "Report the objects the judge sees in a picture of the world.",
        discussion: """
            Prints the background and each object's shape, colour, size and position. With --prompt, \
            checks each attribute the prompt asks for; with --look, scores each object's similarity \
            to a concept look (1 for the look itself).
            """
    )

    @Argument(help: "A PNG picture.")
    var file: String

    @Option(help: "A prompt in the caption grammar, e.g. \"a large red circle on the left on a white background\".")
    var prompt: String?

    @Option(help: "A concept look to compare each object with (\(Look.all.map(\.name).joined(separator: ", "))).")
    var look: [LookOption] = []

    @Flag(help: "Print the result as JSON.")
    var json = false

    /// What `--json` prints.
    struct Report: Encodable {
        let file: String
        let seen: String
        let judgement: Judgement
        let match: PromptMatch?
        let matchesPrompt: Bool?
        let similarities: [String: [LookSimilarityEntry]]
    }

    /// One object's similarity to a look.
    struct LookSimilarityEntry: Encodable {
        let object: Int
        let palette: Float
        let layout: Float
        let value: Float
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: file) else {
            throw CLIError.fileNotFound(file, what: "picture", fix: "pass a PNG file, e.g. one written by `perf world render` or `perf generate`")
        }
        let picture = try Picture.readPNG(from: URL(fileURLWithPath: file))
        let area = picture.width * picture.height
        let planes = picture.planes()
        let image = try PlanarImage(width: picture.width, height: picture.height, values: Array(planes[0 ..< 3 * area]))
        let asked = try prompt.map { try ScenePrompt(parsing: $0) }
        let judge = Judge()
        let judgement = judge.judge(image)
        let match = asked.map { judgement.match($0) }
        var similarities: [String: [LookSimilarityEntry]] = [:]
        for option in look {
            similarities[option.look.name] = judgement.objects.enumerated().map { index, object in
                let similarity = judge.similarity(of: object, in: image, background: judgement.backgroundSeen, to: option.look)
                return LookSimilarityEntry(object: index + 1, palette: similarity.palette, layout: similarity.layout, value: similarity.value)
            }
        }
        if json {
            try Output.json(Report(file: file, seen: judgement.summary, judgement: judgement, match: match,
                                   matchesPrompt: match?.matchesAll, similarities: similarities))
            return
        }
        Output.line("Seen: \(judgement.summary)")
        Output.line("Background: \(judgement.background) (\(judgement.backgroundSeen))")
        for (index, object) in judgement.objects.enumerated() {
            Output.line("Object \(index + 1): \(object.size) \(object.colour) \(object.shape) \(object.position.phrase)"
                + " (colour \(object.colourSeen), centre \(Self.format(object.placement.x)),\(Self.format(object.placement.y)),"
                + " radius \(Self.format(object.placement.radius)), outline fit \(Self.format(object.shapeFit)))")
        }
        for (name, entries) in similarities.sorted(by: { $0.key < $1.key }) {
            for entry in entries {
                Output.line("Object \(entry.object) looks like \(name): \(Self.format(entry.value))"
                    + " (palette \(Self.format(entry.palette)), layout \(Self.format(entry.layout)))")
            }
        }
        if let match {
            for check in match.checks {
                let which = check.object.map { "object \($0 + 1) " } ?? ""
                Output.line("\(check.matches ? "✓" : "✗") \(which)\(check.attribute): asked \(check.asked), seen \(check.seen ?? "nothing")")
            }
            Output.line(match.matchesAll ? "The picture matches the prompt." : "The picture does not match the prompt.")
        }
    }

    static func format(_ value: Float) -> String { String(format: "%.2f", value) }
}
