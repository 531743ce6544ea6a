// A test-only child process for PerfRegistryTests: publishes archives into a file registry
// from a separate process, so tests can run publishers concurrently and SIGKILL one mid-write.
//
//     RegistryStress publish REGISTRY PUBLIC_KEY ARCHIVE...
//
// Each ARCHIVE is published with the signature in ARCHIVE.minisig, in order. Exit status 0
// when all are published; otherwise the first error's message and stable exit status.
import Foundation
import PerfDiagnostics
import PerfRegistry
import PerfSigning

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3, arguments[0] == "publish" else {
    FileHandle.standardError.write(Data("usage: RegistryStress publish REGISTRY PUBLIC_KEY ARCHIVE...\n".utf8))
    exit(ExitStatus.usage.rawValue)
}
do {
    let registry = try FileRegistry(root: URL(fileURLWithPath: arguments[1]))
    let keyFile = URL(fileURLWithPath: arguments[2])
    let publicKey = try PublicKey(minisign: String(decoding: try Data(contentsOf: keyFile), as: UTF8.self),
                                  source: keyFile.path)
    for path in arguments.dropFirst(3) {
        let archive = try Data(contentsOf: URL(fileURLWithPath: path))
        let signatureText = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path + ".minisig")), as: UTF8.self)
        let signature = try Minisig(text: signatureText, source: path + ".minisig")
        _ = try registry.publish(archive: archive, signature: signature, publicKey: publicKey)
    }
} catch let error as PerfError {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(error.exitStatus.rawValue)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(ExitStatus.failure.rawValue)
}
