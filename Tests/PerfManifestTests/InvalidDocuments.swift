/// The table of documents that perf and the schemas must both refuse, written once and
/// checked against both sides by `AgreementTests`.
enum InvalidDocuments {
    static let all: [InvalidDocument] =
        DocumentFormat.allCases.flatMap(everyFormat) + concept + base + composition + lockfile + indexLine + registryConfig

    private static func row(_ format: DocumentFormat, _ edits: InvalidDocument.Edit..., field: String,
                            example: String? = nil) -> InvalidDocument {
        InvalidDocument(format: format, edits: edits, field: field, example: example)
    }

    private static func set(_ format: DocumentFormat, _ path: String, _ values: [String], example: String? = nil) -> [InvalidDocument] {
        values.map { row(format, .set(path, $0), field: path, example: example) }
    }

    private static let hex = String(repeating: "ab", count: 32)

    /// Rules every format shares: `schema`, unknown members, the root's type.
    private static func everyFormat(_ format: DocumentFormat) -> [InvalidDocument] {
        set(format, "schema", ["2", "0", "-1", "\"1\"", "true", "1.5", "null"])
            + [row(format, .remove("schema"), field: "schema"),
               row(format, .set("unexpected_field", "1"), field: "unexpected_field"),
               row(format, .set("", "[]"), field: ""),
               row(format, .set("", "\"text\""), field: "")]
    }

    private static let concept: [InvalidDocument] = {
        let c = DocumentFormat.concept
        return [row(c, .remove("version"), field: "version"),
                row(c, .remove("gate.tau"), field: "gate.tau"),
                row(c, .remove("training.images"), field: "training.images"),
                row(c, .set("gate.extra", "1"), field: "gate.extra"),
                row(c, .set("training.extra", "1"), field: "training.extra"),
                row(c, .set("base.name", "\"perf/shapes\""), .set("base.version", "\"1.0.0\""), field: "base.version")]
            + set(c, "kind", ["\"model\"", "\"base\"", "\"Concept\"", "1"])
            + set(c, "name", ["\"Examples/bullseye\"", "\"bullseye\"", "\"a/b/c\"", "\"-a/b\"", "\"a/\"", "\"a/b \"", "42",
                              "\"\(String(repeating: "a", count: 65))/b\""])
            + set(c, "version", ["\"1.0\"", "\"01.0.0\"", "\"1.0.0-alpha..1\"", "\"v1.0.0\"", "\"1.0.0\\n\"", "\" 1.0.0\"",
                                 "\"1.0.0-01\"", "\"1.0.0+\"", "1", "\"1.0.0-\(String(repeating: "a", count: 251))\""])
            + set(c, "base.digest", ["\"sha256:abc\"", "\"sha256:\(hex.uppercased())\"", "\"md5:\(hex)\"", "\"\(hex)\"",
                                     "\"sha256:\(hex)\\n\"", "\"sha256:\(hex) \""])
            + set(c, "base.requirement", ["\"\"", "\"> = 1.0\"", "\"^1.0.0+build\"", "\"1.0.0.0\"", "\"^01.0\"", "\"^1.*\"",
                                          "\"^1.0,\"", "\"^1 | ^2\"", "\"1.0-rc.1\"", "\"=>1.0\"", "\"^1.0\\n\"",
                                          "\"1.*.3\"", "\"^1 ||\""])
            + set(c, "gate.beta", ["1.5", "0", "1", "-0.1", "\"x\"", "null", "true"])
            + set(c, "gate.tau", ["0", "-1", "\"0.1\""])
            + set(c, "gate.locking", ["\"both\"", "\"Local\"", "null"])
            + set(c, "token", ["\"sks\"", "\"<Alice/teddy>\"", "\"<a b>\"", "\"<>\"", "\"<_a>\"", "\"<a>\\n\"",
                               "\"<\(String(repeating: "a", count: 129))>\""])
            + set(c, "superclass", ["\"Circle\"", "\"teddy bear\"", "\"\"", "\"c1rcle\"", "\"\(String(repeating: "a", count: 33))\""])
            + [row(c, .set("dependencies", "{\"bullseye\": \"^1.0\"}"), field: "dependencies.bullseye"),
               row(c, .set("dependencies", "{\"a/b\": \"\"}"), field: "dependencies.a/b"),
               row(c, .set("dependencies", "{\"a/b\": 1}"), field: "dependencies.a/b"),
               row(c, .set("dependencies", "[]"), field: "dependencies"),
               row(c, .remove("dependencies"), field: "dependencies")]
            + set(c, "authors", ["\"alice\"", "null"])
            + [row(c, .set("authors", "[1]"), field: "authors[0]"),
               row(c, .set("authors", "[\"a\", \"\"]"), field: "authors[1]")]
            + set(c, "license", ["\"\"", "[]"])
            + set(c, "description", ["\"\(String(repeating: "é", count: 2001))\"", "null"])
            + set(c, "training", ["null", "[]"])
            + set(c, "training.steps", ["0", "1.5", "9007199254740992", "\"400\""])
            + set(c, "training.seed", ["-1", "1e300"])
            + set(c, "training.images", ["[]", "{}"])
            + set(c, "training.images[0].sha256", ["\"xyz\"", "\"sha256:\(hex)\""])
            + set(c, "training.images[0].file", ["\"../escape.png\"", "\"/etc/passwd\"", "\"a//b.png\"", "\".\"", "\"a/./b\"",
                                                 "\"dir/\"", "\"a b.png\"", "\"\""])
            + set(c, "training.masks", ["\"yes\"", "null", "1", "{}"])
            + [row(c, .set("training.masks", "[{\"file\": \"m.png\"}]"), field: "training.masks[0].sha256")]
            + set(c, "training.captions", ["[]", "null", "true", "{}"])
            + [row(c, .set("training.captions", "[{\"file\": \"00000.txt\"}]"), field: "training.captions[0].sha256")]
            + set(c, "training.mirrored", ["\"no\"", "null", "0"])
            + set(c, "training.learning_rates.embedding", ["0", "-0.002"])
            + set(c, "training.duration_seconds", ["-1", "null"])
    }()

