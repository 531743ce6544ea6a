import Foundation
import PerfManifest
import Testing

/// Version requirements: manifests accept exactly what `VersionRequirement` parses, and the
/// schemas' `requirement` pattern accepts exactly the same texts, in every field that holds one.
@Suite struct RequirementAgreementTests {
    static let valid = ["*", "1", "1.2", "1.2.3", "^1.0", "~1.2.3", "=2.0.0-rc.1", ">=1.0, <2.0", ">=1.0,<2.0",
                        ">1 , <=3.4.5-alpha.0", "0.0.0", "<99999999999999999999999", "^1.0.0-x-y.1",
                        "1.*", "1.2.*", "1.x", "1.2.X", "x", "X.x", "*.*.*", "=1.*", "= 1.2.x", "*, ^1", "^1 || ^2", "^1||^2",
                        " ^1", "^1 ", ">= 1.0", "\t^1,\t<2\t", ">=1.0, <2 || =3.0.0-rc.1 || 4.*", "~ 1.2.3-beta"]
    static let invalid = ["", " ", "\t", "**", "1.2.3.4", "^^1", "=>1", "^1,", ",^1", "^1,,^2", "1.0-rc.1", "1-rc",
                          "^1.0.0+b", "^01", "1.2.3-", "1.2.3-a..b", "v1", "^1.0\n", "latest", "１.0",
                          String(repeating: "1,", count: 128) + "1", "^1.*", ">1.x", "~1.2.*", "<=*", "1.*.3", "x.1",
                          "1.2.*-rc", "1.2.3.*", "*.*.*.*", "^1 | ^2", "^1 ||| ^2", "^1 || ", "|| ^1", "^1 ||, ^2",
                          "1.0.0 - 2.0.0", "1 2", "^ 1 .2", "^1\r", "*\u{0}", "1.x-rc", "=-1"]

    /// What the generated texts are checked in: a field of one format, set with one edit.
    struct Place {
        let format: DocumentFormat
        let path: String
        let field: String
        let json: @Sendable (String) -> String
    }

    static let places = [
        Place(format: .concept, path: "base.requirement", field: "base.requirement") { $0 },
        Place(format: .concept, path: "dependencies", field: "dependencies.a/b") { "{\"a/b\": \($0)}" },
        Place(format: .composition, path: "concepts", field: "concepts.a/b") { "{\"a/b\": \($0)}" },
        Place(format: .composition, path: "base.requirement", field: "base.requirement") { $0 },
        Place(format: .indexLine, path: "dependencies", field: "dependencies.a/b") { "{\"a/b\": \($0)}" },
    ]

    @Test func wildcardsUnionsAndBlanksAreAcceptedAndMistakesRefused() {
        for text in Self.valid {
            #expect(VersionRequirement(text) != nil && RequirementSyntax.isValid(text), "\(jsonLiteral(text))")
        }
        for text in Self.invalid {
            #expect(VersionRequirement(text) == nil && !RequirementSyntax.isValid(text), "\(jsonLiteral(text))")
            #expect(throws: ManifestError.self) { try VersionRequirement(parsing: text) }
        }
    }

    @Test func perfAndTheSchemasAcceptTheSameRequirements() throws {
        var generator = RequirementStrings(seed: 20_250_301)
        let texts = generator.generate(1200) + RequirementStrings.lengthEdges + Self.valid + Self.invalid
        let parses = texts.map { VersionRequirement($0) != nil }
        let accepted = parses.filter { $0 }.count
        #expect(accepted > texts.count / 3 && texts.count - accepted > texts.count / 3, "\(accepted) of \(texts.count) parse")
        for (text, parsed) in zip(texts, parses) {
            #expect(RequirementSyntax.isValid(text) == parsed, "\(jsonLiteral(text))")
        }

        var requests: [SchemaValidator.Request] = []
        var cases: [(text: String, parsed: Bool, place: Place)] = []
        for place in Self.places {
            let path = place.path.split(separator: ".").map { SchemaValidator.EditPart.text(String($0)) }
            for (text, parsed) in zip(texts, parses) {
                requests.append(.init(schema: place.format.schema, base: place.format.example,
                                      edits: [[.text("set"), .path(path), .text(place.json(jsonLiteral(text)))]]))
                cases.append((text, parsed, place))
            }
        }
        let verdicts = try SchemaValidator.judge(requests)
        for (check, verdict) in zip(cases, verdicts) {
            let label = "\(jsonLiteral(check.text)) in \(check.place.format) \(check.place.field)"
            #expect(verdict.valid == check.parsed, "jsonschema says \(verdict.valid), VersionRequirement \(check.parsed): \(label)")
            do {
                try check.place.format.decode(verdict.document)
                #expect(check.parsed, "perf's \(check.place.format) decoder accepted \(label)")
            } catch let error as ManifestError {
                #expect(!check.parsed, "perf's \(check.place.format) decoder refused \(label): \(error)")
                #expect(error.field?.description == check.place.field, "perf blamed `\(error.field?.description ?? "-")` for \(label)")
            }
        }
    }
}
