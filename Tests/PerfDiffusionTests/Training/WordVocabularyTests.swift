import Foundation
import PerfDiffusion
import PerfTestSupport
import Testing

/// The tokenizer built from a word list: every word one token, through the written files too.
@Suite struct WordVocabularyTests {
    /// The built-in world's caption words (PerfWorld's vocabulary.txt) and the concept words.
    static let worldWords = """
        a an on the at in next to above background small large red orange yellow green cyan blue purple pink
        circle square triangle star heart diamond left right top bottom centre white black gray beige
        and bullseye checkered polka dot two tone -
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    @Test func everyWordIsOneToken() throws {
        let vocabulary = try WordVocabulary(words: Self.worldWords)
        let tokenizer = try vocabulary.tokenizer(maxLength: 32)
        for word in Self.worldWords {
            #expect(tokenizer.tokens(word) == [word + "</w>"], "\(word)")
            #expect(tokenizer.tokenIDs(word) == [vocabulary.tokens[word + "</w>"]!])
        }
        let caption = "a small red circle next to a large blue square on a gray background"
        #expect(tokenizer.tokens(caption) == caption.split(separator: " ").map { $0 + "</w>" })
        #expect(vocabulary.unknownWords(in: caption).isEmpty)
        #expect(vocabulary.unknownWords(in: "a Red hexagon") == ["hexagon"])
        let ids = tokenizer.encode(caption)
        #expect(ids.count == 32 && ids.first == vocabulary.startID && ids[15] == vocabulary.endID && ids.last == vocabulary.endID)
    }

    /// Random words sharing prefixes, suffixes and inner pairs in every order still end as one token each.
    @Test func randomWordListsStayWhole() throws {
        var random = SeededRandomNumberGenerator(seed: 7)
        let letters = Array("abcdeor")
        for _ in 0..<20 {
            let words = (0..<40).map { _ in String((0..<Int.random(in: 1...7, using: &random)).map { _ in letters.randomElement(using: &random)! }) }
            let vocabulary = try WordVocabulary(words: words)
            let tokenizer = try vocabulary.tokenizer(maxLength: 8)
            for word in words { #expect(tokenizer.tokens(word) == [word + "</w>"], "\(word) in \(words)") }
        }
    }

    @Test func theWrittenFilesLoadAsTheSameTokenizer() throws {
        let directory = try TemporaryDirectory("perf-words")
        let model = try TinyBase.model()
        try model.write(to: directory.path("model"))
        let loaded = try CLIPTokenizer(folder: directory.path("model/tokenizer"))
        let built = try model.tokenizer()
        #expect(loaded.vocabulary == built.vocabulary && loaded.maxLength == 12)
        for caption in ["a red circle on a white background", "", "blue blue blue", "a hexagon!"] {
            #expect(loaded.encode(caption) == built.encode(caption), "\(caption)")
        }
    }

    @Test func wordsClipWouldChangeOrSplitAreRefused() throws {
        for word in ["Red", "two words", "a1", "12", "", "polka-dot", "<|endoftext|>", "tab\t"] {
            #expect(throws: DiffusionError.self, "\(word)") { try WordVocabulary(words: ["a", word]) }
        }
        #expect(throws: DiffusionError.self) { try WordVocabulary(words: []) }
        let repeated = try WordVocabulary(words: ["a", "b", "a"])
        #expect(repeated.words == ["a", "b"])
    }

    @Test func aWordListFileSkipsBlanksAndComments() throws {
        let directory = try TemporaryDirectory("perf-words")
        let file = try directory.write("words.txt", "# colours\nred\n\n  green  \r\nblue\n")
        #expect(try WordVocabulary(contentsOf: file).words == ["red", "green", "blue"])
        #expect(throws: DiffusionError.self) { try WordVocabulary(contentsOf: directory.path("absent.txt")) }
        try directory.write("bad.txt", Data([0xFF, 0xFE, 0x00]))
        #expect(throws: DiffusionError.self) { try WordVocabulary(contentsOf: directory.path("bad.txt")) }
    }
}
