import PerfDiagnostics

/// Why a file registry refused an operation or a read: what happened, to which package,
/// version or file, and what to do.
public struct RegistryError: PerfError {
    private enum Reason: Sendable {
        case notARegistry(root: String, problem: String)
        case folderNotEmpty(root: String)
        case malformedFile(path: String, problem: String)
        case invalidArchive(subject: String, problem: String)
        case unpublishableKind(package: String, kind: String)
        case badSignature(package: String, problem: String)
        case untrustedKey(package: String, scope: String, signedBy: String, pinned: String, keysFile: String)
        case badRotation(scope: String, problem: String)
        case versionExists(package: String, indexFile: String)
        case packageNotFound(package: String, indexFile: String)
        case versionNotFound(package: String, version: String, indexFile: String)
        case tamperedIndex(package: String, indexFile: String, line: Int?, problem: String)
        case tamperedFile(package: String, path: String, problem: String)
        case missingFile(package: String, path: String)
        case badStatement(package: String, problem: String)
        case brokenLog(path: String, line: Int, problem: String)
        case inconsistent(root: String, problems: [String])
        case noCheckpointKey(registry: String, problem: String)
        case badCheckpoint(source: String, problem: String)
        case rolledBack(registry: String, remembered: Int, size: Int, memory: String)
        case rewrittenHistory(registry: String, problem: String, memory: String)
        case changedIdentity(registry: String, problem: String, memory: String)
        case unloggedLine(package: String, registry: String, problem: String)
        case damagedMemory(path: String, problem: String)
        case io(path: String, operation: String, problem: String)
    }

    private let reason: Reason

    private init(_ reason: Reason) { self.reason = reason }

    /// `root` holds no registry (or not one perf can read).
    static func notARegistry(_ root: String, _ problem: String) -> RegistryError {
        RegistryError(.notARegistry(root: root, problem: problem))
    }

    /// `perf registry init` was pointed at a folder that already holds files.
    static func folderNotEmpty(_ root: String) -> RegistryError { RegistryError(.folderNotEmpty(root: root)) }

    /// A registry file (config, keys, checkpoint, pending record) cannot be decoded.
    static func malformedFile(_ path: String, _ problem: String) -> RegistryError {
        RegistryError(.malformedFile(path: path, problem: problem))
    }

    /// An archive offered for publishing is not a readable bundle.
    static func invalidArchive(_ subject: String, _ problem: String) -> RegistryError {
        RegistryError(.invalidArchive(subject: subject, problem: problem))
    }

    /// Only concepts and base packages are published.
    static func unpublishableKind(_ package: String, _ kind: String) -> RegistryError {
        RegistryError(.unpublishableKind(package: package, kind: kind))
    }

    /// A package signature does not verify or does not state this package.
    static func badSignature(_ package: String, _ problem: String) -> RegistryError {
        RegistryError(.badSignature(package: package, problem: problem))
    }

    /// The archive was signed by a key other than the scope's pinned one, with no rotation.
    static func untrustedKey(_ package: String, scope: String, signedBy: String, pinned: String,
                             keysFile: String) -> RegistryError {
        RegistryError(.untrustedKey(package: package, scope: scope, signedBy: signedBy, pinned: pinned, keysFile: keysFile))
    }

    /// A key rotation is not signed by the scope's current key or does not name the new key.
    static func badRotation(_ scope: String, _ problem: String) -> RegistryError {
        RegistryError(.badRotation(scope: scope, problem: problem))
    }

    /// The version is already published; versions are never overwritten.
    static func versionExists(_ package: String, indexFile: String) -> RegistryError {
        RegistryError(.versionExists(package: package, indexFile: indexFile))
    }

    /// No version of the package is published here.
    static func packageNotFound(_ package: String, indexFile: String) -> RegistryError {
        RegistryError(.packageNotFound(package: package, indexFile: indexFile))
    }

    /// The package exists but not at this version.
    static func versionNotFound(_ package: String, _ version: String, indexFile: String) -> RegistryError {
        RegistryError(.versionNotFound(package: package, version: version, indexFile: indexFile))
    }

