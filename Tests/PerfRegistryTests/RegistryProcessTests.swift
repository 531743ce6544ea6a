import Foundation
import PerfManifest
import PerfRegistry
import PerfSigning
import PerfTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Publishers in separate processes (the test-only `RegistryStress` executable): many at
/// once, and one killed with SIGKILL at every step of the write path and at random instants.
@Suite("Publishing from several processes, and surviving SIGKILL")
struct RegistryProcessTests {
    /// The test's folder, alive as long as the test.
    private let scratch: TemporaryDirectory
    /// An empty registry in it.
    private let registry: FileRegistry

    init() throws {
        scratch = try TemporaryDirectory("perf-registry")
        registry = try RegistryFixtures.registry(in: scratch)
    }

    @Test("8 processes publishing 25 versions each into one registry at once leave all 200 versions and a sound log")
    func concurrentPublishers() throws {
                let publisher = Publisher(in: scratch)
        let keyFile = try publisher.write("publisher.pub", Data(publisher.publicKey.minisignFile.utf8))
        var batches: [[String]] = []
        for process in 0..<8 {
            batches.append(try (0..<25).map { index in
                try stage(publisher, "stress/concept", "\(process + 1).\(index).0")
            })
        }
        let children = try batches.map { files in
            try spawn(["publish", registry.root.path, keyFile.path] + files)
        }
        for child in children {
            child.process.waitUntilExit()
            #expect(child.process.terminationStatus == 0, "a publisher failed: \(child.stderr())")
        }
        let lines = try registry.versions(of: PackageName(parsing: "stress/concept"))
        #expect(lines.count == 200)
        let expected = Set((1...8).flatMap { process in (0..<25).map { "\(process).\($0).0" } })
        #expect(Set(lines.map(\.version.description)) == expected)
        let report = try registry.verifyConsistency()
        #expect(report.versions == 200 && report.logEntries == 201 && report.scopes == 1)
        #expect(report.unreferencedBlobs.isEmpty && report.temporaryFiles.isEmpty && report.interruptedOperation == nil)
    }

    @Test("a publisher killed at every step of the write path leaves a consistent registry that the next publish completes")
    func killedAtEveryStep() throws {
                let publisher = Publisher(in: scratch)
        let keyFile = try publisher.write("publisher.pub", Data(publisher.publicKey.minisignFile.utf8))
        try publisher.publish("crash/concept", "0.0.1", to: registry)
        let client = try clientCheck()
        let steps = ["locked", "blob-written", "signature-written", "checkpoint-signed", "pending-written", "keys-written",
                     "index-written", "log-torn", "log-written", "checkpoint-written"]
        let committed: Set<String> = ["pending-written", "keys-written", "index-written", "log-torn", "log-written",
                                      "checkpoint-written"]
        for (round, step) in steps.enumerated() {
            // keys-written is only reached when a key is pinned: publish into a new scope there.
            let name = step == "keys-written" ? "crash\(round)/concept" : "crash/concept"
            let version = "\(round + 1).0.0"
            let file = try stage(publisher, name, version)
            let marker = publisher.workspace.appendingPathComponent("paused-\(round)")
            let child = try spawn(["publish", registry.root.path, keyFile.path, file], environment: [
                "PERF_REGISTRY_TEST_PAUSE_AT": step, "PERF_REGISTRY_TEST_PAUSE_FILE": marker.path,
                "PERF_REGISTRY_TEST_PAUSE_SECONDS": "60",
            ])
            try waitFor(marker, child: child, step: step)
            kill(child.process.processIdentifier, SIGKILL)
            child.process.waitUntilExit()
            #expect(child.process.terminationReason == .uncaughtSignal, "killed at \(step)")

            let report = try registry.verifyConsistency()
            #expect((report.interruptedOperation != nil) == committed.contains(step), "killed at \(step)")
            if committed.contains(step) {
                // The intent record carries the signed checkpoint that rolling forward writes as is.
                let recorded = try recordedCheckpoint()
                try recorded.verify(with: registry.checkpointKey, origin: "test", source: "log/pending")
                #expect(recorded.checkpoint.size == report.logEntries, "killed at \(step)")
            }
            // A client reading now sees the old checkpoint or the new one, and its memory only moves forward.
            _ = try client.verify(registry)
            if step == "log-torn" {
                let log = try Data(contentsOf: registry.root.appendingPathComponent("log/entries"))
                #expect(log.last != UInt8(ascii: "\n"), "the torn step leaves a partial line")
            }
            // The next publish rolls the interrupted one forward (or finds it never happened).
            try publisher.publish("crash/concept", "\(round + 1).0.1", to: registry)
            let after = try registry.verifyConsistency()
            #expect(after.interruptedOperation == nil, "killed at \(step)")
            #expect(try client.verify(registry).checkpoint.size == after.logEntries, "killed at \(step)")
            let published = try registry.versions(of: PackageName(parsing: name)).map(\.version.description)
            #expect(published.contains(version) == committed.contains(step), "killed at \(step)")
            if !committed.contains(step) {
                let (archive, signature) = try load(file)
                try registry.publish(archive: archive, signature: signature, publicKey: publisher.publicKey)
            }
        }
        #expect(try registry.recover() == false)
        let report = try registry.verifyConsistency()
        #expect(report.temporaryFiles.isEmpty && report.versions == 1 + 2 * steps.count)
    }

