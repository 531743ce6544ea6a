import Foundation
import Logging
import PerfManifest
import PerfResolver
import PerfSigning

/// A registry's packages as the resolver sees them (`PackageProvider`): each index line
/// becomes a `CandidateVersion`, marked untrusted unless its key is trusted for its scope
/// (`TrustStore`), and yanked as the index says. Index lines and key histories are read once
/// per catalogue.
///
/// Two facts the resolver needs are not in index lines: a concept's base *requirement* (the
/// line names the base and its weights digest only), which is taken as `*` since the digest
/// already pins the exact weights; and a base's `weights_digest`, which is read from the
/// base's archive (fetched and verified into the cache) for every version a resolution may
/// choose. An index line that carried `weights_digest` would save those downloads.
public final class RegistryCatalog: PackageProvider {
    /// Where the index comes from.
    public let source: any RegistrySource
    /// The keys trusted in that registry.
    public let trust: TrustStore
    /// Where base archives are verified and kept.
    public let archives: ArchiveCache
    /// Versions `perf.lock` pins: a yanked one may still be chosen, so its weights are read too.
    public let locked: [PackageName: SemanticVersion]
    /// The registry's verified log, which vouches for every index line read; nil when the
    /// registry has no checkpoint key.
    let witness: LogWitness?
    private let logger: Logger
    private var lines: [PackageName: [IndexLine]] = [:]
    private var scopes: [String: Set<KeyID>] = [:]

    /// A catalogue of `source`, trusting keys through `trust` and index lines through `witness`.
    init(source: any RegistrySource, trust: TrustStore, archives: ArchiveCache, witness: LogWitness?,
         locked: [PackageName: SemanticVersion], logger: Logger) {
        self.source = source
        self.trust = trust
        self.archives = archives
        self.witness = witness
        self.locked = locked
        self.logger = logger
    }

    /// Every index line of `name`, in publish order; empty when it was never published.
    public func indexLines(of name: PackageName) throws -> [IndexLine] {
        if let known = lines[name] { return known }
        let read = try source.versions(of: name) ?? []
        try witness?.vouch(for: read)
        lines[name] = read
        return read
    }

    /// The index line of `name@version`, if published.
    public func line(_ name: PackageName, _ version: SemanticVersion) throws -> IndexLine? {
        try indexLines(of: name).first { $0.version == version }
    }

    /// Whether the key that signed `line` is trusted for its scope in this registry.
    public func isTrusted(_ line: IndexLine) throws -> Bool {
        guard let id = KeyID(hex: line.keyID) else { return false }
        return try trustedKeys(line.name.scope).contains(id)
    }

    /// The key that signed `line`, when it is trusted.
    public func key(for line: IndexLine) throws -> PublicKey? {
        guard let id = KeyID(hex: line.keyID), try trustedKeys(line.name.scope).contains(id) else { return nil }
        return trust.key(scope: line.name.scope, id: id)
    }

    public func versions(of package: PackageName) throws -> [CandidateVersion] {
        try indexLines(of: package).map(candidate)
    }

    /// The resolver's view of one index line.
    private func candidate(_ line: IndexLine) throws -> CandidateVersion {
        var dependencies: [PackageName: VersionRequirement] = [:]
        for (name, text) in line.dependencies {
            guard let requirement = VersionRequirement(text) else {
                throw ClientError.invalidRequirement("\(name)", text, source: "\(source.location) index of \(line.name)@\(line.version)")
            }
            dependencies[name] = requirement
        }
        let trusted = try isTrusted(line)
        var candidate = CandidateVersion(line.version, dependencies: dependencies,
                                         base: line.base.map { .init(name: $0.name, requirement: .any, digest: $0.digest) },
                                         isYanked: line.yanked, isTrusted: trusted)
        let choosable = trusted && (!line.yanked || locked[line.name] == line.version)
        if line.kind == .base, choosable { candidate.weightsDigest = try weightsDigest(of: line) }
        return candidate
    }

    /// A base version's `weights_digest`, from its verified archive.
    private func weightsDigest(of line: IndexLine) throws -> Digest? {
        guard let key = try key(for: line) else { return nil }
        logger.debug("reading the weights digest of \(line.name)@\(line.version) from its archive")
        let archive = try archives.archive(ArchiveExpectation(line: line), key: key, from: source)
        guard case .base(let base) = archive.manifest else { return nil }
        return base.weightsDigest
    }

    /// The ids of the keys trusted for `scope`, after checking the registry's history against the pins.
    private func trustedKeys(_ scope: String) throws -> Set<KeyID> {
        if let known = scopes[scope] { return known }
        if let history = try source.scopeKeys(scope) { try trust.accept(history) }
        let ids = Set(trust.keys(of: scope).map(\.keyID))
        scopes[scope] = ids
        return ids
    }
}
