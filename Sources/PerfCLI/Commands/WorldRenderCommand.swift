import ArgumentParser
import Foundation
import PerfDiffusion
import PerfPerfusion
import PerfWorld

/// `perf world render --seed N --count K -o DIR`: K scenes from seeds N, N+1, … as PNGs with
/// their captions.
struct WorldRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render scenes of the built-in world as PNG files with captions.",
        discussion: """
            Writes DIR/00000.png, DIR/00001.png, … and DIR/captions.txt, whose line i is the caption \
            of picture i. Picture i is the scene of seed N+i; the same seed always gives the same file. \
            --look renders scenes of one object with a concept's look instead of base scenes, and also \
            writes DIR/captions/00000.txt, …: the caption with {} for the look ("a large {} on the left on a \
            white background"), as `perf train --captions` reads it. --masks also writes DIR/masks/00000.png, … \
            (white where an object is).
            """
    )

    @Option(help: "The first scene's seed.")
    var seed: UInt64 = 0

    @Option(help: "How many scenes.")
    var count = 1

    @Option(name: .shortAndLong, help: "The folder to write (created if missing).")
    var output: String

    @Option(help: "Width and height in pixels.")
    var size = 32

    @Option(help: "Render scenes of one object with this concept look (\(Look.all.map(\.name).joined(separator: ", "))).")
    var look: LookOption?

    @Flag(help: "Base scenes whose objects wear patterns one time in three, never a concept look's (the world `perf base train --world --patterns` learns from).")
    var patterns = false

    @Flag(help: "Degrade the pictures as the judge is validated (mild blur, noise and colour cast).")
    var degrade = false

    @Flag(help: "Also write each picture's object mask under DIR/masks.")
    var masks = false

    @Flag(help: "Print the written files and captions as JSON.")
    var json = false

    /// One picture in `--json` output.
    struct Entry: Encodable {
        let file: String
        let seed: UInt64
        let caption: String
    }

    func validate() throws {
        if patterns && look != nil {
            throw ValidationError("give --look (a concept's look) or --patterns (patterned base scenes), not both")
        }
    }

    func run() throws {
        guard (1...1_000_000).contains(count) else {
            throw CLIError.invalidArgument("--count", value: String(count), expected: "1 to 1000000 scenes")
        }
        guard seed <= UInt64.max - UInt64(count) else {
            throw CLIError.invalidArgument("--seed", value: String(seed), expected: "a seed that leaves room for --count more")
        }
        let world = try World(width: size, height: size)
        let folder = URL(fileURLWithPath: output)
        try Self.makeFolder(folder)
        if masks { try Self.makeFolder(folder.appendingPathComponent("masks")) }
        if look != nil { try Self.makeFolder(folder.appendingPathComponent("captions")) }
        var entries: [Entry] = []
        let bar = ProgressBar("rendering")
        for index in 0..<count {
            let sceneSeed = seed + UInt64(index)
            let scene = look.map { Scene.random(look: $0.look, seed: sceneSeed) } ?? Scene.random(seed: sceneSeed, patterns: patterns)
            var picture = world.render(scene, seed: sceneSeed)
            if degrade { picture = Degradation.mild.apply(to: picture, seed: sceneSeed) }
            let name = String(format: "%05d.png", index)
            try Picture(width: size, height: size, format: .rgb, pixels: picture.rgb8).writePNG(to: folder.appendingPathComponent(name))
            if masks {
                let coverage = world.coverage(scene, seed: sceneSeed).reduce(into: [Float](repeating: 0, count: size * size)) { sum, mask in
                    for index in mask.indices { sum[index] = min(1, sum[index] + mask[index]) }
                }
                let bytes = coverage.flatMap { value in Array(repeating: UInt8((value * 255).rounded()), count: 3) }
                try Picture(width: size, height: size, format: .rgb, pixels: bytes)
                    .writePNG(to: folder.appendingPathComponent("masks").appendingPathComponent(name))
            }
            if look != nil {
                let captionFile = folder.appendingPathComponent("captions").appendingPathComponent(String(format: "%05d.txt", index))
                try AtomicFile.write(Self.conceptCaption(scene), to: captionFile)
            }
            entries.append(Entry(file: folder.appendingPathComponent(name).path, seed: sceneSeed, caption: scene.caption))
            bar.update(index + 1, of: count)
        }
        try AtomicFile.write(Data(entries.map { $0.caption + "\n" }.joined().utf8), to: folder.appendingPathComponent("captions.txt"))
        if json { try Output.json(entries) } else {
            Output.line("Wrote \(count) picture\(count == 1 ? "" : "s") of \(size)×\(size) and captions.txt to \(folder.path)")
        }
    }

    /// The caption file's bytes for a scene with a concept look: its caption with {} for the look.
    static func conceptCaption(_ scene: Scene) -> Data {
        Data((scene.caption(lookPlaceholder: PromptTemplates.placeholder) + "\n").utf8)
    }

    static func makeFolder(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIError.fileNotFound(folder.path, what: "folder that can be created",
                                        fix: "choose an output folder whose parent exists and is writable")
        }
    }
}
