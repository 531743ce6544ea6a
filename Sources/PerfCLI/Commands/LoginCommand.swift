import ArgumentParser
import Foundation
import PerfClient

/// `perf login --registry URL`: stores the bearer token for an HTTP registry's write API in
/// `PERF_HOME/credentials.json` (mode 0600), reading it from standard input so that it never
/// appears in the shell history or the process list.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Store the token for an HTTP registry's writes (read from standard input)."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var registryOptions: RegistryOptions

    func run() async throws {
        global.bootstrapLogging()
        let location = try registryOptions.location()
        guard location.kind == .http else {
            throw CLIError.invalidArgument("--registry", value: location.lockValue,
                                           expected: "an http(s):// registry: folders need no token")
        }
        let token = readLine(strippingNewline: true) ?? ""
        let credentials = RegistryCredentials(home: ClientHome(root: PerfHome.current.url))
        try credentials.store(token, for: location)
        Output.line("Stored the token for \(location.lockValue) in \(credentials.file.path)")
    }
}
