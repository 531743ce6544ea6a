import Foundation
import PerfBundle
import PerfManifest
import PerfRegistry
import PerfSigning
import PerfTestSupport

/// A publisher in tests: a real key pair that packs and signs real concept bundles.
/// Its files live in a folder of the test's scratch directory, which the test keeps alive.
struct Publisher {
    /// The publisher's secret key.
    let key: SecretKey
    /// Where bundle folders and staged archives are made.
    let workspace: URL

    init(in scratch: TemporaryDirectory, key: SecretKey = .generate()) {
        self.key = key
        workspace = scratch.path("publisher-\(key.keyID)")
    }

    /// The public half.
    var publicKey: PublicKey { key.publicKey }

    /// A packed concept bundle for `name@version` (a real deterministic tar made by PerfBundle).
    func archive(_ name: String, _ version: String, superclass: String = "circle",
                 dependencies: [String: String] = [:], baseDigest: String = RegistryFixtures.baseDigest) throws -> Data {
        let folder = "\(name.replacingOccurrences(of: "/", with: "_"))-\(version)-\(UUID().uuidString)"
        try write("\(folder)/perf.json",
                  Data(RegistryFixtures.conceptManifest(name: name, version: version, superclass: superclass,
                                                        dependencies: dependencies, baseDigest: baseDigest).utf8))
        try write("\(folder)/concept.safetensors", Data("weights of \(name)@\(version)".utf8))
        return try BundleArchive.pack(directory: workspace.appendingPathComponent(folder))
    }

    /// Writes `data` to `relative` in the workspace and returns its location.
    @discardableResult
    func write(_ relative: String, _ data: Data) throws -> URL {
        let url = workspace.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }

    /// This publisher's package signature of `archive` as `name@version`.
    func sign(_ archive: Data, _ name: String, _ version: String,
              baseDigest: String? = RegistryFixtures.baseDigest) throws -> Minisig {
        try PackageSignature.sign(archive: archive, name: name, version: version, base: baseDigest, with: key)
    }

    /// A bundle and its signature, ready to publish.
    func package(_ name: String, _ version: String, superclass: String = "circle") throws -> (archive: Data, signature: Minisig) {
        let archive = try archive(name, version, superclass: superclass)
        return (archive, try sign(archive, name, version))
    }

    /// Packs, signs and publishes `name@version` into `registry`.
    @discardableResult
    func publish(_ name: String, _ version: String, to registry: FileRegistry, superclass: String = "circle",
                 rotation: KeyRotation? = nil) throws -> IndexLine {
        let (archive, signature) = try package(name, version, superclass: superclass)
        return try registry.publish(archive: archive, signature: signature, publicKey: publicKey, rotation: rotation)
    }

    /// This publisher's signed yank or unyank statement.
    func yankStatement(_ name: String, _ version: String, yanked: Bool) throws -> Minisig {
        try FileRegistry.yankStatement(PackageName(parsing: name), SemanticVersion(parsing: version), yanked: yanked,
                                       signedWith: key)
    }
}

/// Registries, manifests and snapshots for the registry tests.
enum RegistryFixtures {
    /// The base weights digest every test concept names.
    static let baseDigest = "sha256:" + String(repeating: "ab", count: 32)

    /// A fresh empty registry in `scratch`.
    static func registry(in scratch: TemporaryDirectory) throws -> FileRegistry {
        try FileRegistry.create(at: scratch.path("registry"), name: "test")
    }

    /// A valid concept `perf.json`.
    static func conceptManifest(name: String, version: String, superclass: String = "circle",
                                dependencies: [String: String] = [:], baseDigest: String = baseDigest) -> String {
        let deps = dependencies.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ")
        return """
            {
              "schema": 1,
              "kind": "concept",
              "name": "\(name)",
              "version": "\(version)",
              "description": "A test concept.",
              "license": "MIT",
              "authors": ["Test Author"],
              "token": "<\(name)>",
              "superclass": "\(superclass)",
              "base": {"name": "perf/shapes", "requirement": ">=1.0, <2.0", "digest": "\(baseDigest)"},
              "gate": {"beta": 0.7, "tau": 0.15, "locking": "local"},
              "dependencies": {\(deps)}
            }

            """
    }

    /// Every file below `root` (hidden ones included) with its bytes: two equal snapshots
    /// mean nothing was written.
    static func snapshot(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let prefix = root.standardizedFileURL.path + "/"
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return files
        }
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[String(url.standardizedFileURL.path.dropFirst(prefix.count))] = try Data(contentsOf: url)
        }
        return files
    }

    /// The test-only `RegistryStress` executable, built next to the test bundle.
    static var stressExecutable: URL {
        get throws {
            var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = folder.appendingPathComponent("RegistryStress")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                folder = folder.deletingLastPathComponent()
            }
            throw FixtureError(message: "RegistryStress is not built next to the tests: run `swift build --build-tests`")
        }
    }

    /// Rewrites the file at `relative` in `registry` with `change` applied to its text.
    static func edit(_ registry: FileRegistry, _ relative: String, _ change: (String) -> String) throws {
        let url = registry.root.appendingPathComponent(relative)
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = change(text)
        guard changed != text else { throw FixtureError(message: "the edit of \(relative) changed nothing") }
        try Data(changed.utf8).write(to: url)
    }
}

/// A test fixture could not be made as asked.
struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
