import Foundation
import PerfManifest
import PerfRegistry
import PerfTestSupport
import Testing

/// The registry's own files against `Schemas/checkpoint.schema.json` and
/// `Schemas/log-entry.schema.json`, judged by Python's `jsonschema` (Draft 2020-12).
@Suite("Log entries and checkpoints agree with their schemas")
struct RegistrySchemaTests {
    /// The test's folder, alive as long as the test.
    private let scratch: TemporaryDirectory
    /// A registry in it.
    private let registry: FileRegistry

    init() throws {
        scratch = try TemporaryDirectory("perf-registry")
        registry = try RegistryFixtures.registry(in: scratch)
    }

    /// Whether each (schema file name, JSON text) is valid.
    private static func judge(_ documents: [(String, String)]) throws -> [Bool] {
        let input = try JSONSerialization.data(withJSONObject: documents.map { ["schema": $0.0, "text": $0.1] })
        let result = try ProcessRunner.run(tool: "python3", ["-c", """
            import json, os, sys
            from jsonschema import Draft202012Validator
            validators = {}
            verdicts = []
            for request in json.load(sys.stdin):
                name = request["schema"]
                if name not in validators:
                    with open(os.path.join(sys.argv[1], name), encoding="utf-8") as f:
                        schema = json.load(f)
                    Draft202012Validator.check_schema(schema)
                    validators[name] = Draft202012Validator(schema)
                verdicts.append(validators[name].is_valid(json.loads(request["text"])))
            json.dump(verdicts, sys.stdout)
            """, RepositoryPaths.schemas.path], input: input)
        guard result.status == 0 else { throw FixtureError(message: "python3 failed: \(result.stderr)") }
        return try JSONDecoder().decode([Bool].self, from: Data(result.stdout.utf8))
    }

    /// `text` with `target` replaced, refusing an edit that changes nothing.
    private static func edit(_ text: String, _ target: String, _ replacement: String) throws -> String {
        let edited = text.replacingOccurrences(of: target, with: replacement)
        guard edited != text else { throw FixtureError(message: "'\(target)' is not in \(text)") }
        return edited
    }

    @Test("every entry kind and the signed checkpoint a registry writes are valid, and edited ones are refused")
    func filesAgreeWithSchemas() throws {
        let alice = Publisher(in: scratch), next = Publisher(in: scratch)
        let teddy = try PackageName(parsing: "alice/teddy"), version = try SemanticVersion(parsing: "1.0.0")
        try alice.publish("alice/teddy", "1.0.0", to: registry)
        try registry.setYanked(teddy, version, yanked: true, statement: alice.yankStatement("alice/teddy", "1.0.0", yanked: true))
        try registry.setYanked(teddy, version, yanked: false, statement: alice.yankStatement("alice/teddy", "1.0.0", yanked: false))
        try next.publish("alice/teddy", "2.0.0-rc.1+build.5", to: registry,
                         rotation: KeyRotation(scope: "alice", newKey: next.publicKey, signedWith: alice.key))
        let lines = try String(contentsOf: registry.root.appendingPathComponent("log/entries"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let ops = try lines.map { try JSONDecoder().decode(LogEntry.self, from: Data($0.utf8)).op }
        #expect(ops == [.key, .publish, .yank, .unyank, .key, .publish])
        let checkpoint = try String(contentsOf: registry.root.appendingPathComponent("log/checkpoint"), encoding: .utf8)

        let entry = "log-entry.schema.json", signed = "checkpoint.schema.json"
        let valid = lines.map { (entry, $0) } + [(signed, checkpoint)]
        let verdicts = try Self.judge(valid)
        #expect(verdicts == valid.map { _ in true }, "refused: \(zip(valid, verdicts).filter { !$1 }.map(\.0.1))")

        let invalid: [(String, String)] = [
            (entry, try Self.edit(lines[1], "\"seq\":2", "\"seq\":0")),
            (entry, try Self.edit(lines[1], "\"op\":\"publish\"", "\"op\":\"delete\"")),
            (entry, try Self.edit(lines[1], "\"prev\":\"", "\"prev\":\"A")),
            (entry, try Self.edit(lines[1], "{", "{\"extra\":1,")),
            (entry, try Self.edit(lines[2], "\"statement\":", "\"note\":")),
            (entry, try Self.edit(lines[0], "{", "{\"version\":\"1.0.0\",")),
            (signed, try Self.edit(checkpoint, "\"schema\":1", "\"schema\":2")),
            (signed, try Self.edit(checkpoint, "\"size\":6", "\"size\":-1")),
            (signed, try Self.edit(checkpoint, "\"origin\":\"test\"", "\"origin\":\"Test\"")),
            (signed, "{\"head\":\"\(LogEntry.genesis)\",\"size\":0}"),
            (signed, try Self.edit(checkpoint, "trusted comment: perf-checkpoint:1", "trusted comment: perf-yank:1")),
        ]
        let refusals = try Self.judge(invalid)
        #expect(refusals == invalid.map { _ in false }, "accepted: \(zip(invalid, refusals).filter { $1 }.map(\.0.1))")
    }
}