    /// An index line is malformed or disagrees with what it describes.
    static func tamperedIndex(_ package: String, indexFile: String, line: Int?, _ problem: String) -> RegistryError {
        RegistryError(.tamperedIndex(package: package, indexFile: indexFile, line: line, problem: problem))
    }

    /// A blob, signature or keys file read back does not match what the registry recorded.
    static func tamperedFile(_ package: String, path: String, _ problem: String) -> RegistryError {
        RegistryError(.tamperedFile(package: package, path: path, problem: problem))
    }

    /// A file the index refers to is missing.
    static func missingFile(_ package: String, path: String) -> RegistryError {
        RegistryError(.missingFile(package: package, path: path))
    }

    /// A yank or unyank statement does not verify or states something else.
    static func badStatement(_ package: String, _ problem: String) -> RegistryError {
        RegistryError(.badStatement(package: package, problem: problem))
    }

    /// The hash-chained log is malformed or its chain is broken.
    static func brokenLog(_ path: String, line: Int, _ problem: String) -> RegistryError {
        RegistryError(.brokenLog(path: path, line: line, problem: problem))
    }

    /// `verifyConsistency` found problems.
    static func inconsistent(_ root: String, _ problems: [String]) -> RegistryError {
        RegistryError(.inconsistent(root: root, problems: problems))
    }

    /// The registry's checkpoint key is missing, or its two halves (`.registry-key`, `config.json`) disagree.
    static func noCheckpointKey(_ registry: String, _ problem: String) -> RegistryError {
        RegistryError(.noCheckpointKey(registry: registry, problem: problem))
    }

    /// A `log/checkpoint` (or a remembered one) is malformed or its signature does not verify.
    static func badCheckpoint(_ source: String, _ problem: String) -> RegistryError {
        RegistryError(.badCheckpoint(source: source, problem: problem))
    }

    /// A registry's signed log is shorter than one this client already saw.
    static func rolledBack(_ registry: String, remembered: Int, size: Int, memory: String) -> RegistryError {
        RegistryError(.rolledBack(registry: registry, remembered: remembered, size: size, memory: memory))
    }

    /// A registry's signed log does not extend the one this client already saw.
    static func rewrittenHistory(_ registry: String, _ problem: String, memory: String) -> RegistryError {
        RegistryError(.rewrittenHistory(registry: registry, problem: problem, memory: memory))
    }

    /// A registry's checkpoint key or name differs from the one this client pinned.
    static func changedIdentity(_ registry: String, _ problem: String, memory: String) -> RegistryError {
        RegistryError(.changedIdentity(registry: registry, problem: problem, memory: memory))
    }

    /// An index line is not what the registry's signed log records.
    static func unloggedLine(_ package: String, registry: String, _ problem: String) -> RegistryError {
        RegistryError(.unloggedLine(package: package, registry: registry, problem: problem))
    }

    /// A client's remembered checkpoint (`CheckpointStore`) cannot be read or does not verify.
    static func damagedMemory(_ path: String, _ problem: String) -> RegistryError {
        RegistryError(.damagedMemory(path: path, problem: problem))
    }

    /// A system call on a registry file failed.
    static func io(_ path: String, _ operation: String, _ problem: String) -> RegistryError {
        RegistryError(.io(path: path, operation: operation, problem: problem))
    }

    public var exitStatus: ExitStatus {
        switch reason {
        case .notARegistry, .packageNotFound, .versionNotFound, .missingFile, .noCheckpointKey: .notFound
        case .folderNotEmpty, .versionExists: .conflict
        case .malformedFile, .invalidArchive, .unpublishableKind, .damagedMemory: .dataError
        case .badSignature, .untrustedKey, .badRotation, .tamperedIndex, .tamperedFile, .badStatement,
             .brokenLog, .inconsistent, .badCheckpoint, .rolledBack, .rewrittenHistory, .changedIdentity,
             .unloggedLine: .verificationFailed
        case .io: .ioError
        }
    }

