import Foundation

/// `PERF_HOME/config.json`: the user's settings. Absent means defaults.
struct PerfConfig: Codable, Sendable {
    /// The file format's version.
    var schema: Int = 1
    /// The default registry: a path, `file://` URL or `http(s)://` URL.
    var registry: String?
    /// The default base package (`scope/name`) for `perf generate` and `perf inspect` without `--base`.
    var base: String?

    /// Reads the config of `home`, or the defaults when there is none.
    static func load(from home: PerfHome) throws -> PerfConfig {
        guard let data = FileManager.default.contents(atPath: home.config.path) else { return PerfConfig() }
        do {
            return try JSONDecoder().decode(PerfConfig.self, from: data)
        } catch {
            throw CLIError.invalidArgument(home.config.path, value: "config.json",
                                           expected: "a JSON object like {\"schema\": 1, \"registry\": \"/path\"}; fix or remove the file")
        }
    }
}