    private static let base: [InvalidDocument] = {
        let b = DocumentFormat.base
        let reference = "Manifests/examples/sd15-reference.perf.json"
        return [row(b, .set("model.reference", "{\"path\": \"/models/x\"}"), field: "model"),
                row(b, .remove("model.files"), field: "model"),
                row(b, .remove("stats"), field: "stats"),
                row(b, .remove("weights_digest"), field: "weights_digest"),
                row(b, .set("text.extra", "1"), field: "text.extra"),
                row(b, .set("model.files[0].mode", "420"), field: "model.files[0].mode"),
                row(b, .remove("model.files[0].size"), field: "model.files[0].size"),
                row(b, .set("model.reference.extra", "1"), field: "model.reference.extra", example: reference)]
            + set(b, "kind", ["\"concept\"", "\"composition\""])
            + set(b, "model", ["null", "\"diffusers\""])
            + set(b, "model.format", ["\"ckpt\"", "null"])
            + set(b, "model.files", ["[]", "{}"])
            + set(b, "model.files[0].path", ["\"../model_index.json\"", "\"/model_index.json\"", "\"unet//config.json\"", "\"..\""])
            + set(b, "model.files[0].size", ["-1", "1.5", "\"412\""])
            + set(b, "model.files[0].sha256", ["\"sha256:\(hex)\"", "\"\(hex.dropLast())\""])
            + set(b, "weights_digest", ["\"sha256:\"", "null"])
            + set(b, "stats.path", ["\"/abs/stats.safetensors\"", "\"stats/../x\""])
            + set(b, "stats.digest", ["\"\(hex)\""])
            + set(b, "text.width", ["0", "-3"])
            + set(b, "text.max_length", ["\"77\""])
            + set(b, "sampling.guidance", ["-1", "100.5", "\"1.5\"", "null"])
            + [row(b, .set("sampling.steps", "50"), field: "sampling.steps"),
               row(b, .set("sampling", "{}"), field: "sampling.guidance")]
            + set(b, "model.reference.path", ["\"relative/path\"", "\"/a\\nb\"", "\"\"", "\"/models\\u0000\""], example: reference)
            + set(b, "model.reference", ["\"/models/x\"", "null"], example: reference)
            + [row(b, .set("model.reference", "{}"), field: "model.reference.path", example: reference)]
    }()

    private static let composition: [InvalidDocument] = {
        let m = DocumentFormat.composition
        return [row(m, .remove("concepts"), field: "concepts"),
                row(m, .set("concepts", "{\"bad\": \"^1\"}"), field: "concepts.bad"),
                row(m, .set("concepts", "{\"a/b\": \">1.x\"}"), field: "concepts.a/b"),
                row(m, .set("base.digest", "\"sha256:\(hex)\""), field: "base.digest"),
                row(m, .remove("base.requirement"), field: "base.requirement")]
            + set(m, "kind", ["\"concept\"", "null"])
            + set(m, "name", ["\"two-shapes\"", "null"])
            + set(m, "concepts", ["[]", "null"])
            + set(m, "base.requirement", ["\"\"", "\"latest\""])
            + set(m, "base", ["\"perf/shapes\"", "null"])
    }()