    @Test("publishers killed at random instants, 16 times, never leave an inconsistent registry")
    func killedAtRandomInstants() throws {
                let publisher = Publisher(in: scratch)
        let keyFile = try publisher.write("publisher.pub", Data(publisher.publicKey.minisignFile.utf8))
        let client = try clientCheck()
        var generator = SystemRandomNumberGenerator()
        var staged: [(file: String, version: String)] = []
        for round in 0..<16 {
            let batch = try (0..<4).map { index -> (file: String, version: String) in
                let version = "\(round + 1).\(index).0"
                return (try stage(publisher, "random/concept", version), version)
            }
            staged += batch
            let child = try spawn(["publish", registry.root.path, keyFile.path] + batch.map(\.file))
            usleep(UInt32.random(in: 5_000...120_000, using: &generator))
            kill(child.process.processIdentifier, SIGKILL)
            child.process.waitUntilExit()
            _ = try registry.verifyConsistency()
            _ = try client.verify(registry)
            try publisher.publish("random/concept", "\(round + 1).9.0", to: registry)
            #expect(try registry.verifyConsistency().interruptedOperation == nil)
        }
        // Whatever the kills interrupted before its intent record can be published now; the rest is there.
        let present = Set(try registry.versions(of: PackageName(parsing: "random/concept")).map(\.version.description))
        for item in staged where !present.contains(item.version) {
            let (archive, signature) = try load(item.file)
            try registry.publish(archive: archive, signature: signature, publicKey: publisher.publicKey)
        }
        try registry.recover()
        let report = try registry.verifyConsistency()
        #expect(report.versions == 16 * 5)
        #expect(report.unreferencedBlobs.isEmpty && report.temporaryFiles.isEmpty)
    }

    /// A client's transparency check of the registry, with its memory in the test's folder.
    private func clientCheck() throws -> TransparencyCheck {
        try TransparencyCheck(config: registry.config, location: registry.root.path,
                              store: CheckpointStore(directory: scratch.path("client")))
    }

    /// The signed checkpoint in the interrupted write's `log/pending`.
    private func recordedCheckpoint() throws -> SignedCheckpoint {
        let url = registry.root.appendingPathComponent("log/pending")
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let checkpoint = try #require(record?["checkpoint"])
        return try SignedCheckpoint(data: JSONSerialization.data(withJSONObject: checkpoint), source: url.path)
    }

    /// Packs and signs `name@version` into the publisher's workspace; returns the archive's path.
    private func stage(_ publisher: Publisher, _ name: String, _ version: String) throws -> String {
        let (archive, signature) = try publisher.package(name, version)
        let file = try publisher.write("\(name.replacingOccurrences(of: "/", with: "_"))-\(version).perf", archive)
        try publisher.write(file.lastPathComponent + ".minisig", Data(signature.text.utf8))
        return file.path
    }

    /// The archive and signature `stage` wrote.
    private func load(_ file: String) throws -> (Data, Minisig) {
        let archive = try Data(contentsOf: URL(fileURLWithPath: file))
        let text = try String(contentsOf: URL(fileURLWithPath: file + ".minisig"), encoding: .utf8)
        return (archive, try Minisig(text: text, source: file + ".minisig"))
    }

    /// A running `RegistryStress` and its standard error.
    private struct Child {
        let process: Process
        let errorFile: URL

        func stderr() -> String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }
    }

    private func spawn(_ arguments: [String], environment: [String: String] = [:]) throws -> Child {
        let process = Process()
        process.executableURL = try RegistryFixtures.stressExecutable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errorFile = scratch.path("registry-stress-\(UUID().uuidString).stderr")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return Child(process: process, errorFile: errorFile)
    }

    /// Waits until the child reaches its pause step (it creates `marker`), or fails.
    private func waitFor(_ marker: URL, child: Child, step: String) throws {
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: marker.path) {
            guard child.process.isRunning, Date() < deadline else {
                if child.process.isRunning { kill(child.process.processIdentifier, SIGKILL) }
                throw FixtureError(message: "the publisher never reached step \(step): \(child.stderr())")
            }
            usleep(2_000)
        }
    }
}
