import Foundation
import PerfDiagnostics
import PerfManifest
import PerfRegistry
import PerfSigning
import PerfTestSupport
import Testing

@Suite("Reading back a tampered file registry")
struct FileRegistryTamperTests {
    /// The test's folder, alive as long as the test.
    private let scratch: TemporaryDirectory
    /// An empty registry in it.
    private let registry: FileRegistry

    init() throws {
        scratch = try TemporaryDirectory("perf-registry")
        registry = try RegistryFixtures.registry(in: scratch)
    }

    /// A registry holding alice/teddy 1.0.0 and 1.1.0.
    private func published() throws -> (Publisher, [IndexLine]) {
        let alice = Publisher(in: scratch)
        let lines = [try alice.publish("alice/teddy", "1.0.0", to: registry),
                     try alice.publish("alice/teddy", "1.1.0", to: registry)]
        return (alice, lines)
    }

    @Test("a blob changed on disk is refused on read and by the consistency check")
    func tamperedBlob() throws {
        let (_, lines) = try published()
        let blob = registry.root.appendingPathComponent("blobs/sha256/\(lines[0].sha256.hex)")
        var bytes = try Data(contentsOf: blob)
        bytes[bytes.count / 3] ^= 0x20
        try bytes.write(to: blob)
        let error = #expect(throws: RegistryError.self) { try registry.archive(for: lines[0]) }
        #expect(error?.exitStatus == .verificationFailed)
        #expect(error?.description.contains(lines[0].sha256.hex) == true)
        #expect(throws: RegistryError.self) { try registry.signature(for: lines[0]) }
        #expect(throws: RegistryError.self) { try registry.verifyConsistency() }
        _ = try registry.archive(for: lines[1])  // the other version is untouched

        try FileManager.default.removeItem(at: blob)
        let missing = #expect(throws: RegistryError.self) { try registry.archive(for: lines[0]) }
        #expect(missing?.exitStatus == .notFound)
    }

    @Test("a signature file with any field changed, or swapped with another version's, is refused on read")
    func tamperedSignature() throws {
        let (alice, lines) = try published()
        let path = "sigs/sha256/\(lines[0].sha256.hex).minisig"
        let original = try Data(contentsOf: registry.root.appendingPathComponent(path))
        let edits: [(String, (String) -> String)] = [
            ("trusted comment", { $0.replacingOccurrences(of: "version=1.0.0", with: "version=1.0.9") }),
            ("signature", { Self.flip(line: 1, at: 30, in: $0) }),
            ("key id", { Self.flip(line: 1, at: 5, in: $0) }),
            ("global signature", { Self.flip(line: 3, at: 12, in: $0) }),
            ("line count", { $0 + "extra\n" }),
        ]
        for (field, edit) in edits {
            try RegistryFixtures.edit(registry, path, edit)
            let error = #expect(throws: RegistryError.self, "a changed \(field)") { try registry.archive(for: lines[0]) }
            #expect(error?.exitStatus == .verificationFailed, "a changed \(field)")
            try original.write(to: registry.root.appendingPathComponent(path))
        }
        // Another version's valid signature, put in this one's place.
        let other = try Data(contentsOf: registry.root.appendingPathComponent("sigs/sha256/\(lines[1].sha256.hex).minisig"))
        try other.write(to: registry.root.appendingPathComponent(path))
        #expect(throws: RegistryError.self) { try registry.signature(for: lines[0]) }
        // A valid signature of the right statement by a key the scope never had.
        let mallory = Publisher(in: scratch)
        let archive = try Data(contentsOf: registry.root.appendingPathComponent("blobs/sha256/\(lines[0].sha256.hex)"))
        try Data(try mallory.sign(archive, "alice/teddy", "1.0.0").text.utf8).write(to: registry.root.appendingPathComponent(path))
        #expect(throws: RegistryError.self) { try registry.archive(for: lines[0]) }
        try original.write(to: registry.root.appendingPathComponent(path))
        #expect(try registry.archive(for: lines[0]).count == lines[0].size)
        #expect(try registry.scopeKeys("alice").current == alice.publicKey)
    }

