import PerfManifest

extension RegistryClient {
    /// The requirement `perf add` writes for `name`, which must be a published package of
    /// `kind`: `requested` when given (it must parse and match a version that is neither
    /// yanked nor signed by an untrusted key), else `^V` of the newest such version, a
    /// release when there is one, as `cargo add` does.
    public func requirement(for name: PackageName, kind: PackageKind, requested: String?) throws -> String {
        let catalog = try catalog()
        let lines = try catalog.indexLines(of: name)
        guard let newest = lines.max(by: { $0.version < $1.version }) else {
            throw ClientError.notPublished("\(name)", registry: registry.description)
        }
        guard newest.kind == kind else {
            let fix = kind == .concept ? "add a base with `perf add --base \(name)`" : "add a concept with `perf add \(name)`"
            throw ClientError.wrongKind("\(name)", kind: newest.kind.rawValue, wanted: kind.rawValue, fix: fix)
        }
        let eligible = try lines.filter { try !$0.yanked && catalog.isTrusted($0) }.map(\.version).sorted()
        let published = lines.map(\.version).sorted().map { "\($0)" }.joined(separator: ", ")
        if let requested {
            guard let requirement = VersionRequirement(requested) else {
                throw ClientError.invalidRequirement("\(name)", requested, source: "the command line")
            }
            guard eligible.contains(where: requirement.matches) else {
                throw ClientError.noEligibleVersion("\(name)", requirement: requested, registry: registry.description, available: published)
            }
            return requested
        }
        guard let chosen = eligible.last(where: { !$0.isPreRelease }) ?? eligible.last else {
            throw ClientError.noEligibleVersion("\(name)", requirement: nil, registry: registry.description, available: published)
        }
        return "^\(chosen.withoutBuildMetadata)"
    }
}
