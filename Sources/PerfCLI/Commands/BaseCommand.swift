import ArgumentParser

/// `perf base ...`: base models (DESIGN §4). `import` registers a diffusers folder; `stats`
/// recomputes its text statistics; `train` arrives with the built-in model.
struct BaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "base",
        abstract: "Register base models.",
        subcommands: [BaseImportCommand.self, BaseStatsCommand.self, BaseTrainCommand.self]
    )
}
