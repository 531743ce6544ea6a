import ArgumentParser
import Foundation
import PerfRegistry

/// `perf registry ...`: create and (in a later issue) serve registries.
struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Create a file registry, or serve one over HTTP.",
        subcommands: [RegistryInitCommand.self, RegistryServeCommand.self]
    )
}

/// `perf registry init DIR [--name NAME]`: lays out an empty file registry.
struct RegistryInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty file registry in DIR (which must be empty or absent)."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The registry's folder.")
    var directory: String

    @Option(help: "The registry's name (default: the folder's name).")
    var name: String?

    func run() async throws {
        global.bootstrapLogging()
        let root = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        let registry = try FileRegistry.create(at: root, name: name ?? root.lastPathComponent)
        Output.line("Created registry \(name ?? root.lastPathComponent) at \(registry.root.path)")
    }
}
