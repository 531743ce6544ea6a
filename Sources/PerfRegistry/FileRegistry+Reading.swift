import Foundation
import PerfBundle
import PerfManifest
import PerfSigning

extension FileRegistry {
    /// Every published version of `name`, in publish order, yanked ones included.
    public func versions(of name: PackageName) throws -> [IndexLine] {
        guard let index = try IndexFile.load(name, in: layout) else {
            let path = layout.file(RegistryLayout.indexPath(scope: name.scope, name: name.name)).path
            throw RegistryError.packageNotFound("\(name)", indexFile: path)
        }
        return try index.lines()
    }

    /// One version of `name` (`perf info S/N[@V]`): the given one, or else the newest
    /// version not yanked, or the newest of all when every version is yanked.
    public func info(_ name: PackageName, version: SemanticVersion? = nil) throws -> IndexLine {
        let lines = try versions(of: name)
        if let version {
            guard let line = lines.first(where: { $0.version == version }) else {
                let path = layout.file(RegistryLayout.indexPath(scope: name.scope, name: name.name)).path
                throw RegistryError.versionNotFound("\(name)", "\(version)", indexFile: path)
            }
            return line
        }
        // A package's index always has a line; `versions(of:)` refuses a missing one.
        return Self.newest(lines)!
    }

    /// Packages whose name or superclass contains `text` (case-insensitively; every package
    /// for empty text), each as its newest version not yanked (or its newest when all are),
    /// sorted by name (`perf search`).
    public func search(_ text: String) throws -> [IndexLine] {
        let needle = text.lowercased()
        var found: [IndexLine] = []
        for name in try packageNames() {
            let lines = try versions(of: name)
            let matches = needle.isEmpty || "\(name)".lowercased().contains(needle)
                || lines.contains { $0.superclass?.lowercased().contains(needle) == true }
            if matches, let line = Self.newest(lines) { found.append(line) }
        }
        return found
    }

    /// Every package with an index file, sorted.
    public func packageNames() throws -> [PackageName] {
        var names: [PackageName] = []
        for scope in try DurableFile.visibleNames(in: layout.index) {
            for file in try DurableFile.visibleNames(in: layout.index.appendingPathComponent(scope)) {
                guard let name = try? PackageName(scope: scope, name: file) else {
                    throw RegistryError.tamperedIndex("\(scope)/\(file)", indexFile: layout.file("index/\(scope)/\(file)").path,
                                                      line: nil, "it is not named after a package (\(PackageName.expectation))")
                }
                names.append(name)
            }
        }
        return names.sorted()
    }

    /// The archive of `line`, checked: its digest and size are the line's, its signature
    /// verifies with the scope's key that the line names, and its `perf.json` agrees with the line.
    public func archive(for line: IndexLine) throws -> Data {
        try verifiedPackage(line).archive
    }

    /// The signature of `line`'s archive, checked as `archive(for:)` checks it.
    public func signature(for line: IndexLine) throws -> Minisig {
        try verifiedPackage(line).signature
    }

    /// The scope's key history in this registry.
    public func scopeKeys(_ scope: String) throws -> ScopeKeys {
        let url = layout.file(RegistryLayout.keysPath(scope: scope))
        guard let keys = try ScopeKeys.load(scope: scope, from: url) else {
            throw RegistryError.packageNotFound("scope \(scope)", indexFile: url.path)
        }
        return keys
    }

    /// Reads and checks everything `line` points at.
    func verifiedPackage(_ line: IndexLine) throws -> (archive: Data, signature: Minisig) {
        try verifiedPackage(line, keys: scopeKeys(line.name.scope))
    }

    /// Reads and checks everything `line` points at, trusting the key history `keys`.
    func verifiedPackage(_ line: IndexLine, keys: ScopeKeys) throws -> (archive: Data, signature: Minisig) {
        let package = "\(line.name)@\(line.version)"
        let indexPath = layout.file(RegistryLayout.indexPath(scope: line.name.scope, name: line.name.name)).path
        let blobURL = layout.file(RegistryLayout.blobPath(line.sha256.hex))
        guard let archive = try DurableFile.read(blobURL) else { throw RegistryError.missingFile(package, path: blobURL.path) }
        let actual = ContentDigest.sha256Hex(archive)
        guard actual == line.sha256.hex else {
            throw RegistryError.tamperedFile(package, path: blobURL.path, "its sha256 is \(actual), the index says \(line.sha256.hex)")
        }
        guard archive.count == line.size else {
            throw RegistryError.tamperedIndex(package, indexFile: indexPath, line: nil,
                                              "it gives the size \(line.size) but the archive has \(archive.count) bytes")
        }
        let signatureURL = layout.file(RegistryLayout.signaturePath(line.sha256.hex))
        guard let signatureData = try DurableFile.read(signatureURL) else {
            throw RegistryError.missingFile(package, path: signatureURL.path)
        }
        guard let keyID = KeyID(hex: line.keyID), let key = keys.key(keyID) else {
            throw RegistryError.tamperedIndex(package, indexFile: indexPath, line: nil,
                                              "it names key \(line.keyID), which scope '\(line.name.scope)' never had here")
        }
        let signature: Minisig
        do {
            signature = try Minisig(text: String(decoding: signatureData, as: UTF8.self), source: signatureURL.path)
            try PackageSignature.verify(signature, archive: archive, name: "\(line.name)", version: "\(line.version)",
                                        base: line.base?.digest.description, with: key)
        } catch {
            throw RegistryError.tamperedFile(package, path: signatureURL.path, "\(error)")
        }
        let manifest = try ArchiveManifest(archive: archive, source: blobURL.path)
        if let problem = try manifest.disagreement(with: line) {
            throw RegistryError.tamperedIndex(package, indexFile: indexPath, line: nil, problem)
        }
        return (archive, signature)
    }

    /// The newest version not yanked, or the newest of all when every one is yanked.
    static func newest(_ lines: [IndexLine]) -> IndexLine? {
        lines.filter { !$0.yanked }.max { $0.version < $1.version } ?? lines.max { $0.version < $1.version }
    }
}
