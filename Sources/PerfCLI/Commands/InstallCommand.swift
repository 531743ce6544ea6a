import ArgumentParser
import PerfClient
import PerfManifest

/// `perf install [--offline] [--registry URL]`: resolves `perf.json` (preferring `perf.lock`),
/// verifies every archive (digest, signature by the pinned key, the statement's name,
/// version, sha256 and base) before it is renamed into the cache, extracts each package
/// atomically into `PERF_HOME/packages/<scope>/<name>/<version>/`, and writes `perf.lock`
/// atomically. With `--offline` no network call is made: a lock that satisfies `perf.json`
/// installs from the cache alone.
struct InstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Resolve perf.json, install every package into PERF_HOME and write perf.lock.",
        discussion: "Every archive is verified before it enters the cache. With --offline nothing is fetched: "
            + "perf.lock and the cache must hold everything."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var clientOptions: ClientOptions

    @Flag(help: "Print what was installed as JSON.")
    var json = false

    func run() async throws {
        global.bootstrapLogging()
        let client = try clientOptions.client()
        let report = try client.install(ClientOptions.project)
        for warning in report.warnings { Output.note("warning: \(warning.description)") }
        if json { try Output.json(InstallSummary(report)); return }
        for package in report.installed {
            let how = package.status == .unchanged ? "already installed" : package.downloaded ? "downloaded and verified" : "verified from the cache"
            Output.line("  \(package.expectation.package) (\(package.expectation.kind.rawValue), \(how)) → \(package.folder.path)")
        }
        let lockNote = report.wroteLock ? "wrote perf.lock" : report.fromLock ? "installed from perf.lock" : "perf.lock unchanged"
        Output.line("Installed \(report.installed.count) package\(report.installed.count == 1 ? "" : "s"); \(lockNote)")
    }
}

/// What `perf install --json` prints.
struct InstallSummary: Encodable {
    struct Package: Encodable {
        let name: String
        let version: String
        let kind: String
        let sha256: String
        let folder: String
        let status: String
        let downloaded: Bool
    }

    let packages: [Package]
    let fromLock: Bool
    let wroteLock: Bool
    let warnings: [String]

    enum CodingKeys: String, CodingKey {
        case packages, fromLock = "from_lock", wroteLock = "wrote_lock", warnings
    }

    init(_ report: InstallReport) {
        packages = report.installed.map {
            Package(name: "\($0.expectation.name)", version: "\($0.expectation.version)", kind: $0.expectation.kind.rawValue,
                    sha256: $0.expectation.sha256.hex, folder: $0.folder.path, status: $0.status.rawValue, downloaded: $0.downloaded)
        }
        fromLock = report.fromLock
        wroteLock = report.wroteLock
        warnings = report.warnings.map(\.description)
    }
}
