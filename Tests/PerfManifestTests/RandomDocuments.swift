import Foundation
import PerfManifest

/// Random valid values of every format, drawn from the full range each field allows
/// (long and short names, pre-releases and build metadata, Unicode prose with quotes and
/// newlines, both kinds of model source), to check that whatever perf writes, the schemas
/// accept and perf reads back unchanged.
struct RandomDocuments {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func concept() -> ConceptManifest {
        let name = packageName()
        return ConceptManifest(
            name: name, version: version(), description: prose(0...120), license: pick(["MIT", "Apache-2.0 OR MIT", "CC-BY-4.0"]),
            authors: (0..<Int.random(in: 0...3, using: &random)).map { _ in prose(1...30) },
            token: Bool.random(using: &random) ? "<\(name)>" : "<" + word(from: lower + digits, 1...1) + word(from: lower + "_-/", 0...20) + ">",
            superclass: word(from: lower, 1...32),
            base: .init(name: packageName(), requirement: requirement(), digest: digest()),
            gate: .init(beta: Double.random(in: 0.001...0.999, using: &random), tau: Double.random(in: 0.001...5, using: &random),
                        locking: Bool.random(using: &random) ? .local : .global),
            dependencies: requirements(0...3),
            training: Bool.random(using: &random) ? nil : training())
    }

    mutating func base() -> BaseManifest {
        let source: BaseManifest.Model.Source
        if Bool.random(using: &random) {
            var paths = Set<String>()
            while paths.count < Int.random(in: 1...6, using: &random) { paths.insert(relativePath()) }
            source = .files(paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map {
                BaseManifest.File(path: $0, sha256: digest(), size: Int.random(in: 0...9_007_199_254_740_991, using: &random))
            })
        } else {
            source = .reference(path: "/" + word(from: "abc /._-éテ🧸", 0...40))
        }
        return BaseManifest(
            name: packageName(), version: version(), description: prose(0...200), license: "MIT", authors: [prose(1...20)],
            model: .init(source: source), weightsDigest: digest(), stats: .init(path: relativePath(), digest: digest()),
            text: Bool.random(using: &random) ? nil : .init(width: Int.random(in: 1...4096, using: &random),
                                                            maxLength: Int.random(in: 1...512, using: &random),
                                                            vocabularySize: Int.random(in: 1...100_000, using: &random)),
            sampling: Bool.random(using: &random) ? nil : .init(guidance: Float(Int.random(in: 0...400, using: &random)) / 4))
    }

    mutating func composition() -> CompositionManifest {
        CompositionManifest(name: Bool.random(using: &random) ? packageName() : nil, concepts: requirements(0...4),
                            base: Bool.random(using: &random) ? .init(name: packageName(), requirement: requirement()) : nil)
    }

    mutating func lockfile() -> Lockfile {
        var names = Set<PackageName>()
        while names.count < Int.random(in: 0...5, using: &random) { names.insert(packageName()) }
        return Lockfile(packages: names.map { name in
            Lockfile.Package(name: name, version: version(), kind: pick(PackageKind.allCases), sha256: digest(),
                             size: Int.random(in: 0...1 << 40, using: &random), registry: registryURL(), keyID: keyID(),
                             baseDigest: Bool.random(using: &random) ? digest() : nil)
        })
    }

    mutating func indexLine() -> IndexLine {
        let kind = pick(PackageKind.allCases)
        return IndexLine(
            name: packageName(), version: version(), kind: kind, dependencies: requirements(0...3),
            base: kind == .concept ? .init(name: packageName(), digest: digest()) : nil,
            statsDigest: kind == .base ? digest() : nil, superclass: kind == .concept ? word(from: lower, 1...12) : nil,
            sha256: digest(), size: Int.random(in: 0...1 << 30, using: &random), keyID: keyID(),
            yanked: Bool.random(using: &random),
            published: Date(timeIntervalSince1970: Double(Int.random(in: 0...4_102_444_800, using: &random))))
    }

    mutating func registryConfig() -> RegistryConfig {
        RegistryConfig(name: word(from: lower + digits, 1...1) + word(from: lower + digits + "_.-", 0...30),
                       downloadTemplate: word(from: urlSafe, 0...20) + "{sha256}" + word(from: urlSafe, 0...8),
                       api: Bool.random(using: &random) ? "https://" + word(from: urlSafe, 1...30) : nil,
                       rootKeys: (0..<Int.random(in: 0...3, using: &random)).map { _ in rootKey() },
                       authRequired: Bool.random(using: &random))
    }

    // MARK: Field values

    private let lower = "abcdefghijklmnopqrstuvwxyz", digits = "0123456789"
    private let urlSafe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%"
    private let base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    private mutating func pick<T>(_ choices: [T]) -> T { choices.randomElement(using: &random)! }

    private mutating func word(from alphabet: String, _ length: ClosedRange<Int>) -> String {
        let characters = Array(alphabet)
        return String((0..<Int.random(in: length, using: &random)).map { _ in characters.randomElement(using: &random)! })
    }

