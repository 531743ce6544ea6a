import ArgumentParser
import Foundation
import PerfSigning

/// `perf keys`: the signing key pairs in `PERF_HOME/keys`, in minisign's formats.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Generate, list and export signing keys (Ed25519, minisign format).",
        discussion: """
            Keys live in PERF_HOME/keys as NAME.key (an unencrypted minisign secret key, mode 0600) \
            and NAME.pub (its minisign public key). The stock `minisign` tool can use both.
            """,
        subcommands: [Generate.self, List.self, Export.self]
    )
}

extension KeysCommand {
    /// `perf keys generate [NAME]`.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a new key pair. An existing key is never overwritten.")

        @Argument(help: "The key's name: a-z, 0-9, '.', '_', '-'.")
        var name = "default"

        func run() throws {
            let keyring = Keyring(directory: PerfHome.current.keys)
            let key = try keyring.generate(name: name)
            print("""
                Generated key '\(name)' (key id \(key.keyID))
                Secret key: \(keyring.secretKeyURL(name).path) (keep it secret)
                Public key: \(keyring.publicKeyURL(name).path)
                Share the public key with `perf keys export \(name)`.
                """)
        }
    }

    /// `perf keys list [--json]`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the key pairs and their key ids.")

        @Flag(help: "Print a JSON array of {name, keyID, publicKey}.")
        var json = false

        /// One key in `--json` output.
        struct Entry: Encodable {
            let name: String
            let keyID: KeyID
            let publicKey: String
        }

        func run() throws {
            let keyring = Keyring(directory: PerfHome.current.keys)
            let keys = try keyring.list()
            if json {
                let entries = try keys.map { Entry(name: $0.name, keyID: $0.keyID, publicKey: try keyring.publicKey(named: $0.name).base64) }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(entries), as: UTF8.self))
            } else if keys.isEmpty {
                FileHandle.standardError.write(Data("no keys in \(keyring.directory.path); create one with `perf keys generate`\n".utf8))
            } else {
                let width = keys.map(\.name.count).max() ?? 0
                for key in keys {
                    print(key.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + key.keyID.description)
                }
            }
        }
    }

    /// `perf keys export NAME`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a key's minisign public key file, for `minisign -V -p` and registries.")

        @Argument(help: "The key's name.")
        var name: String

        func run() throws {
            let keyring = Keyring(directory: PerfHome.current.keys)
            print(try keyring.publicKey(named: name).minisignFile, terminator: "")
        }
    }
}
