import Foundation
import PerfManifest
import Testing

/// perf and the JSON Schemas refuse the same documents, and perf says which field.
@Suite struct AgreementTests {
    @Test func everyInvalidDocumentIsRefusedByBothSides() throws {
        let rows = InvalidDocuments.all
        #expect(rows.count > 250)
        let verdicts = try SchemaValidator.judge(rows.map(\.request))
        for (row, verdict) in zip(rows, verdicts) {
            #expect(!verdict.valid, "jsonschema accepted \(row):\n\(verdict.document)")
            #expect(verdict.paths.contains { Self.path($0, leadsTo: row.field) },
                    "jsonschema blamed \(verdict.paths) for \(row), not a step on the way to `\(row.field)`")
            do {
                try row.format.decode(verdict.document)
                Issue.record("perf accepted \(row):\n\(verdict.document)")
            } catch let error as ManifestError {
                #expect(error.field?.description == row.field, "perf blamed `\(error.field?.description ?? "-")` for \(row): \(error)")
                #expect(error.source == row.format.source)
                let named = row.field.isEmpty ? "the document" : "field `\(row.field)`"
                #expect(error.description.hasPrefix("\(row.format.source): \(named)"), "\(error)")
                #expect(error.exitStatus == .dataError)
            }
        }
    }

    @Test func theExamplesTheTableEditsAreValidOnBothSides() throws {
        let starts = Set(InvalidDocuments.all.map { $0.example ?? $0.format.example })
        let rows = InvalidDocuments.all.filter { starts.contains($0.example ?? $0.format.example) }
        let firsts = Dictionary(rows.map { ($0.example ?? $0.format.example, $0.format) }, uniquingKeysWith: { first, _ in first })
        let requests = firsts.map { SchemaValidator.Request(schema: $0.value.schema, base: $0.key, edits: []) }
        for (request, verdict) in zip(requests, try SchemaValidator.judge(requests)) {
            #expect(verdict.valid, "\(request.base ?? ""): \(verdict.messages)")
            let format = try #require(firsts[request.base ?? ""])
            #expect(throws: Never.self) { try format.decode(verdict.document) }
        }
    }

    /// True when `schemaPath` is `field` or one of its ancestors (a `required` or
    /// `additionalProperties` error names the object, perf names the member).
    static func path(_ schemaPath: String, leadsTo field: String) -> Bool {
        schemaPath.isEmpty || schemaPath == field || field.hasPrefix(schemaPath + ".") || field.hasPrefix(schemaPath + "[")
    }
}
