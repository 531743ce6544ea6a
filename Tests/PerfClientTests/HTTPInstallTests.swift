import Foundation
import PerfClient
import PerfDiagnostics
import PerfManifest
import PerfRegistry
import PerfTestSupport
import Testing

/// Installing over HTTP from a real nginx serving a file registry's folder as a static tree,
/// and what `--offline` does: nginx's access log counts the requests.
@Suite struct HTTPInstallTests {
    /// A registry with a base and one concept, served by nginx.
    final class Served {
        let world: RegistryWorld
        let server: StaticFileServer
        let location: RegistryLocation
        let teddy: IndexLine

        init() throws {
            world = try RegistryWorld()
            try world.publishBase("perf/shapes", "1.0.0")
            teddy = try world.publishConcept("alice/teddy", "1.0.0")
            server = try StaticFileServer(serving: world.registry.root)
            location = try RegistryLocation(parsing: server.url().absoluteString)
        }

        func client(_ home: ClientHome, offline: Bool = false) -> RegistryClient {
            world.client(home, registry: location, offline: offline)
        }
    }

    @Test func installsOverHTTPThenRevalidatesThenInstallsOfflineWithoutARequest() throws {
        let served = try Served()
        let home = served.world.home()
        let project = try served.world.project(concepts: ["alice/teddy": "^1"])
        try served.client(home).install(project)

        let lock = try #require(try project.lockfile())
        #expect(lock.packages.allSatisfy { $0.registry == "http://127.0.0.1:\(served.server.port)" })
        let folder = home.installFolder(served.teddy.name, served.teddy.version)
        #expect(try Data(contentsOf: folder.appendingPathComponent("concept.safetensors")) == Data("weights of alice/teddy@1.0.0".utf8))
        #expect(FileManager.default.fileExists(atPath: home.indexMirror(served.location).appendingPathComponent("index/alice/teddy").path))
        // config.json, the log's checkpoint and entries, two index files, two keys files, and each archive with its signature.
        let first = try served.server.requests(atLeast: 11)
        #expect(first.count == 11, "\(first)")
        #expect(first.contains { $0.path == "/blobs/sha256/\(served.teddy.sha256.hex)" && $0.status == "200" })

        // Online again: index, keys and config are revalidated with their ETags; nothing is downloaded.
        try served.client(home).install(project)
        let second = Array(try served.server.requests(atLeast: first.count + 7).dropFirst(first.count))
        #expect(second.count == 7 && second.allSatisfy { $0.status == "304" && !$0.ifNoneMatch.isEmpty }, "\(second)")

        // Offline from the lock and the cache: the packages come back with no request at all.
        try FileManager.default.removeItem(at: home.packages)
        let offline = try served.client(home, offline: true).install(project)
        #expect(offline.fromLock && offline.installed.map(\.status) == [.installed, .installed])
        #expect(try Data(contentsOf: folder.appendingPathComponent("concept.safetensors")) == Data("weights of alice/teddy@1.0.0".utf8))
        #expect(try served.server.requests(atLeast: first.count + second.count + 1).count == first.count + second.count)

        // A requirement the lock does not satisfy cannot be installed offline; still no request.
        var manifest = try project.manifest()
        manifest.concepts[try PackageName(parsing: "alice/teddy")] = "^2"
        try project.write(manifest)
        let error = try #require(throws: ClientError.self) { try served.client(home, offline: true).install(project) }
        #expect(error.exitStatus == .unavailable)
        #expect(error.description.contains("alice/teddy ^2 does not accept the locked concept 1.0.0"), "\(error)")
        #expect(try served.server.requests(atLeast: first.count + second.count + 1).count == first.count + second.count)
    }

    @Test func offlineWithoutACacheFailsSayingWhatIsMissing() throws {
        let served = try Served()
        let project = try served.world.project(concepts: ["alice/teddy": "^1"])
        try served.client(served.world.home("online")).install(project)
        let requests = try served.server.requests(atLeast: 11).count

        let empty = served.world.home("empty")
        let error = try #require(throws: ClientError.self) { try served.client(empty, offline: true).install(project) }
        #expect(error.exitStatus == .unavailable)
        #expect(error.description.contains("(sha256 "), "\(error)")
        #expect(error.description.contains("is not in the cache (\(empty.archives.path)/"), "\(error)")
        #expect(error.description.contains("without --offline"), "\(error)")

        try FileManager.default.removeItem(at: project.lockURL)
        let unlocked = try #require(throws: ClientError.self) { try served.client(empty, offline: true).install(project) }
        #expect(unlocked.description.contains("there is no perf.lock"), "\(unlocked)")
        #expect(unlocked.description.contains("\(served.location.lockValue)/"), "\(unlocked)")
        #expect(unlocked.description.contains("is not in the cache"), "\(unlocked)")
        #expect(!FileManager.default.fileExists(atPath: empty.packages.path))
        #expect(try served.server.requests(atLeast: requests + 1).count == requests)
    }

    @Test func aCorruptedBlobIsRefusedAndNeverInstalled() throws {
        let served = try Served()
        let blob = served.world.registry.root.appendingPathComponent("blobs/sha256/\(served.teddy.sha256.hex)")
        var bytes = try Data(contentsOf: blob)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: blob)
        let home = served.world.home()
        let project = try served.world.project(concepts: ["alice/teddy": "^1"])

        let error = try #require(throws: ClientError.self) { try served.client(home).install(project) }
        #expect(error.exitStatus == .verificationFailed)
        let message = error.description
        #expect(message.contains("alice/teddy@1.0.0 from \(served.server.url("blobs/sha256/\(served.teddy.sha256.hex)"))"), "\(message)")
        #expect(message.contains("its sha256 is \(ContentDigestHex.of(bytes)), expected \(served.teddy.sha256.hex)"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: home.archive(served.teddy.sha256).path))
        #expect(!FileManager.default.fileExists(atPath: home.archive(served.teddy.sha256).path + ".partial"))
        #expect(!FileManager.default.fileExists(atPath: home.signature(served.teddy.sha256).path))
        #expect(!FileManager.default.fileExists(atPath: home.packages.path))
        #expect(!FileManager.default.fileExists(atPath: project.lockURL.path))
    }

    @Test func aTruncatedDownloadResumesWhereItStopped() throws {
        let served = try Served()
        let home = served.world.home()
        let archive = try served.world.file("blobs/sha256/\(served.teddy.sha256.hex)")
        let half = archive.count / 2
        try FileManager.default.createDirectory(at: home.archives, withIntermediateDirectories: true)
        try archive.prefix(half).write(to: URL(fileURLWithPath: home.archive(served.teddy.sha256).path + ".partial"))
        let project = try served.world.project(concepts: ["alice/teddy": "^1"])

        try served.client(home).install(project)

        let requests = try served.server.requests(atLeast: 11).filter { $0.path == "/blobs/sha256/\(served.teddy.sha256.hex)" }
        #expect(requests.map(\.range) == ["bytes=\(half)-"], "\(requests)")
        #expect(requests.map(\.status) == ["206"])
        #expect(try Data(contentsOf: home.archive(served.teddy.sha256)) == archive)
        #expect(FileManager.default.fileExists(atPath: home.installFolder(served.teddy.name, served.teddy.version).path))
    }
}

/// SHA-256 hex for expectations, computed independently of perf with `sha256sum`.
enum ContentDigestHex {
    static func of(_ data: Data) -> String {
        guard let result = try? ProcessRunner.run(tool: "sha256sum", [], input: data) else { return "sha256sum missing" }
        return String(result.stdout.prefix(64))
    }
}
