import ArgumentParser

/// `perf base ...`: base models (DESIGN §4). `import` registers a diffusers folder; `stats`
/// and `train` arrive with the Perfusion runtime and the built-in model.
struct BaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "base",
        abstract: "Register base models.",
        subcommands: [BaseImportCommand.self, BaseTrainCommand.self]
    )
}