    @Test("index lines edited on disk are refused on read: digest, size, key id, version, fields, syntax")
    func tamperedIndexLine() throws {
        let (_, lines) = try published()
        let path = "index/alice/teddy"
        let teddy = try PackageName(parsing: "alice/teddy")
        let original = try Data(contentsOf: registry.root.appendingPathComponent(path))
        let edits: [(String, (String) -> String)] = [
            ("sha256 pointing at the other version's blob", {
                $0.replacingOccurrences(of: lines[0].sha256.hex, with: lines[1].sha256.hex) }),
            ("sha256 pointing nowhere", { $0.replacingOccurrences(of: lines[0].sha256.hex, with: String(repeating: "0", count: 64)) }),
            ("size", { $0.replacingOccurrences(of: "\"size\":\(lines[0].size)", with: "\"size\":\(lines[0].size + 1)") }),
            ("superclass", { $0.replacingOccurrences(of: "\"superclass\":\"circle\"", with: "\"superclass\":\"square\"") }),
            ("dependencies", { $0.replacingOccurrences(of: "\"dependencies\":{}", with: "\"dependencies\":{\"bob/evil\":\"^1.0\"}") }),
            ("key id", { $0.replacingOccurrences(of: lines[0].keyID, with: "0000000000000001") }),
        ]
        for (what, edit) in edits {
            try RegistryFixtures.edit(registry, path, edit)
            let tampered = try registry.versions(of: teddy)[0]
            let error = #expect(throws: RegistryError.self, "an edited \(what)") { try registry.archive(for: tampered) }
            #expect(error.map { [.verificationFailed, .notFound].contains($0.exitStatus) } == true, "an edited \(what)")
            #expect(throws: RegistryError.self, "an edited \(what)") { try registry.verifyConsistency() }
            try original.write(to: registry.root.appendingPathComponent(path))
        }
        let malformed: [(String, (String) -> String)] = [
            ("a version", { $0.replacingOccurrences(of: "\"version\":\"1.1.0\"", with: "\"version\":\"1.0.0\"") }),
            ("the name", { $0.replacingOccurrences(of: "\"name\":\"alice/teddy\"", with: "\"name\":\"alice/bear\"") }),
            ("a cut line", { String($0.dropLast(5)) }),
            ("a broken line", { $0.replacingOccurrences(of: "{", with: "[") }),
        ]
        for (what, edit) in malformed {
            try RegistryFixtures.edit(registry, path, edit)
            let error = #expect(throws: RegistryError.self, "an index with \(what)") { try registry.versions(of: teddy) }
            #expect(error?.exitStatus == .verificationFailed, "an index with \(what)")
            #expect(throws: RegistryError.self) { try registry.search("teddy") }
            try original.write(to: registry.root.appendingPathComponent(path))
        }
        #expect(try registry.verifyConsistency().versions == 2)
    }

    @Test("a keys file that swaps in another key or drops the rotation chain is refused")
    func tamperedKeys() throws {
        let (alice, lines) = try published()
        let mallory = Publisher(in: scratch)
        try RegistryFixtures.edit(registry, "keys/alice.json") {
            $0.replacingOccurrences(of: alice.publicKey.base64, with: mallory.publicKey.base64)
        }
        #expect(throws: RegistryError.self) { try registry.scopeKeys("alice") }
        #expect(throws: RegistryError.self) { try registry.archive(for: lines[0]) }
        #expect(throws: RegistryError.self) { try mallory.publish("alice/teddy", "3.0.0", to: registry) }
    }

    /// `text` with the base64 character at `position` of line `line` changed.
    static func flip(line: Int, at position: Int, in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var characters = Array(lines[line])
        characters[position] = characters[position] == "A" ? "B" : "A"
        lines[line] = String(characters)
        return lines.joined(separator: "\n")
    }
}
