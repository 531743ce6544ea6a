import ArgumentParser
import PerfClient
import PerfManifest

/// `perf init [--name S/N]`: starts a generation project, an empty composition in `perf.json`.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create perf.json, an empty composition, in the current folder (never overwrites one)."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The project's name, scope/name (optional).")
    var name: String?

    func run() async throws {
        global.bootstrapLogging()
        let projectName = try name.map { text in
            guard let parsed = PackageName(text) else {
                throw CLIError.invalidArgument("--name", value: text, expected: PackageName.expectation)
            }
            return parsed
        }
        let project = try CompositionProject.create(in: ClientOptions.project.folder, name: projectName)
        Output.line("Created \(project.manifestURL.path); add concepts with `perf add S/N`, then run `perf install`")
    }
}
