import Foundation
import PerfManifest
import PerfTestSupport
import Testing

/// Rules no JSON Schema can state, which perf enforces on its own: the schemas accept these
/// documents (so the rule, and nothing else, is what perf refuses), perf names the field.
@Suite struct PerfOnlyRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let format: DocumentFormat
        /// Replaces the first occurrence of `find` in the example's text with `replacement`.
        let find: String
        let replacement: String
        /// The field perf names, or nil for a syntax error (reported by line and column).
        let field: String?
        let rule: String
        var testDescription: String { rule }
    }

    static let cases: [Case] = [
        Case(format: .concept, find: #""beta" : 0.7"#, replacement: #""beta" : 0.9, "beta" : 0.7"#, field: "gate.beta",
             rule: "a key twice in one object (Python keeps the last, other readers the first)"),
        Case(format: .concept, find: #""tau" : 0.15"#, replacement: #""tau" : 1e999"#, field: "gate.tau",
             rule: "a number beyond Float64 (Python reads infinity)"),
        Case(format: .concept, find: #""description" : ""#, replacement: #""description" : "\ud800"#, field: nil,
             rule: "a lone surrogate escape (not Unicode text)"),
        Case(format: .base, find: #""path" : "scheduler/scheduler_config.json""#, replacement: #""path" : "model_index.json""#,
             field: "model.files[1].path", rule: "one model file listed twice (the weights digest would be ambiguous)"),
        Case(format: .lockfile, find: #""name" : "examples/checkered-square""#, replacement: #""name" : "examples/bullseye-circle""#,
             field: "packages[1].name", rule: "one package locked twice"),
        Case(format: .indexLine, find: #""published":"2025-01-05T08:00:00Z""#, replacement: #""published":"2025-02-30T08:00:00Z""#,
             field: "published", rule: "a date that does not exist"),
    ]

    @Test(arguments: cases) func perfRefusesWhatTheSchemaCannotSee(_ rule: Case) throws {
        let example = try String(contentsOf: RepositoryPaths.root.appendingPathComponent(rule.format.example), encoding: .utf8)
        let range = try #require(example.range(of: rule.find), "\(rule.find) not in \(rule.format.example)")
        let text = example.replacingCharacters(in: range, with: rule.replacement)

        let verdict = try #require(try SchemaValidator.judge([text], schema: rule.format.schema).first)
        #expect(verdict.valid, "the schema refused it after all: \(verdict.messages)")

        let error = try #require(throws: ManifestError.self) { try rule.format.decode(text) }
        #expect(error.field?.description == rule.field, "\(error)")
        if rule.field == nil { #expect(error.description.contains("not valid JSON at line")) }
    }
}
