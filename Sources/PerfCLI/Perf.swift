import ArgumentParser

/// The `perf` command: the package manager for Perfusion concepts (DESIGN §4).
public struct Perf: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "perf",
        abstract: "The package manager for Perfusion concepts.",
        discussion: """
            Train a concept from a few pictures, pack it into a signed bundle, publish it to a
            registry, install concepts with dependency resolution and compose them into images.
            PERF_HOME (default ~/.perf) holds keys, configuration, cache and installed packages.
            """,
        version: PerfVersion.string,
        subcommands: [
            KeysCommand.self,
            PackCommand.self,
            SignCommand.self,
            VerifyCommand.self,
            PublishCommand.self,
            YankCommand.self,
            SearchCommand.self,
            InfoCommand.self,
            RegistryCommand.self,
            LoginCommand.self,
            InitCommand.self,
            AddCommand.self,
            ResolveCommand.self,
            InstallCommand.self,
            BaseCommand.self,
            TrainCommand.self,
            GenerateCommand.self,
            InspectCommand.self,
            WorldCommand.self,
            EvalCommand.self,
        ]
    )

    public init() {}

    /// Runs `perf` with the process's arguments, rendering every error in one place
    /// (`ErrorRendering`) and exiting with its stable status.
    public static func start() async {
        await start(arguments: Array(CommandLine.arguments.dropFirst()))
    }

    /// Runs `perf` with the given arguments and exits the process.
    public static func start(arguments: [String]) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            ErrorRendering.exit(with: error)
        }
        exit(withError: nil)
    }
}

/// perf's own version.
public enum PerfVersion {
    /// The version `perf --version` prints.
    public static let string = "0.1.0"
}
