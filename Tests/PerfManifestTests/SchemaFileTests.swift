import Foundation
import PerfTestSupport
import Testing

/// The schema files themselves: valid Draft 2020-12 schemas, closed to unknown members,
/// and sharing one definition of each common value.
@Suite struct SchemaFileTests {
    static let names = DocumentFormat.allCases.map(\.schema)

    static func schema(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: RepositoryPaths.schemas.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func everyFormatHasASchemaAndNothingElseLivesThere() throws {
        let present = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.schemas.path).sorted()
        #expect(present == (Self.names + ["checkpoint.schema.json", "log-entry.schema.json"]).sorted())
    }

    @Test(arguments: names) func isADraft202012SchemaThatRefusesUnknownMembers(_ name: String) throws {
        let schema = try Self.schema(name)
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["additionalProperties"] as? Bool == false)
        #expect((schema["required"] as? [String])?.contains("schema") == true)
        // Every object the schema describes is closed too.
        var open: [String] = []
        func visit(_ value: Any, _ path: String) {
            if let object = value as? [String: Any] {
                if object["properties"] != nil, object["additionalProperties"] as? Bool != false, !path.hasSuffix("/if"), !path.hasSuffix("/then") {
                    open.append(path)
                }
                for (key, child) in object { visit(child, path + "/" + key) }
            } else if let array = value as? [Any] {
                for (index, child) in array.enumerated() { visit(child, path + "/\(index)") }
            }
        }
        visit(schema, "")
        #expect(open.isEmpty, "objects open to unknown members: \(open)")
        let check = try ProcessRunner.run(tool: "python3", ["-c", """
            import json, sys
            from jsonschema import Draft202012Validator
            Draft202012Validator.check_schema(json.load(open(sys.argv[1])))
            """, RepositoryPaths.schemas.appendingPathComponent(name).path])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func sharedDefinitionsAreIdenticalInEverySchema() throws {
        var seen: [String: (schema: String, definition: Data)] = [:]
        for name in Self.names {
            let definitions = try Self.schema(name)["$defs"] as? [String: Any] ?? [:]
            for (key, value) in definitions {
                let definition = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
                if let first = seen[key] {
                    #expect(first.definition == definition, "$defs/\(key) differs between \(first.schema) and \(name)")
                } else {
                    seen[key] = (name, definition)
                }
            }
        }
        #expect(seen.keys.contains("packageName") && seen.keys.contains("version") && seen.keys.contains("digest"))
    }
}
