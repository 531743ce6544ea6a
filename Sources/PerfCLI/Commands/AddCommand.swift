import ArgumentParser
import PerfClient
import PerfManifest

/// `perf add S/N[@REQ]... [--base S/N[@REQ]]`: adds or updates requirements in `perf.json`,
/// as `cargo add` does: without `@REQ`, `^` of the newest version that is neither yanked nor
/// signed by an untrusted key. Only `perf.json` changes; `perf install` resolves and locks.
struct AddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add concepts (or the base model, with --base) to perf.json by version requirement.",
        discussion: "Without @REQ the requirement is ^ of the newest version that is neither yanked nor untrusted. "
            + "Only perf.json changes: run `perf install` to resolve, lock and install."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var clientOptions: ClientOptions

    @Argument(help: "Concepts as scope/name or scope/name@REQUIREMENT (e.g. alice/teddy@^1.2).")
    var concepts: [String] = []

    @Option(help: "The base model as scope/name or scope/name@REQUIREMENT.")
    var base: String?

    func validate() throws {
        if concepts.isEmpty && base == nil { throw ValidationError("name at least one concept, or a base with --base") }
    }

    func run() async throws {
        global.bootstrapLogging()
        let project = ClientOptions.project
        var manifest = try project.manifest()
        let client = try clientOptions.client()
        var added: [String] = []
        for spec in concepts {
            let (name, requested) = try Self.split(spec)
            let requirement = try client.requirement(for: name, kind: .concept, requested: requested)
            manifest.concepts[name] = requirement
            added.append("\(name) \(requirement)")
        }
        if let base {
            let (name, requested) = try Self.split(base)
            let requirement = try client.requirement(for: name, kind: .base, requested: requested)
            manifest.base = .init(name: name, requirement: requirement)
            added.append("base \(name) \(requirement)")
        }
        try project.write(manifest)
        for entry in added { Output.line("Added \(entry) to \(project.manifestURL.path)") }
    }

    /// `scope/name` and the optional requirement after `@`.
    static func split(_ spec: String) throws -> (PackageName, String?) {
        let parts = spec.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let name = PackageName(parts[0]) else {
            throw CLIError.invalidArgument("package", value: spec, expected: "scope/name or scope/name@REQUIREMENT")
        }
        return (name, parts.count == 2 ? parts[1] : nil)
    }
}
