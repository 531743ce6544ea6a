import Foundation
import PerfBundle
import PerfClient
import PerfDiagnostics
import PerfManifest
import PerfRegistry
import PerfTestSupport
import Testing

/// `perf install` against a real file registry: what lands in the cache, the packages
/// folder, `perf.lock` and the trust pins, and that the lock reproduces the same files.
@Suite struct InstallTests {
    @Test func installsTheNewestMatchingVersionsAndLocksThem() throws {
        let world = try RegistryWorld()
        let base = try world.publishBase("perf/shapes", "1.0.0")
        try world.publishConcept("alice/teddy", "1.0.0")
        let teddy = try world.publishConcept("alice/teddy", "1.1.0")
        try world.publishConcept("alice/teddy", "2.0.0")
        let home = world.home()
        let project = try world.project(concepts: ["alice/teddy": "^1"])

        let report = try world.client(home).install(project)

        let lock = try #require(try project.lockfile())
        #expect(lock.packages.map { "\($0.name)@\($0.version)" } == ["alice/teddy@1.1.0", "perf/shapes@1.0.0"])
        let locked = try #require(lock.package(named: teddy.name))
        #expect(locked.sha256 == teddy.sha256 && locked.size == teddy.size && locked.keyID == teddy.keyID)
        #expect(locked.baseDigest == RegistryWorld.shapes && locked.kind == .concept)
        #expect(locked.registry == world.location.lockValue && locked.registry.hasPrefix("file:///"))
        #expect(lock.package(named: base.name)?.baseDigest == nil)
        #expect(report.wroteLock && !report.fromLock && report.warnings.isEmpty)
        #expect(report.changes.map(\.kind) == [.added, .added])

        // The archive and its signature are in the cache; the bundle's files are installed.
        let archive = try world.file("blobs/sha256/\(teddy.sha256.hex)")
        #expect(try Data(contentsOf: home.archive(teddy.sha256)) == archive)
        #expect(try Data(contentsOf: home.signature(teddy.sha256)) == world.file("sigs/sha256/\(teddy.sha256.hex).minisig"))
        let folder = home.installFolder(teddy.name, teddy.version)
        #expect(folder.path.hasSuffix("packages/alice/teddy/1.1.0"))
        let entries = try BundleArchive.entries(of: archive, source: "test", limits: .concept)
        #expect(try world.snapshot(folder) == Dictionary(uniqueKeysWithValues: entries.map { ($0.path, $0.contents) }))
        #expect(report.installed.map(\.status) == [.installed, .installed])

        // The scope's key is pinned on first use.
        let pins = try String(contentsOf: home.trustFile(world.location), encoding: .utf8)
        #expect(pins.contains(world.key("alice").publicKey.base64) && pins.contains(world.key("perf").publicKey.base64))

        // Installing again changes nothing and does not rewrite the lock.
        let lockBytes = try Data(contentsOf: project.lockURL)
        let again = try world.client(home).install(project)
        #expect(!again.wroteLock && again.installed.map(\.status) == [.unchanged, .unchanged])
        #expect(again.installed.allSatisfy { !$0.downloaded })
        #expect(try Data(contentsOf: project.lockURL) == lockBytes)
    }

