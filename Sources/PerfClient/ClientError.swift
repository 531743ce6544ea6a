import PerfDiagnostics

/// Why a composition could not be set up, resolved or installed: what happened, to which
/// project file, package, registry or cache entry, and what to do.
public struct ClientError: PerfError {
    private enum Reason: Sendable {
        case noManifest(path: String)
        case manifestExists(path: String)
        case invalidRegistry(spec: String, problem: String)
        case invalidRequirement(package: String, requirement: String, source: String)
        case notPublished(package: String, registry: String)
        case wrongKind(package: String, kind: String, wanted: String, fix: String)
        case noEligibleVersion(package: String, requirement: String?, registry: String, available: String)
        case keyHistoryRewritten(scope: String, registry: String, pinned: String, offered: String, trustFile: String)
        case untrustedKey(package: String, keyID: String, registry: String, trustFile: String)
        case archiveRejected(package: String, location: String, problem: String)
        case lockContradicted(package: String, registry: String, field: String, locked: String, published: String)
        case notCached(what: String, path: String, fix: String)
        case lockIncomplete(missing: [String])
        case baseMismatch(concept: String, wanted: String, base: String, weights: String)
        case unreadableRegistry(registry: String, problem: String)
        case notARegistry(registry: String, problem: String)
        case malformedFile(path: String, problem: String)
        case io(path: String, operation: String, problem: String)
        case readOnlyRegistry(registry: String)
        case notInstalled(package: String, home: String, fix: String)
        case writeRefused(package: String, url: String, status: Int, problem: String)
        case noToken(registry: String, credentials: String)
    }

    private let reason: Reason

    private init(_ reason: Reason) { self.reason = reason }

    /// The project folder has no `perf.json`.
    static func noManifest(_ path: String) -> ClientError { ClientError(.noManifest(path: path)) }

    /// `perf init` found a `perf.json` already.
    static func manifestExists(_ path: String) -> ClientError { ClientError(.manifestExists(path: path)) }

    /// A registry named on the command line or in configuration is not a folder or URL perf can read.
    static func invalidRegistry(_ spec: String, _ problem: String) -> ClientError {
        ClientError(.invalidRegistry(spec: spec, problem: problem))
    }

    /// A version requirement (from the command line or `perf.json`) does not parse.
    static func invalidRequirement(_ package: String, _ requirement: String, source: String) -> ClientError {
        ClientError(.invalidRequirement(package: package, requirement: requirement, source: source))
    }

    /// The registry has no index file for the package.
    static func notPublished(_ package: String, registry: String) -> ClientError {
        ClientError(.notPublished(package: package, registry: registry))
    }

    /// The package is of another kind than the command needs (a base added as a concept).
    static func wrongKind(_ package: String, kind: String, wanted: String, fix: String) -> ClientError {
        ClientError(.wrongKind(package: package, kind: kind, wanted: wanted, fix: fix))
    }

    /// No version that is neither yanked nor untrusted matches (`perf add`).
    static func noEligibleVersion(_ package: String, requirement: String?, registry: String, available: String) -> ClientError {
        ClientError(.noEligibleVersion(package: package, requirement: requirement, registry: registry, available: available))
    }

    /// A registry's key history for a scope does not continue the one pinned in PERF_HOME.
    static func keyHistoryRewritten(scope: String, registry: String, pinned: String, offered: String,
                                    trustFile: String) -> ClientError {
        ClientError(.keyHistoryRewritten(scope: scope, registry: registry, pinned: pinned, offered: offered, trustFile: trustFile))
    }

    /// A package to install names a signing key this client does not trust for its scope.
    static func untrustedKey(_ package: String, keyID: String, registry: String, trustFile: String) -> ClientError {
        ClientError(.untrustedKey(package: package, keyID: keyID, registry: registry, trustFile: trustFile))
    }

    /// A downloaded or cached archive failed verification; it was not installed.
    static func archiveRejected(_ package: String, location: String, _ problem: String) -> ClientError {
        ClientError(.archiveRejected(package: package, location: location, problem: problem))
    }

    /// The registry now describes a locked version differently from `perf.lock`.
    static func lockContradicted(_ package: String, registry: String, field: String, locked: String,
                                 published: String) -> ClientError {
        ClientError(.lockContradicted(package: package, registry: registry, field: field, locked: locked, published: published))
    }

    /// `--offline` needs something the cache does not hold.
    static func notCached(_ what: String, path: String, fix: String) -> ClientError {
        ClientError(.notCached(what: what, path: path, fix: fix))
    }

    /// `--offline` without a `perf.lock` that pins every requirement of `perf.json`.
    static func lockIncomplete(_ missing: [String]) -> ClientError { ClientError(.lockIncomplete(missing: missing)) }

    /// A locked concept was trained on other weights than the locked base holds.
    static func baseMismatch(concept: String, wanted: String, base: String, weights: String) -> ClientError {
        ClientError(.baseMismatch(concept: concept, wanted: wanted, base: base, weights: weights))
    }

    /// Reading the registry's tree failed (a refused index or keys file, an unreadable config).
    static func unreadableRegistry(_ registry: String, _ problem: String) -> ClientError {
        ClientError(.unreadableRegistry(registry: registry, problem: problem))
    }

    /// The URL or folder holds no perf registry.
    static func notARegistry(_ registry: String, _ problem: String) -> ClientError {
        ClientError(.notARegistry(registry: registry, problem: problem))
    }

    /// A file perf keeps in PERF_HOME (trust pins, cached index) cannot be read.
    static func malformedFile(_ path: String, _ problem: String) -> ClientError {
        ClientError(.malformedFile(path: path, problem: problem))
    }

    /// A file system call failed.
    static func notInstalled(_ package: String, home: String, fix: String) -> ClientError {
        ClientError(.notInstalled(package: package, home: home, fix: fix))
    }