    private mutating func namePart() -> String {
        word(from: lower + digits, 1...1) + word(from: lower + digits + "_-", 0...(Bool.random(using: &random) ? 8 : 63))
    }

    private mutating func packageName() -> PackageName { PackageName("\(namePart())/\(namePart())")! }

    private mutating func number() -> String {
        switch Int.random(in: 0...9, using: &random) {
        case 0: return "0"
        case 1: return "1" + word(from: digits, 20...30)
        default: return String(Int.random(in: 1...200, using: &random))
        }
    }

    private mutating func identifier() -> String {
        Bool.random(using: &random) ? number() : word(from: digits, 0...2) + word(from: lower + "ABCXYZ-", 1...1) + word(from: lower + digits + "-", 0...6)
    }

    private mutating func version() -> SemanticVersion {
        var text = "\(number()).\(number()).\(number())"
        if Bool.random(using: &random) { text += "-" + (0..<Int.random(in: 1...3, using: &random)).map { _ in identifier() }.joined(separator: ".") }
        if Int.random(in: 0...3, using: &random) == 0 { text += "+" + word(from: digits + lower + "-", 1...8) }
        return SemanticVersion(text)!
    }

    private mutating func comparator() -> String {
        let core = (0..<Int.random(in: 1...3, using: &random)).map { _ in number() }.joined(separator: ".")
        let pre = core.split(separator: ".").count == 3 && Bool.random(using: &random) ? "-" + identifier() : ""
        return pick(["", "^", "~", "=", "<", "<=", ">", ">="]) + core + pre
    }

    /// `*`, `1.*`, `1.2.x`: numbers left open, bare or after `=`.
    private mutating func wildcard() -> String {
        let numbers = (0..<Int.random(in: 0...2, using: &random)).map { _ in number() }
        return pick(["", "="]) + (numbers + [pick(["*", "x", "X"])]).joined(separator: ".")
    }

    /// One to three comparators or wildcards joined by `,`, sometimes two such joined by `||`.
    private mutating func requirement() -> String {
        while true {
            let alternatives = (0..<(Int.random(in: 0...4, using: &random) == 0 ? 2 : 1)).map { _ in
                (0..<Int.random(in: 1...3, using: &random)).map { _ in Int.random(in: 0...4, using: &random) == 0 ? wildcard() : comparator() }
                    .joined(separator: pick([",", ", ", " , "]))
            }
            let text = alternatives.joined(separator: pick(["||", " || ", "\t||  "]))
            if text.utf8.count <= 256 { return text }
        }
    }

    private mutating func requirements(_ count: ClosedRange<Int>) -> [PackageName: String] {
        var map: [PackageName: String] = [:]
        for _ in 0..<Int.random(in: count, using: &random) { map[packageName()] = requirement() }
        return map
    }

    private mutating func digest() -> Digest {
        Digest("sha256:" + word(from: "0123456789abcdef", 64...64))!
    }

    private mutating func relativePath() -> String {
        (0..<Int.random(in: 1...4, using: &random)).map { _ in
            var part = word(from: lower + "ABC" + digits + "_.-", 1...12)
            while part == "." || part == ".." { part += "x" }
            return part
        }.joined(separator: "/")
    }

    /// Text with quotes, backslashes, newlines, accents, emoji and scripts beyond Latin.
    private mutating func prose(_ length: ClosedRange<Int>) -> String {
        let pieces = ["a", "teddy", " ", "\"", "\\", "\n", "\t", "é", "ß", "🧸", "テディ", "/", "<", ">", "{", "}", "\u{7F}"]
        var text = ""
        let target = Int.random(in: length, using: &random)
        while text.unicodeScalars.count < target {
            let piece = pick(pieces)
            if text.unicodeScalars.count + piece.unicodeScalars.count <= length.upperBound { text += piece } else { text += "a" }
        }
        return text
    }

    private mutating func keyID() -> String { word(from: "0123456789ABCDEF", 16...16) }

    private mutating func rootKey() -> String { "RW" + pick(["Q", "R", "S", "T"]) + word(from: base64, 53...53) }

    private mutating func registryURL() -> String {
        pick(["file://", "http://", "https://"]) + word(from: urlSafe, 1...40)
    }

    private mutating func trainedFiles() -> [ConceptManifest.Training.TrainedFile] {
        (0..<Int.random(in: 1...4, using: &random)).map { _ in .init(file: relativePath(), sha256: digest()) }
    }

    private mutating func training() -> ConceptManifest.Training {
        .init(steps: Int.random(in: 1...100_000, using: &random),
              learningRates: .init(embedding: Double.random(in: 1e-6...0.1, using: &random),
                                   values: Double.random(in: 1e-6...0.1, using: &random)),
              seed: Int.random(in: 0...9_007_199_254_740_991, using: &random), images: trainedFiles(),
              masks: Bool.random(using: &random) ? .used(Bool.random(using: &random)) : .files(trainedFiles()),
              captions: Bool.random(using: &random) ? nil : trainedFiles(), mirrored: Bool.random(using: &random),
              durationSeconds: Bool.random(using: &random) ? nil : Double.random(in: 0...86_400, using: &random))
    }
}
