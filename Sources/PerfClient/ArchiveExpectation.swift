import Foundation
import PerfBundle
import PerfManifest
import PerfSigning

/// What one package's archive must be, taken from its index line or its `perf.lock` entry:
/// the bytes' size and SHA-256, the key that signed them, and the name, version, kind and
/// base weights that both the signature's statement and the archive's `perf.json` must state.
public struct ArchiveExpectation: Sendable, Equatable {
    /// The package's name.
    public var name: PackageName
    /// Its version.
    public var version: SemanticVersion
    /// What it holds.
    public var kind: PackageKind
    /// The archive's SHA-256.
    public var sha256: Digest
    /// The archive's size in bytes.
    public var size: Int
    /// The id of the key that signed it (16 uppercase hex digits).
    public var keyID: String
    /// For a concept, the weights digest of its base; nil for a base.
    public var baseDigest: Digest?

    /// The archive an index line describes.
    public init(line: IndexLine) {
        self.init(name: line.name, version: line.version, kind: line.kind, sha256: line.sha256, size: line.size,
                  keyID: line.keyID, baseDigest: line.base?.digest)
    }

    /// The archive a `perf.lock` entry pins.
    public init(locked: Lockfile.Package) {
        self.init(name: locked.name, version: locked.version, kind: locked.kind, sha256: locked.sha256, size: locked.size,
                  keyID: locked.keyID, baseDigest: locked.baseDigest)
    }

    /// An expectation from its fields.
    public init(name: PackageName, version: SemanticVersion, kind: PackageKind, sha256: Digest, size: Int,
                keyID: String, baseDigest: Digest?) {
        self.name = name
        self.version = version
        self.kind = kind
        self.sha256 = sha256
        self.size = size
        self.keyID = keyID
        self.baseDigest = baseDigest
    }

    /// `name@version`, for messages.
    public var package: String { "\(name)@\(version)" }

    /// Checks `archive` (read from `location`): size, SHA-256, `signature` by `key` stating
    /// this name, version, SHA-256 and base, and a `perf.json` that agrees. Returns the
    /// archive's manifest; throws `ClientError` naming the first thing that differs.
    public func check(_ archive: Data, signature: Minisig, key: PublicKey, location: String) throws -> PackageManifest {
        func refuse(_ problem: String) -> ClientError { .archiveRejected(package, location: location, problem) }
        let actual = ContentDigest.sha256Hex(archive)
        guard actual == sha256.hex else {
            throw refuse("its sha256 is \(actual), expected \(sha256.hex) (\(archive.count) bytes, expected \(size))")
        }
        guard archive.count == size else { throw refuse("it is \(archive.count) bytes, expected \(size)") }
        guard key.keyID.description == keyID, signature.keyID == key.keyID else {
            throw refuse("it is signed by key \(signature.keyID), expected key \(keyID)")
        }
        do {
            try PackageSignature.verify(signature, archive: archive, name: name.description, version: version.description,
                                        base: baseDigest?.description, with: key)
        } catch {
            throw refuse("its signature is refused: \(error)")
        }
        let manifest: PackageManifest
        do {
            let data = try BundleArchive.file("perf.json", in: archive, source: location, limits: .base)
            manifest = try PackageManifest.decode(data, source: "\(location): perf.json")
            if kind == .concept { _ = try BundleArchive.entries(of: archive, source: location, limits: .concept) }
        } catch {
            throw refuse("it is not a readable bundle: \(error)")
        }
        let stated = "\(manifest.name.map { "\($0)" } ?? "?")@\(manifest.version.map { "\($0)" } ?? "?") (\(manifest.kind.rawValue))"
        guard manifest.kind == kind, manifest.name == name, manifest.version == version else {
            throw refuse("its perf.json describes \(stated), not \(package) (\(kind.rawValue))")
        }
        if case .concept(let concept) = manifest, concept.base.digest != baseDigest {
            throw refuse("its perf.json names base weights \(concept.base.digest), expected \(baseDigest.map { "\($0)" } ?? "none")")
        }
        return manifest
    }
}
