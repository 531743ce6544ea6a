import ArgumentParser
import PerfSigning

/// `--key NAME`: which secret key in `PERF_HOME/keys` signs. Without it, the keyring's only
/// key, or the one named `default`.
struct KeySelection: ParsableArguments {
    @Option(name: .long, help: "The name of the signing key in PERF_HOME/keys (default: the only key, or `default`).")
    var key: String?

    /// The chosen secret key.
    func secretKey() throws -> SecretKey {
        let keyring = Keyring(directory: PerfHome.current.keys)
        return try keyring.secretKey(named: try name(in: keyring))
    }

    /// The chosen key's name.
    func name(in keyring: Keyring) throws -> String {
        if let key { return key }
        let names = try keyring.list().map(\.name)
        if names.count == 1 { return names[0] }
        if names.contains("default") { return "default" }
        throw CLIError.noKey(available: names)
    }
}
