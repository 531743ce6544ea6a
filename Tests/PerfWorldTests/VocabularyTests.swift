import Foundation
import PerfTestSupport
import PerfWorld
import Testing

/// The vocabulary is exactly the words base captions use, and the committed file says so.
@Suite struct VocabularyTests {
    @Test func theCommittedFileIsTheVocabulary() throws {
        let file = RepositoryPaths.root.appendingPathComponent("Sources/PerfWorld/vocabulary.txt")
        #expect(try String(contentsOf: file, encoding: .utf8) == Vocabulary.fileContents)
        #expect(Set(Vocabulary.words).count == Vocabulary.words.count)
    }

    @Test func baseCaptionsUseEveryWordAndNoOther() {
        var used = Set<String>()
        for seed in SeedSpace.tests.lowerBound ..< SeedSpace.tests.lowerBound + 2000 {
            used.formUnion(Scene.random(seed: seed).caption.split(separator: " ").map(String.init))
        }
        #expect(used == Set(Vocabulary.words))
        var patterned = Set<String>()
        for look in Look.all {
            patterned.formUnion(Scene.random(look: look, seed: 1).caption.split(separator: " ").map(String.init))
        }
        #expect(patterned.subtracting(Vocabulary.words) == Set(Vocabulary.patternWords))
    }
}
