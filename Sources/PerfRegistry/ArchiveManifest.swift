import Foundation
import PerfBundle
import PerfManifest

/// What the registry reads from an archive's `perf.json`: the package it is and the index
/// line it gets. Only concepts and bases are published.
struct ArchiveManifest: Sendable {
    /// The decoded manifest (`.concept` or `.base`).
    let manifest: PackageManifest
    /// The package's name.
    let name: PackageName
    /// The package's version.
    let version: SemanticVersion

    /// Reads `perf.json` from `archive`; `source` names the archive in errors.
    init(archive: Data, source: String) throws {
        let data: Data
        let manifest: PackageManifest
        do {
            // Read with the roomier limits first; a concept must then also fit the concept limits.
            data = try BundleArchive.file("perf.json", in: archive, source: source, limits: .base)
            manifest = try PackageManifest.decode(data, source: "\(source): perf.json")
            if manifest.kind == .concept {
                _ = try BundleArchive.entries(of: archive, source: source, limits: .concept)
            }
        } catch {
            throw RegistryError.invalidArchive(source, "\(error)")
        }
        switch manifest {
        case .concept(let concept):
            name = concept.name
            version = concept.version
        case .base(let base):
            name = base.name
            version = base.version
        case .composition:
            throw RegistryError.unpublishableKind(manifest.name.map { "\($0)" } ?? source, manifest.kind.rawValue)
        }
        self.manifest = manifest
    }

    /// `name@version`, for messages.
    var package: String { "\(name)@\(version)" }

    /// The base digest a package signature states: the concept's base weights, nil for a base.
    var signedBase: String? {
        if case .concept(let concept) = manifest { return concept.base.digest.description }
        return nil
    }

    /// The index line this archive gets when published with `sha256` and `size`, signed by `keyID`.
    func indexLine(sha256: String, size: Int, keyID: String, published: Date) throws -> IndexLine {
        let digest = try Digest(sha256Hex: sha256)
        switch manifest {
        case .concept(let concept):
            return IndexLine(name: name, version: version, kind: .concept, dependencies: concept.dependencies,
                             base: IndexLine.BaseReference(name: concept.base.name, digest: concept.base.digest),
                             superclass: concept.superclass, sha256: digest, size: size, keyID: keyID, published: published)
        case .base(let base):
            return IndexLine(name: name, version: version, kind: .base, statsDigest: base.stats.digest,
                             sha256: digest, size: size, keyID: keyID, published: published)
        case .composition:
            throw RegistryError.unpublishableKind(package, manifest.kind.rawValue)
        }
    }

    /// Where `line` disagrees with this archive in anything but `yanked` and `published`, or nil.
    func disagreement(with line: IndexLine) throws -> String? {
        let expected = try indexLine(sha256: line.sha256.hex, size: line.size, keyID: line.keyID, published: line.published)
        var mine = line
        mine.yanked = false
        if mine == expected { return nil }
        return "the index line says \(mine.encodedLine()) but the archive's perf.json gives \(expected.encodedLine())"
    }
}
