import ArgumentParser
import PerfManifest
import PerfRegistry

/// `perf info S/N[@V]`: a package's versions, or one version's index record.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a package's published versions, or the details of one version."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var registryOptions: RegistryOptions

    @Argument(help: "scope/name or scope/name@version.")
    var package: String

    @Flag(help: "Print the index lines as JSON.")
    var json = false

    func run() async throws {
        global.bootstrapLogging()
        let (name, version) = try PackageSpec.optionalVersion(package)
        let all = try registryOptions.client().source().versions(of: name) ?? []
        let lines = version.map { wanted in all.filter { $0.version == wanted } } ?? all
        if lines.isEmpty {
            throw CLIError.fileNotFound(package, what: "published package or version",
                                        fix: "check the name with `perf search`, or the registry with --registry")
        }
        if json { try Output.json(version == nil ? lines : [lines[0]]); return }
        if version == nil {
            Output.line("\(name): \(lines.count) version\(lines.count == 1 ? "" : "s")")
            for line in lines { Output.line("  \(line.version)\(line.yanked ? "  (yanked)" : "")") }
            return
        }
        let line = lines[0]
        Output.line("\(line.name)@\(line.version)\(line.yanked ? " (yanked)" : "")")
        Output.line("  kind:       \(line.kind.rawValue)")
        if let superclass = line.superclass { Output.line("  superclass: \(superclass)") }
        if let base = line.base { Output.line("  base:       \(base.name) \(base.digest)") }
        for (dependency, requirement) in line.dependencies.sorted(by: { $0.key < $1.key }) {
            Output.line("  depends on: \(dependency) \(requirement)")
        }
        Output.line("  sha256:     \(line.sha256.hex)")
        Output.line("  size:       \(line.size) bytes")
        Output.line("  key:        \(line.keyID)")
    }
}
