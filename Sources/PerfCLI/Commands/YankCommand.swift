import ArgumentParser
import Foundation
import PerfClient
import PerfManifest
import PerfRegistry
import PerfSigning

/// `perf yank S/N@V [--undo]`: marks a published version as not to be chosen by new
/// resolutions (existing lockfiles keep it). Signed by the scope's key.
struct YankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yank",
        abstract: "Yank a published version (or undo a yank). New resolutions skip yanked versions; locked ones keep them."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var registryOptions: RegistryOptions
    @OptionGroup var keySelection: KeySelection

    @Argument(help: "The version to yank, as scope/name@version.")
    var package: String

    @Flag(help: "Undo the yank.")
    var undo = false

    func run() async throws {
        global.bootstrapLogging()
        let (name, version) = try PackageSpec.exact(package)
        let key = try keySelection.secretKey()
        let statement = try FileRegistry.yankStatement(name, version, yanked: !undo, signedWith: key)
        let line: IndexLine
        switch try registryOptions.writer() {
        case .folder(let registry): line = try registry.setYanked(name, version, yanked: !undo, statement: statement)
        case .http(let writer): line = try writer.setYanked(name, version, yanked: !undo, statement: statement)
        }
        Output.line(line.yanked ? "Yanked \(name)@\(version)" : "Unyanked \(name)@\(version)")
    }
}

/// Parses `scope/name` and `scope/name@version` arguments.
enum PackageSpec {
    /// `scope/name@version`, both parts required.
    static func exact(_ text: String) throws -> (PackageName, SemanticVersion) {
        let (name, version) = try optionalVersion(text)
        guard let version else {
            throw CLIError.invalidArgument("package", value: text, expected: "scope/name@version, e.g. alice/teddy@1.0.0")
        }
        return (name, version)
    }

    /// `scope/name` with an optional `@version`.
    static func optionalVersion(_ text: String) throws -> (PackageName, SemanticVersion?) {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard let name = PackageName(String(parts[0])) else {
            throw CLIError.invalidArgument("package", value: text, expected: "scope/name, lowercase letters, digits, - and _")
        }
        guard parts.count == 2 else { return (name, nil) }
        guard let version = SemanticVersion(String(parts[1])) else {
            throw CLIError.invalidArgument("package", value: text, expected: "a semantic version after @, e.g. 1.0.0")
        }
        return (name, version)
    }
}
