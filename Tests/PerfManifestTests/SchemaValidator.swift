import Foundation
import PerfTestSupport

/// Judges documents with the reference implementation of JSON Schema: Python's
/// `jsonschema` package (Draft 2020-12, format checks off), run once per batch.
/// A request names a schema in `Schemas/` and gives the document's text, or names a file
/// and edits to apply to it first (in Python, so that perf never prepares its own inputs).
enum SchemaValidator {
    /// One document to judge.
    struct Request: Encodable {
        /// The schema's file name in `Schemas/`.
        let schema: String
        /// The document's text, or nil to build it from `base` and `edits`.
        var document: String?
        /// A file (relative to the repository root) to start from.
        var base: String?
        /// Edits: `["set", path, json]`, `["remove", path]`, path as keys and indices.
        var edits: [[EditPart]]?

        /// A request for a document given as text.
        init(schema: String, document: String) {
            self.schema = schema
            self.document = document
        }

        /// A request for `base` with `edits` applied.
        init(schema: String, base: String, edits: [[EditPart]]) {
            self.schema = schema
            self.base = base
            self.edits = edits
        }
    }

    /// A piece of an edit: an operation name, a path step or a JSON text.
    enum EditPart: Encodable {
        case text(String)
        case index(Int)
        case path([EditPart])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .index(let index): try container.encode(index)
            case .path(let parts): try container.encode(parts)
            }
        }
    }

    /// What `jsonschema` said about one document.
    struct Verdict: Decodable {
        /// The document judged (the edited text for an edit request).
        let document: String
        /// True when the document is JSON and the schema accepts it.
        let valid: Bool
        /// The paths of every error and sub-error, written like perf's field paths.
        let paths: [String]
        /// The errors' messages.
        let messages: [String]
    }

    /// Judges every request in one Python run.
    static func judge(_ requests: [Request]) throws -> [Verdict] {
        let input = try JSONEncoder().encode(requests)
        let result = try ProcessRunner.run(tool: "python3", ["-c", script, RepositoryPaths.root.path], input: input)
        guard result.status == 0 else { throw Failure(message: "python3 failed (\(result.status)): \(result.stderr)") }
        let verdicts = try JSONDecoder().decode([Verdict].self, from: Data(result.stdout.utf8))
        guard verdicts.count == requests.count else { throw Failure(message: "python3 judged \(verdicts.count) of \(requests.count)") }
        return verdicts
    }

    /// Judges documents given as text against one schema.
    static func judge(_ documents: [String], schema: String) throws -> [Verdict] {
        try judge(documents.map { Request(schema: schema, document: $0) })
    }

    /// The validator could not run.
    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    private static let script = #"""
import json, os, re, sys
from jsonschema import Draft202012Validator

root = sys.argv[1]
validators = {}

def validator(name):
    if name not in validators:
        with open(os.path.join(root, "Schemas", name), encoding="utf-8") as f:
            schema = json.load(f)
        Draft202012Validator.check_schema(schema)
        validators[name] = Draft202012Validator(schema)
    return validators[name]

def refuse_constant(name):
    raise ValueError("not JSON: " + name)

def render(path):
    text = ""
    for step in path:
        if isinstance(step, int):
            text += "[%d]" % step
        elif re.fullmatch(r"[A-Za-z0-9_/-]+", step):
            text += ("." if text else "") + step
        else:
            text += "[" + json.dumps(step, ensure_ascii=False) + "]"
    return text

def walk(errors):
    for error in errors:
        yield error
        yield from walk(error.context or [])

def edit(document, operation):
    op, path = operation[0], operation[1]
    if not path:
        return json.loads(operation[2])
    target = document
    for step in path[:-1]:
        target = target[step]
    if op == "set":
        target[path[-1]] = json.loads(operation[2])
    elif op == "remove":
        del target[path[-1]]
    else:
        raise ValueError("unknown edit " + op)
    return document

verdicts = []
for request in json.load(sys.stdin):
    text = request.get("document")
    if text is None:
        with open(os.path.join(root, request["base"]), encoding="utf-8") as f:
            document = json.load(f)
        for operation in request["edits"]:
            document = edit(document, operation)
        text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    try:
        document = json.loads(text, parse_constant=refuse_constant)
    except ValueError as error:
        verdicts.append({"document": text, "valid": False, "paths": [], "messages": [str(error)]})
        continue
    errors = list(walk(validator(request["schema"]).iter_errors(document)))
    verdicts.append({"document": text, "valid": not errors,
                     "paths": [render(e.absolute_path) for e in errors],
                     "messages": [e.message for e in errors]})
json.dump(verdicts, sys.stdout, ensure_ascii=False)
"""#
}
