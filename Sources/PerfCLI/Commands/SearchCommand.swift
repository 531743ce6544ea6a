import ArgumentParser
import PerfRegistry

/// `perf search TEXT`: packages whose name or superclass contains TEXT.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search a registry's packages by name or superclass."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var registryOptions: RegistryOptions

    @Argument(help: "Text to look for (case-insensitive).")
    var text: String

    @Flag(help: "Print the matching index lines as JSON.")
    var json = false

    func run() async throws {
        global.bootstrapLogging()
        let lines = try registryOptions.open(for: "perf search").search(text)
        if json { try Output.json(lines); return }
        if lines.isEmpty { Output.line("No packages match \"\(text)\"."); return }
        for line in lines {
            let detail = line.superclass.map { "concept, a \($0)" } ?? line.kind.rawValue
            Output.line("\(line.name)@\(line.version)  (\(detail))")
        }
    }
}
