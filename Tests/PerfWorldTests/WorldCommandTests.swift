import Foundation
import PerfDiffusion
import PerfTestSupport
import PerfWorld
import Testing

/// `perf world render`, `judge`, `validate` and `vocabulary` through the built `perf`.
@Suite struct WorldCommandTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory("perf-world-cli") }

    @discardableResult
    func perf(_ arguments: [String], expect status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessResult {
        let result = try ProcessRunner.perf(arguments, home: dir.path("home"), currentDirectory: dir.url)
        #expect(result.status == status, "perf \(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    @Test func renderWritesTheSeedsPicturesAndCaptions() throws {
        let seed = SeedSpace.tests.lowerBound + 40_000
        try perf(["world", "render", "--seed", String(seed), "--count", "3", "-o", "out", "--masks"])
        let captions = try String(contentsOf: dir.path("out/captions.txt"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(captions.count == 3)
        for index in 0..<3 {
            let (scene, picture) = World.standard.example(seed: seed + UInt64(index))
            #expect(captions[index] == scene.caption)
            let file = try Picture.readPNG(from: dir.path(String(format: "out/%05d.png", index)))
            #expect(file.width == 32 && file.format == .rgb && file.pixels == picture.rgb8)
            let mask = try Picture.readPNG(from: dir.path(String(format: "out/masks/%05d.png", index)))
            #expect(mask.pixels.contains(255) && mask.pixels.contains(0))
        }
        // The same seed gives the same bytes.
        try perf(["world", "render", "--seed", String(seed), "--count", "1", "-o", "again"])
        #expect(try Data(contentsOf: dir.path("again/00000.png")) == Data(contentsOf: dir.path("out/00000.png")))
    }

    @Test func judgeReportsWhatItSeesAndChecksAPrompt() throws {
        try perf(["world", "render", "--seed", String(SeedSpace.tests.lowerBound + 77), "--count", "1", "-o", "one", "--degrade"])
        let caption = try String(contentsOf: dir.path("one/captions.txt"), encoding: .utf8).trimmingCharacters(in: .newlines)
        let text = try perf(["world", "judge", "one/00000.png", "--prompt", caption]).stdout
        #expect(text.contains("Seen: \(caption)") && text.contains("The picture matches the prompt."))
        let scene = try Scene(caption: caption)
        var wrongObject = scene.objects[0]
        wrongObject.colour = wrongObject.colour == .red ? .blue : .red
        let wrong = try Scene(objects: [wrongObject] + scene.objects.dropFirst(), background: scene.background).caption
        let json = try perf(["world", "judge", "one/00000.png", "--prompt", wrong, "--json", "--look", "bullseye-circle"]).stdout
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(report["matchesPrompt"] as? Bool == false && report["seen"] as? String == caption)
        let similarities = try #require(report["similarities"] as? [String: [[String: Any]]])
        #expect(similarities["bullseye-circle"]?.count == scene.objects.count)
    }

    @Test func judgeRejectsMissingAndDamagedFilesAndBadPrompts() throws {
        #expect(try perf(["world", "judge", "absent.png"], expect: 66).stderr.contains("absent.png"))
        try dir.write("junk.png", "not a png")
        #expect(try perf(["world", "judge", "junk.png"], expect: 65).stderr.contains("junk.png"))
        try perf(["world", "render", "--seed", String(SeedSpace.tests.lowerBound), "--count", "1", "-o", "one"])
        #expect(try perf(["world", "judge", "one/00000.png", "--prompt", "a red hexagon"], expect: 64).stderr.contains("hexagon"))
        try perf(["world", "render", "--count", "0", "-o", "none"], expect: 64)
        try perf(["world", "render", "--look", "teapot", "-o", "none"], expect: 64)
        #expect(!FileManager.default.fileExists(atPath: dir.path("none").path))
    }

    @Test func renderDrawsConceptLooksOnlyWhenAsked() throws {
        try perf(["world", "render", "--count", "4", "--look", "two-tone-star", "-o", "star"])
        let captions = try String(contentsOf: dir.path("star/captions.txt"), encoding: .utf8)
        let lines = captions.split(separator: "\n").map(String.init)
        #expect(lines.count == 4 && lines.allSatisfy { $0.contains("orange and purple two-tone star") })
        // Each picture's caption for perf train --captions: the look as {}.
        for (index, line) in lines.enumerated() {
            let file = try String(contentsOf: dir.path(String(format: "star/captions/%05d.txt", index)), encoding: .utf8)
            #expect(file == line.replacingOccurrences(of: "orange and purple two-tone star", with: "{}") + "\n")
        }
        try perf(["world", "render", "--count", "2", "-o", "plain"])
        #expect(!FileManager.default.fileExists(atPath: dir.path("plain/captions").path))

        // --patterns: base scenes with patterns, as `perf base train --world --patterns` sees them.
        let seed = SeedSpace.tests.lowerBound + 41_000
        try perf(["world", "render", "--patterns", "--seed", String(seed), "--count", "12", "-o", "patterned"])
        let patterned = try String(contentsOf: dir.path("patterned/captions.txt"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(patterned == (0..<12).map { Scene.random(seed: seed + UInt64($0), patterns: true).caption })
        #expect(patterned.contains { $0.contains(" and ") })
        let both = try perf(["world", "render", "--patterns", "--look", "bullseye-circle", "-o", "x"], expect: 64)
        #expect(both.stderr.contains("--patterns"), "\(both.stderr)")
    }

    @Test func validateAndVocabularyPrintTheirNumbersAndWords() throws {
        let json = try perf(["world", "validate", "--count", "12", "--json"]).stdout
        let accuracy = try JSONDecoder().decode(JudgeAccuracy.self, from: Data(json.utf8))
        #expect(accuracy.scenes == 12 && accuracy.tally(.count).total == 12)
        let table = try perf(["world", "validate", "--count", "3"]).stdout
        #expect(table.contains("object attributes") && table.contains("shape"))
        let words = try perf(["world", "vocabulary"]).stdout.split(separator: "\n").map(String.init)
        #expect(words == Vocabulary.words)
    }
}