    private static let lockfile: [InvalidDocument] = {
        let l = DocumentFormat.lockfile
        return [row(l, .remove("packages"), field: "packages"),
                row(l, .remove("packages[0].version"), field: "packages[0].version"),
                row(l, .set("packages[0].extra", "1"), field: "packages[0].extra")]
            + set(l, "packages", ["{}", "null"])
            + set(l, "packages[0].key_id", ["\"c9d19419940cb00e\"", "\"C9D19419940CB00\"", "\"C9D19419940CB00EE\"", "\"C9D19419940CB00G\""])
            + set(l, "packages[0].registry", ["\"ftp://x\"", "\"/opt/perf/Registry\"", "\"https://exa mple.org\"", "\"https://\"",
                                               "\"https://example.org/é\""])
            + set(l, "packages[0].sha256", ["\"sha256:\(hex)\"", "\"\(hex.uppercased())\""])
            + set(l, "packages[0].kind", ["\"other\"", "null"])
            + set(l, "packages[0].size", ["\"12\"", "-1"])
            + set(l, "packages[0].base_digest", ["null", "\"\(hex)\""])
            + set(l, "packages[0].name", ["\"bullseye-circle\""])
            + set(l, "packages[0].version", ["\"latest\""])
    }()

    private static let indexLine: [InvalidDocument] = {
        let i = DocumentFormat.indexLine
        return [row(i, .set("kind", "\"concept\""), field: "base"),
                row(i, .set("kind", "\"composition\""), field: "stats_digest"),
                row(i, .set("kind", "\"concept\""), .set("base", "{\"name\": \"perf/shapes\", \"digest\": \"sha256:\(hex)\"}"),
                    field: "superclass"),
                row(i, .remove("base"), field: "base"),
                row(i, .remove("superclass"), field: "superclass"),
                row(i, .remove("sha256"), field: "sha256"),
                row(i, .remove("yanked"), field: "yanked"),
                row(i, .set("dependencies", "{\"x\": \"^1\"}"), field: "dependencies.x"),
                row(i, .set("base", "{\"name\": \"perf/shapes\"}"), field: "base.digest")]
            + set(i, "stats_digest", ["null", "\"\(hex)\""])
            + set(i, "superclass", ["\"circle\""])
            + set(i, "yanked", ["\"false\"", "0", "null"])
            + set(i, "published", ["\"2025-01-05 08:00:00Z\"", "\"2025-01-05T08:00:00+01:00\"", "\"2025-01-05T08:00:00.5Z\"",
                                   "\"2025-13-05T08:00:00Z\"", "\"2025-01-05T24:00:00Z\"", "\"2025-1-5T08:00:00Z\"", "1736064000"])
            + set(i, "size", ["-5", "null"])
            + set(i, "key_id", ["\"RWQOsAyUGZTRya1r\""])
            + set(i, "kind", ["\"model\""])
    }()

    private static let registryConfig: [InvalidDocument] = {
        let r = DocumentFormat.registryConfig
        let key = "RWQOsAyUGZTRya1rVGqOTUVKLA1SxwJQ8IyG2zt7lDoiVCsK1r1giYB1"
        return [row(r, .remove("api"), field: "api"),
                row(r, .remove("root_keys"), field: "root_keys"),
                row(r, .set("root_keys", "[\"abc\"]"), field: "root_keys[0]"),
                row(r, .set("root_keys", "[\"\(key)\", \"RWA\(key.dropFirst(3))\"]"), field: "root_keys[1]"),
                row(r, .set("root_keys", "[\"\(key)=\"]"), field: "root_keys[0]"),
                row(r, .set("root_keys", "[\"\(key.dropLast())\"]"), field: "root_keys[0]")]
            + set(r, "dl", ["\"blobs/sha256/\"", "\"blobs/{sha256}/{sha256}\"", "\"blobs /{sha256}\"", "\"blobs/{hex}\"",
                            "\"blobs/{SHA256}\"", "\"{sha256}}\"", "null"])
            + set(r, "root_keys", ["\"\(key)\"", "null"])
            + set(r, "api", ["\"ftp://x\"", "\"\"", "\"file:///srv/perf\"", "true"])
            + set(r, "auth_required", ["\"yes\"", "null", "1"])
            + set(r, "name", ["\"Perf Examples\"", "\"\"", "\".perf\""])
    }()
}