    @Test func theLockReproducesTheSameFilesInAFreshHome() throws {
        let world = try RegistryWorld()
        try world.publishBase("perf/shapes", "1.0.0")
        try world.publishConcept("alice/teddy", "1.0.0")
        try world.publishConcept("bob/mug", "0.3.0")
        let first = world.home("first")
        let project = try world.project(concepts: ["alice/teddy": "^1", "bob/mug": "~0.3"])
        try world.client(first).install(project)
        let lockBytes = try Data(contentsOf: project.lockURL)

        // Newer versions appear; a copy of the project with its lock installs the locked ones.
        try world.publishConcept("alice/teddy", "1.5.0")
        try world.publishConcept("bob/mug", "0.3.1")
        let copy = try world.project("copy", concepts: [:])
        try FileManager.default.removeItem(at: copy.manifestURL)
        try FileManager.default.copyItem(at: project.manifestURL, to: copy.manifestURL)
        try FileManager.default.copyItem(at: project.lockURL, to: copy.lockURL)
        let second = world.home("second")
        let report = try world.client(second).install(copy)

        #expect(!report.wroteLock && report.changes.allSatisfy { $0.kind == .unchanged })
        #expect(try Data(contentsOf: copy.lockURL) == lockBytes)
        #expect(try world.snapshot(second.packages) == world.snapshot(first.packages))
        #expect(try world.snapshot(second.archives) == world.snapshot(first.archives))

        // Without the lock, the same requirements move to the newer versions.
        try FileManager.default.removeItem(at: copy.lockURL)
        let fresh = try world.client(second).install(copy)
        #expect(fresh.lockfile.packages.map { "\($0.version)" } == ["1.5.0", "0.3.1", "1.0.0"])
    }

    @Test func aDamagedInstallOrCacheEntryIsReplacedFromAVerifiedArchive() throws {
        let (world, teddy, home, project) = try RegistryWorld.installedTeddy()
        let folder = home.installFolder(teddy.name, teddy.version)
        let installed = try world.snapshot(folder)

        try Data("edited".utf8).write(to: folder.appendingPathComponent("perf.json"))
        try Data("extra".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        try Data("garbage".utf8).write(to: home.archive(teddy.sha256))
        let report = try world.client(home).install(project)

        #expect(report.installed.first { $0.expectation.name == teddy.name }?.status == .repaired)
        #expect(try world.snapshot(folder) == installed)
        #expect(try Data(contentsOf: home.archive(teddy.sha256)) == world.file("blobs/sha256/\(teddy.sha256.hex)"))
    }

    @Test func aNewKeyIsTrustedOnlyThroughTheRotationChain() throws {
        let (world, _, home, project) = try RegistryWorld.installedTeddy()
        let pinned = world.key("alice").publicKey

        // A rotation signed by the pinned key is followed, and the new key is pinned too.
        try world.rotateKey("alice", publishing: "alice/teddy", "1.1.0")
        try FileManager.default.removeItem(at: project.lockURL)
        let rotated = try world.client(home).install(project)
        #expect(rotated.lockfile.package(named: try PackageName(parsing: "alice/teddy"))?.version == SemanticVersion(1, 1, 0))
        let pins = try String(contentsOf: home.trustFile(world.location), encoding: .utf8)
        #expect(pins.contains(pinned.base64) && pins.contains(world.key("alice").publicKey.base64))

        // A stranger's key history in place of the scope's is refused against the pin.
        let stranger = try RegistryWorld()
        try stranger.publishConcept("alice/teddy", "9.0.0")
        try stranger.file("keys/alice.json").write(to: world.registry.root.appendingPathComponent("keys/alice.json"))
        let before = try world.snapshot(home.root)
        let error = try #require(throws: ClientError.self) { try world.client(home).install(project) }
        #expect(error.exitStatus == .verificationFailed)
        #expect(error.description.contains("do not continue the key \(world.key("alice").publicKey.keyID)"), "\(error)")
        #expect(error.description.contains("scope 'alice'") && error.description.contains(home.trustFile(world.location).path))
        #expect(try world.snapshot(home.root) == before)
    }

    @Test func aPinnedKeyIsRequiredToInstallFromTheLockOffline() throws {
        let (world, _, home, project) = try RegistryWorld.installedTeddy()

        // The cache is warm but the pins are gone: the lock's key ids alone prove nothing.
        try FileManager.default.removeItem(at: home.trustFile(world.location))
        let error = try #require(throws: ClientError.self) { try world.client(home, offline: true).install(project) }
        #expect(error.exitStatus == .verificationFailed)
        #expect(error.description.contains("is signed by key"), "\(error)")
    }
}