    static func readOnlyRegistry(_ registry: String) -> ClientError { ClientError(.readOnlyRegistry(registry: registry)) }

    static func writeRefused(_ package: String, url: String, status: Int, problem: String) -> ClientError {
        ClientError(.writeRefused(package: package, url: url, status: status, problem: problem))
    }

    static func noToken(_ registry: String, credentials: String) -> ClientError {
        ClientError(.noToken(registry: registry, credentials: credentials))
    }

    static func io(_ path: String, _ operation: String, _ problem: String) -> ClientError {
        ClientError(.io(path: path, operation: operation, problem: problem))
    }

    public var exitStatus: ExitStatus {
        switch reason {
        case .noManifest, .notPublished, .noEligibleVersion, .notARegistry: .notFound
        case .manifestExists: .conflict
        case .invalidRegistry: .configuration
        case .invalidRequirement, .wrongKind: .usage
        case .keyHistoryRewritten, .untrustedKey, .archiveRejected, .lockContradicted, .baseMismatch: .verificationFailed
        case .notCached, .lockIncomplete: .unavailable
        case .unreadableRegistry: .verificationFailed
        case .malformedFile: .dataError
        case .io: .ioError
        case .readOnlyRegistry, .noToken: .configuration
        case .notInstalled: .notFound
        case let .writeRefused(_, _, status, _):
            switch status {
            case 401, 403: .verificationFailed
            case 409: .conflict
            case 400, 413, 415, 422: .dataError
            case 503: .temporaryFailure
            default: .unavailable
            }
        }
    }

    public var description: String {
        switch reason {
        case let .noManifest(path):
            "\(path): no composition here; create one with `perf init`, or run the command in the project's folder"
        case let .manifestExists(path):
            "\(path) already exists; `perf init` never overwrites it: edit it, or add concepts with `perf add S/N`"
        case let .invalidRegistry(spec, problem):
            "registry \(spec): \(problem); name a registry as a folder, a file:// URL or an http(s):// URL"
        case let .invalidRequirement(package, requirement, source):
            "\(source): the requirement \"\(requirement)\" for \(package) is not a version requirement; "
                + "write one such as ^1.2, ~1.2.3, =1.0.0, >=1.0, <2.0 or *"
        case let .notPublished(package, registry):
            "no version of \(package) is published in \(registry); check the name with `perf search`, or the registry with --registry"
        case let .wrongKind(package, kind, wanted, fix):
            "\(package) is a \(kind) package, not a \(wanted); \(fix)"
        case let .noEligibleVersion(package, requirement, registry, available):
            "no version of \(package)\(requirement.map { " matching \($0)" } ?? "") in \(registry) may be chosen "
                + "(published: \(available)); yanked versions and versions signed by untrusted keys are never added: "
                + "ask for another requirement, or check the scope's keys"
        case let .keyHistoryRewritten(scope, registry, pinned, offered, trustFile):
            "\(registry) lists keys \(offered) for scope '\(scope)', which do not continue the key \(pinned) pinned "
                + "for it in \(trustFile): a new key is accepted only through a rotation signed by the pinned one, so the "
                + "registry's keys were replaced or rolled back. Do not install from it; if the publisher confirms a "
                + "deliberate key change, remove the scope from \(trustFile) and run the command again"
        case let .untrustedKey(package, keyID, registry, trustFile):
            "\(package) is signed by key \(keyID), which is not among the keys trusted for its scope in \(registry) "
                + "(\(trustFile)); run `perf install` online so the key history is read, or check the scope's keys"
        case let .archiveRejected(package, location, problem):
            "\(package) from \(location) is refused and was not installed: \(problem); the registry or a mirror may "
                + "have been tampered with or damaged: do not use it, and tell its maintainer"
        case let .lockContradicted(package, registry, field, locked, published):
            "perf.lock pins \(package) with \(field) \(locked), but \(registry) now lists it with \(published); a "
                + "published version never changes, so the registry's index was rewritten: do not install from it and "
                + "tell its maintainer (remove the entry from perf.lock only if you trust the new archive)"
        case let .notCached(what, path, fix):
            "\(what) is not in the cache (\(path)); \(fix)"
        case let .lockIncomplete(missing):
            "--offline installs exactly what perf.lock pins, but perf.lock does not satisfy perf.json: "
                + missing.joined(separator: "; ") + ". Run `perf install` online once to resolve and lock them"
        case let .baseMismatch(concept, wanted, base, weights):
            "\(concept) was trained on base weights \(wanted), but the locked base \(base) holds weights \(weights); "
                + "remove perf.lock and run `perf install` to resolve again"
        case let .unreadableRegistry(registry, problem):
            "\(registry) cannot be read: \(problem)"
        case let .notARegistry(registry, problem):
            "\(registry) is not a perf registry: \(problem); check the URL given with --registry or configured in PERF_HOME/config.json"
        case let .malformedFile(path, problem):
            "\(path) is malformed: \(problem); remove it and run the command again"
        case let .io(path, operation, problem):
            "could not \(operation) \(path): \(problem); check the folder's permissions and free space"
        case let .notInstalled(package, home, fix):
            "\(package) is not installed in \(home); \(fix)"
        case let .readOnlyRegistry(registry):
            "\(registry) takes no writes: its config.json names no `api`; publish to its server's URL, or to the folder itself"
        case let .writeRefused(package, url, status, problem):
            "\(url) refused \(package) (HTTP \(status)): \(problem)"
        case let .noToken(registry, credentials):
            "writing to \(registry) needs its bearer token: set PERF_TOKEN, or store it with `perf login --registry URL` "
                + "(reads the token from standard input into \(credentials))"
        }
    }
}
