import Foundation
import PerfBundle
import PerfClient
import PerfHTTP
import PerfManifest
import PerfRegistry
import PerfSigning
import PerfTestSupport

/// A real file registry with real publishers (one key pair per scope), plus folders for
/// PERF_HOMEs and projects, all in one scratch directory that lives as long as the world.
final class RegistryWorld {
    /// The test's folder.
    let scratch: TemporaryDirectory
    /// The registry every package is published to.
    let registry: FileRegistry
    /// Each scope's signing key.
    private(set) var keys: [String: SecretKey] = [:]

    /// The weights digest of the default base, `perf/shapes`.
    static let shapes = digest("a1")

    init() throws {
        scratch = try TemporaryDirectory("perf-client")
        registry = try FileRegistry.create(at: scratch.path("registry"), name: "test")
    }

    /// A world where `perf/shapes` 1.0.0 and `alice/teddy` 1.0.0 are published, and a project
    /// requiring `alice/teddy ^1` is installed into `home()`.
    static func installedTeddy() throws -> (world: RegistryWorld, teddy: IndexLine, home: ClientHome, project: CompositionProject) {
        let world = try RegistryWorld()
        try world.publishBase("perf/shapes", "1.0.0")
        let teddy = try world.publishConcept("alice/teddy", "1.0.0")
        let home = world.home()
        let project = try world.project(concepts: ["alice/teddy": "^1"])
        try world.client(home).install(project)
        return (world, teddy, home, project)
    }

    /// The registry as a folder location.
    var location: RegistryLocation { RegistryLocation(folder: registry.root) }

    /// A PERF_HOME in the scratch folder (not created until used).
    func home(_ name: String = "home") -> ClientHome { ClientHome(root: scratch.path(name)) }

    /// A client of `location` (the folder by default) with PERF_HOME `home`.
    func client(_ home: ClientHome, registry location: RegistryLocation? = nil, offline: Bool = false) -> RegistryClient {
        RegistryClient(home: home, registry: location ?? self.location, offline: offline,
                       http: .init(connectTimeout: 2, stallTimeout: 5, maxRetries: 0))
    }

    /// A project folder holding a composition of `concepts` (and `base`, when given).
    func project(_ name: String = "project", concepts: [String: String], base: (String, String)? = nil) throws -> CompositionProject {
        let project = try CompositionProject.create(in: scratch.path(name))
        var manifest = try project.manifest()
        for (concept, requirement) in concepts { manifest.concepts[try PackageName(parsing: concept)] = requirement }
        if let base { manifest.base = .init(name: try PackageName(parsing: base.0), requirement: base.1) }
        try project.write(manifest)
        return project
    }

    /// The signing key of `scope`, made on first use.
    func key(_ scope: String) -> SecretKey {
        if let key = keys[scope] { return key }
        let key = SecretKey.generate()
        keys[scope] = key
        return key
    }

    /// Publishes base `name@version` (registered by reference) whose weights have `weights`.
    @discardableResult
    func publishBase(_ name: String, _ version: String, weights: Digest = RegistryWorld.shapes) throws -> IndexLine {
        let manifest = BaseManifest(name: try PackageName(parsing: name), version: try SemanticVersion(parsing: version),
                                    description: "A test base.", license: "MIT", authors: ["Test"],
                                    model: .init(source: .reference(path: "/models/\(name)")), weightsDigest: weights,
                                    stats: .init(digest: Self.digest("5a")))
        return try publish(name, version, files: ["perf.json": try manifest.encoded()], base: nil)
    }

    /// Publishes concept `name@version` trained on `base` with `weights`.
    @discardableResult
    func publishConcept(_ name: String, _ version: String, base: String = "perf/shapes", weights: Digest = RegistryWorld.shapes,
                        dependencies: [String: String] = [:]) throws -> IndexLine {
        try publish(name, version, files: conceptFiles(name, version, base: base, weights: weights, dependencies: dependencies),
                    base: weights)
    }

    /// Yanks (or unyanks) `name@version` with its scope's key.
    func yank(_ name: String, _ version: String, yanked: Bool = true) throws {
        let packageName = try PackageName(parsing: name), semver = try SemanticVersion(parsing: version)
        let statement = try FileRegistry.yankStatement(packageName, semver, yanked: yanked, signedWith: key(packageName.scope))
        try registry.setYanked(packageName, semver, yanked: yanked, statement: statement)
    }

    /// Moves `scope` to a new key, vouched for by the current one; later publishes sign with it.
    func rotateKey(_ scope: String, publishing name: String, _ version: String) throws {
        let old = key(scope), new = SecretKey.generate()
        let rotation = try KeyRotation(scope: scope, newKey: new.publicKey, signedWith: old)
        keys[scope] = new
        try publish(name, version, files: conceptFiles(name, version), base: Self.shapes, rotation: rotation)
    }

    /// Rewrites `config.json` without root keys, as a registry made before signed checkpoints:
    /// clients then read its index without a log to vouch for it.
    func dropCheckpointKey() throws {
        var config = registry.config
        config.rootKeys = []
        try config.encoded().write(to: registry.root.appendingPathComponent("config.json"))
    }

    /// The bytes of the registry file at `relative`.
    func file(_ relative: String) throws -> Data { try Data(contentsOf: registry.root.appendingPathComponent(relative)) }

    /// Every regular file below `folder` with its bytes (empty when it does not exist).
    func snapshot(_ folder: URL) throws -> [String: Data] {
        guard FileManager.default.fileExists(atPath: folder.path) else { return [:] }
        var files: [String: Data] = [:]
        for path in try scratch.listFiles(under: folder) {
            files[path] = try Data(contentsOf: folder.appendingPathComponent(path))
        }
        return files
    }

    /// A digest made of the hex `tag` repeated.
    static func digest(_ tag: String) -> Digest {
        try! Digest(sha256Hex: String(String(repeating: tag, count: 64 / tag.count + 1).prefix(64)))
    }

    /// The files of a concept bundle.
    private func conceptFiles(_ name: String, _ version: String, base: String = "perf/shapes", weights: Digest = RegistryWorld.shapes,
                              dependencies: [String: String] = [:]) throws -> [String: Data] {
        let manifest = ConceptManifest(
            name: try PackageName(parsing: name), version: try SemanticVersion(parsing: version), description: "A test concept.",
            license: "MIT", authors: ["Test"], token: "<\(name)>", superclass: "circle",
            base: .init(name: try PackageName(parsing: base), requirement: "^1", digest: weights),
            gate: .init(beta: 0.7, tau: 0.15),
            dependencies: try Dictionary(uniqueKeysWithValues: dependencies.map { (try PackageName(parsing: $0.key), $0.value) }))
        return ["perf.json": try manifest.encoded(), "concept.safetensors": Data("weights of \(name)@\(version)".utf8)]
    }

    /// Packs `files`, signs them with the scope's key and publishes them.
    @discardableResult
    private func publish(_ name: String, _ version: String, files: [String: Data], base: Digest?,
                         rotation: KeyRotation? = nil) throws -> IndexLine {
        let folder = "bundles/\(name.replacingOccurrences(of: "/", with: "-"))-\(version)-\(UUID().uuidString)"
        for (path, data) in files { try scratch.write("\(folder)/\(path)", data) }
        let archive = try BundleArchive.pack(directory: scratch.path(folder))
        let packageName = try PackageName(parsing: name)
        let signature = try PackageSignature.sign(archive: archive, name: name, version: version, base: base?.description,
                                                  with: key(packageName.scope))
        return try registry.publish(archive: archive, signature: signature, publicKey: key(packageName.scope).publicKey,
                                    rotation: rotation)
    }
}
