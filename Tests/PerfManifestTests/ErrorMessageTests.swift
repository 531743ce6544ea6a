import Foundation
import PerfManifest
import PerfTestSupport
import Testing

/// What users read: each message names the file, the field and the value, and says what to do.
@Suite struct ErrorMessageTests {
    static func example(_ name: String) throws -> String {
        try String(contentsOf: RepositoryPaths.manifests.appendingPathComponent("examples/\(name)"), encoding: .utf8)
    }

    static func refusal(_ text: String, source: String = "perf.json") throws -> ManifestError {
        try #require(throws: ManifestError.self) { try PackageManifest.decode(Data(text.utf8), source: source) }
    }

    @Test func aWrongValueIsQuotedWithItsPathAndTheFix() throws {
        let text = try Self.example("bullseye-circle.perf.json").replacingOccurrences(of: #""beta" : 0.7"#, with: #""beta" : "x""#)
        let error = try Self.refusal(text, source: "teddy/perf.json")
        #expect(error.description == #"teddy/perf.json: field `gate.beta`: expected a number strictly between 0 and 1, got "x"; fix `gate.beta` in teddy/perf.json"#)
        #expect(error.field == FieldPath([.key("gate"), .key("beta")]))
        #expect(error.source == "teddy/perf.json" && error.exitStatus == .dataError)
    }

    @Test func aNewerSchemaAsksForANewerPerfBeforeJudgingAnyField() throws {
        let text = try Self.example("bullseye-circle.perf.json")
            .replacingOccurrences(of: #""schema" : 1"#, with: #""schema" : 2, "fields_from_the_future" : {}"#)
        let error = try Self.refusal(text)
        #expect(error.field?.description == "schema")
        #expect(error.description.contains("written in schema 2"))
        #expect(error.description.contains("this perf reads schema 1"))
        #expect(error.description.contains("upgrade perf"))
    }

    @Test func anUnknownFieldListsTheKnownOnes() throws {
        let text = try Self.example("two-shapes.perf.json").replacingOccurrences(of: #""kind""#, with: #""concept" : "a/b", "kind""#)
        let error = try Self.refusal(text)
        #expect(error.description.hasPrefix("perf.json: field `concept` is not part of this format (allowed here: base, concepts, kind, name, schema)"))
    }

    @Test func aMissingFieldSaysWhereToAddIt() throws {
        let text = try Self.example("bullseye-circle.perf.json").replacingOccurrences(of: #""version" : "1.0.0""#, with: #""versions" : ["1.0.0"]"#)
        // The unknown key is reported before the missing one, which comes next once it is renamed.
        #expect(try Self.refusal(text).field?.description == "versions")
        let fixed = try Self.example("bullseye-circle.perf.json").replacingOccurrences(of: ",\n  \"version\" : \"1.0.0\"", with: "")
        #expect(try Self.refusal(fixed).description == "perf.json: field `version` is missing; add it to perf.json")
    }

    @Test func syntaxErrorsGiveLineAndColumn() throws {
        let cases: [(String, String)] = [
            ("{\n  \"schema\" : 1,\n  \"kind\" : \"concept\",,\n}", "line 3, column 22: expected a key in double quotes"),
            ("{\"schema\": 1", "line 1, column 13: expected ',' or '}' in an object"),
            ("", "line 1, column 1: the document ends where a value should be"),
            ("{\"a\": 01}", "line 1, column 8: expected ',' or '}' in an object"),
            ("{\"a\": NaN}", "line 1, column 7: expected a value"),
            ("{\"a\": \"tab\there\"}", "line 1, column 11: a control character must be escaped inside a string"),
            ("{\"a\": \"\\x\"}", "line 1, column 9: unknown escape in a string"),
            ("{\"a\": 1} {}", "line 1, column 10: unexpected text after the document"),
            ("// comment\n{}", "line 1, column 1: expected a value"),
            ("{\"a\": [1, 2,]}", "line 1, column 13: expected a value"),
        ]
        for (text, expected) in cases {
            let error = try Self.refusal(text)
            #expect(error.description.hasPrefix("perf.json: not valid JSON at \(expected)"), "\(error)")
            #expect(error.field == nil)
        }
        let invalidUTF8 = Data([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D])
        let error = try #require(throws: ManifestError.self) { try PackageManifest.decode(invalidUTF8, source: "perf.json") }
        #expect(error.description.contains("not valid UTF-8"))
    }

    @Test func hostileNestingStopsEarlyWithoutCrashing() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let text = try Self.example("bullseye-circle.perf.json").replacingOccurrences(of: #""dependencies" : {"#, with: "\"x\": \(deep), \"dependencies\" : {")
        let error = try Self.refusal(text)
        #expect(error.description.contains("nested more than 64 levels deep"))
        #expect(error.field?.description.hasPrefix("x[0][0][0]") == true)
    }

    @Test func aByteOrderMarkAndEscapedKeysAreRead() throws {
        let text = try Self.example("two-shapes.perf.json").replacingOccurrences(of: #""kind""#, with: #""\u006bind""#)
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(text.utf8))
        #expect(try PackageManifest.decode(data, source: "perf.json").kind == .composition)
        // "\u006bind" is "kind": written twice, it is a duplicate, however it is spelled.
        let twice = try Self.example("two-shapes.perf.json").replacingOccurrences(of: #""kind" : "composition""#,
                                                                                   with: #""kind" : "composition", "\u006bind" : "concept""#)
        #expect(try Self.refusal(twice).description == "perf.json: field `kind` appears twice in one object; keep exactly one")
    }

    @Test func standaloneValuesNameWhatTheyAre() {
        #expect(throws: ManifestError.self) { try SemanticVersion(parsing: "1.0") }
        let version = #expect(throws: ManifestError.self) { try SemanticVersion(parsing: "1.0") }
        #expect(version?.description == #"invalid version "1.0": expected \#(SemanticVersion.expectation)"#)
        #expect(version?.field == nil && version?.source == nil)
        let name = #expect(throws: ManifestError.self) { try PackageName(parsing: "Alice/Teddy") }
        #expect(name?.description.hasPrefix(#"invalid package name "Alice/Teddy": expected a package name `scope/name`"#) == true)
        let digest = #expect(throws: ManifestError.self) { try Digest(parsing: "sha1:abc") }
        #expect(digest?.description.hasPrefix(#"invalid digest "sha1:abc": expected a digest `sha256:`"#) == true)
    }

    @Test func keysThatAreNotPlainArePrintedQuoted() {
        #expect(FieldPath([.key("dependencies"), .key("a/b")]).description == "dependencies.a/b")
        #expect(FieldPath([.key("a"), .index(2), .key("b.c")]).description == #"a[2]["b.c"]"#)
        #expect(FieldPath([.key("x y"), .key("")]).description == #"["x y"][""]"#)
        #expect(FieldPath().description == "" && FieldPath().isRoot)
    }
}
