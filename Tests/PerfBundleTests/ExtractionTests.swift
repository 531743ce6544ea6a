import Foundation
import PerfBundle
import PerfDiagnostics
import PerfTestSupport
import Testing

/// A valid bundle reads and extracts to exactly the files that were packed.
@Suite struct ExtractionTests {
    private func packedFixture(_ directory: TemporaryDirectory) throws -> Data {
        try BundleArchive.pack(directory: try BundleFixtures.writeFolder("bundle", in: directory))
    }

    @Test func extractionReproducesTheFilesByteForByte() throws {
        let directory = try TemporaryDirectory()
        let archive = try packedFixture(directory)
        let destination = directory.path("installed")
        try BundleArchive.extract(archive, source: "bundle.perf", to: destination, limits: .concept)
        #expect(try BundleFixtures.contents(of: destination) == BundleFixtures.expectedContents)
        // Nothing else is left beside it (no temporary folder).
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == ["bundle", "installed"])
    }

    @Test func entriesAreSortedAndComplete() throws {
        let directory = try TemporaryDirectory()
        let archive = try packedFixture(directory)
        let entries = try BundleArchive.entries(of: archive, source: "bundle.perf", limits: .concept)
        #expect(entries.map(\.path) == BundleFixtures.sortedPaths)
        #expect(entries.map(\.contents) == BundleFixtures.sortedPaths.map { BundleFixtures.expectedContents[$0] })
        let manifest = try BundleArchive.file("perf.json", in: archive, source: "bundle.perf", limits: .concept)
        #expect(manifest == BundleFixtures.expectedContents["perf.json"])
    }

    @Test func missingFileIsNamed() throws {
        let directory = try TemporaryDirectory()
        let archive = try packedFixture(directory)
        let error = try #require(throws: BundleError.self) {
            try BundleArchive.file("preview.png", in: archive, source: "bundle.perf", limits: .concept)
        }
        #expect(error.exitStatus == .dataError)
        #expect(error.description.contains("bundle.perf") && error.description.contains("'preview.png'"))
    }

    @Test func limitsAreEnforcedAtTheirExactBoundary() throws {
        let directory = try TemporaryDirectory()
        let archive = try packedFixture(directory)
        let largest = BundleFixtures.files.map(\.contents.count).max() ?? 0
        let total = BundleFixtures.files.map(\.contents.count).reduce(0, +)
        let count = BundleFixtures.files.count
        let exact = BundleLimits(maxEntryBytes: largest, maxTotalBytes: total, maxEntries: count)
        #expect(try BundleArchive.entries(of: archive, source: "b", limits: exact).count == count)
        for tighter in [BundleLimits(maxEntryBytes: largest - 1, maxTotalBytes: total, maxEntries: count),
                        BundleLimits(maxEntryBytes: largest, maxTotalBytes: total - 1, maxEntries: count),
                        BundleLimits(maxEntryBytes: largest, maxTotalBytes: total, maxEntries: count - 1)] {
            #expect(throws: BundleError.self) { try BundleArchive.entries(of: archive, source: "b", limits: tighter) }
        }
    }

    @Test func existingDestinationIsNeverTouched() throws {
        let directory = try TemporaryDirectory()
        let archive = try packedFixture(directory)
        try directory.write("installed/mine.txt", "mine")
        let before = try BundleFixtures.tree(directory.url)
        let error = try #require(throws: BundleError.self) {
            try BundleArchive.extract(archive, source: "bundle.perf", to: directory.path("installed"), limits: .concept)
        }
        #expect(error.exitStatus == .conflict)
        #expect(try BundleFixtures.tree(directory.url) == before)
    }

    /// A dangling symbolic link at the destination counts as something there: extracting
    /// through it could write wherever it points.
    @Test func danglingLinkAtTheDestinationIsNeverFollowed() throws {
        let directory = try TemporaryDirectory()
        let archive = try packedFixture(directory)
        try FileManager.default.createSymbolicLink(atPath: directory.path("installed").path,
                                                   withDestinationPath: directory.path("elsewhere").path)
        let before = try BundleFixtures.tree(directory.url)
        let error = try #require(throws: BundleError.self) {
            try BundleArchive.extract(archive, source: "bundle.perf", to: directory.path("installed"), limits: .concept)
        }
        #expect(error.exitStatus == .conflict)
        #expect(try BundleFixtures.tree(directory.url) == before)
    }

    @Test func missingParentIsReported() throws {
        let directory = try TemporaryDirectory()
        let archive = try packedFixture(directory)
        let error = try #require(throws: BundleError.self) {
            try BundleArchive.extract(archive, source: "bundle.perf", to: directory.path("no/such/place"), limits: .concept)
        }
        #expect(error.exitStatus == .notFound)
        #expect(!FileManager.default.fileExists(atPath: directory.path("no").path))
    }

    @Test func presetsAreOrdered() {
        #expect(BundleLimits.concept.maxEntryBytes < BundleLimits.base.maxEntryBytes)
        #expect(BundleLimits.concept.maxTotalBytes < BundleLimits.base.maxTotalBytes)
        #expect(BundleLimits.concept.maxEntries < BundleLimits.base.maxEntries)
    }
}