    public var description: String {
        switch reason {
        case let .notARegistry(root, problem):
            "\(root) is not a perf registry: \(problem); create one with `perf registry init \(root)`"
        case let .folderNotEmpty(root):
            "\(root) already holds files; a new registry needs an empty or missing folder: choose another path"
        case let .malformedFile(path, problem):
            "\(path) is malformed: \(problem); restore it from a backup of the registry"
        case let .invalidArchive(subject, problem):
            "\(subject) is not a publishable bundle: \(problem); rebuild it with `perf pack`"
        case let .unpublishableKind(package, kind):
            "\(package) is a \(kind) package; only concept and base packages are published"
        case let .badSignature(package, problem):
            "the signature of \(package) is refused: \(problem); sign the archive again with `perf sign`"
        case let .untrustedKey(package, scope, signedBy, pinned, keysFile):
            "\(package) is signed by key \(signedBy), but scope '\(scope)' is pinned to key \(pinned) in \(keysFile); "
                + "sign with key \(pinned), or publish with a key rotation signed by it"
        case let .badRotation(scope, problem):
            "the key rotation for scope '\(scope)' is refused: \(problem); sign a key-rotation statement for the "
                + "new key with the scope's current key"
        case let .versionExists(package, indexFile):
            "\(package) is already published (\(indexFile)); published versions are never overwritten: "
                + "bump the version and publish again"
        case let .packageNotFound(package, indexFile):
            "no version of \(package) is published in this registry (\(indexFile) is missing); check the name with `perf search`"
        case let .versionNotFound(package, version, indexFile):
            "\(package) has no version \(version) in this registry (\(indexFile)); list its versions with `perf info \(package)`"
        case let .tamperedIndex(package, indexFile, line, problem):
            "\(indexFile)\(line.map { " line \($0)" } ?? "") (\(package)) is refused: \(problem); the registry may have been tampered with: "
                + "do not install from it and tell its maintainer"
        case let .tamperedFile(package, path, problem):
            "\(path) (\(package)) is refused: \(problem); the registry may have been tampered with: "
                + "do not install from it and tell its maintainer"
        case let .missingFile(package, path):
            "\(path) (\(package)) is missing although the index lists it; the registry is damaged: tell its maintainer"
        case let .badStatement(package, problem):
            "the yank statement for \(package) is refused: \(problem); sign it again with the scope's current key"
        case let .brokenLog(path, line, problem):
            "\(path) line \(line) is refused: \(problem); the registry's log has been damaged or rewritten: "
                + "tell its maintainer"
        case let .inconsistent(root, problems):
            "the registry at \(root) is inconsistent:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        case let .noCheckpointKey(registry, problem):
            "registry \(registry) has no usable checkpoint key: \(problem); its writers sign every log checkpoint with the secret "
                + "key in .registry-key, and readers check them with its public half, the first of config.json's "
                + "root_keys: restore both from a backup of the registry, or make a new one with `perf registry init`"
        case let .badCheckpoint(source, problem):
            "\(source) is refused: \(problem); the registry may have been tampered with: "
                + "do not install from it and tell its maintainer"
        case let .rolledBack(registry, remembered, size, memory):
            "registry \(registry) rolled back its log: its signed checkpoint has \(size) entries, but this machine "
                + "has seen it with \(remembered) (\(memory)), so published versions or yanks may be hidden: do not "
                + "install from it and tell its maintainer; delete \(memory) only if they confirm a deliberate restore"
        case let .rewrittenHistory(registry, problem, memory):
            "registry \(registry) rewrote its history: \(problem) (remembered in \(memory)); what was published "
                + "there may have been replaced: do not install from it and tell its maintainer"
        case let .changedIdentity(registry, problem, memory):
            "registry \(registry) is not the one this machine pinned: \(problem) (pinned in \(memory)); do not install "
                + "from it; delete \(memory) only if its maintainer confirms the change"
        case let .unloggedLine(package, registry, problem):
            "\(package) in registry \(registry) is refused: \(problem); the index says what the registry's signed log "
                + "does not: if the registry was being written to just now, run the command again; otherwise do not "
                + "install from it and tell its maintainer"
        case let .damagedMemory(path, problem):
            "\(path), this machine's memory of a registry's log, is damaged: \(problem); delete it to trust the "
                + "registry's log as it is now"
        case let .io(path, operation, problem):
            "could not \(operation) \(path): \(problem); check the folder's permissions and free space"
        }
    }
}
