import Foundation
import PerfManifest
import Testing

/// Whatever perf writes, the schemas accept and perf reads back unchanged.
@Suite struct EncodingAgreementTests {
    /// How many random documents of each format one run checks.
    static let count = 40

    @Test func randomDocumentsOfEveryFormatValidateAndRoundTrip() throws {
        var documents = RandomDocuments(seed: 20_240_501)
        var requests: [SchemaValidator.Request] = []
        var checks: [(format: DocumentFormat, text: String, roundTrip: () throws -> Bool)] = []

        func add<Value: Equatable>(_ format: DocumentFormat, _ value: Value, encode: (Value) throws -> String,
                                   decode: @escaping (String) throws -> Value) throws {
            let text = try encode(value)
            requests.append(.init(schema: format.schema, document: text))
            checks.append((format, text, { try decode(text) == value }))
        }

        for _ in 0..<Self.count {
            try add(.concept, documents.concept(), encode: { String(decoding: try $0.encoded(), as: UTF8.self) },
                    decode: { try ConceptManifest.decode(Data($0.utf8)) })
            try add(.base, documents.base(), encode: { String(decoding: try $0.encoded(), as: UTF8.self) },
                    decode: { try BaseManifest.decode(Data($0.utf8)) })
            try add(.composition, documents.composition(), encode: { String(decoding: try $0.encoded(), as: UTF8.self) },
                    decode: { try CompositionManifest.decode(Data($0.utf8)) })
            try add(.lockfile, documents.lockfile(), encode: { String(decoding: try $0.encoded(), as: UTF8.self) },
                    decode: { try Lockfile.decode(Data($0.utf8)) })
            try add(.indexLine, documents.indexLine(), encode: { try $0.validate(); return $0.encodedLine() },
                    decode: { try IndexLine.decode(line: $0, source: "index line") })
            try add(.registryConfig, documents.registryConfig(), encode: { String(decoding: try $0.encoded(), as: UTF8.self) },
                    decode: { try RegistryConfig.decode(Data($0.utf8)) })
        }

        let verdicts = try SchemaValidator.judge(requests)
        for (check, verdict) in zip(checks, verdicts) {
            #expect(verdict.valid, "\(check.format.schema) refused what perf wrote: \(verdict.messages)\n\(check.text)")
            #expect(try check.roundTrip(), "perf read back something else than it wrote:\n\(check.text)")
        }
    }

    @Test func encodingIsDeterministicWhateverTheMapOrder() throws {
        var documents = RandomDocuments(seed: 7)
        for _ in 0..<10 {
            let manifest = documents.concept()
            var shuffled = manifest
            shuffled.dependencies = Dictionary(uniqueKeysWithValues: manifest.dependencies.shuffled().map { ($0.key, $0.value) })
            #expect(try manifest.encoded() == shuffled.encoded())
        }
    }

    @Test func indexLinesAreOneCompactLineWithSortedKeys() throws {
        var documents = RandomDocuments(seed: 11)
        for _ in 0..<10 {
            let line = documents.indexLine().encodedLine()
            #expect(!line.contains("\n") && !line.hasSuffix(" "))
            let keys = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]).keys.sorted()
            #expect(keys == ["base", "dependencies", "key_id", "kind", "name", "published", "schema", "sha256", "size",
                             "stats_digest", "superclass", "version", "yanked"])
            #expect(line.hasPrefix("{\"base\":") && line.hasSuffix("}"))
        }
    }
}
