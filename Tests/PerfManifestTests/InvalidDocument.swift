/// A document both perf and the JSON Schema must refuse: a valid example with edits
/// applied, and the field perf's message must name.
struct InvalidDocument: Sendable, CustomStringConvertible {
    /// A change to the example, by path (`gate.beta`, `training.images[0].file`; "" is the root).
    enum Edit: Sendable {
        /// Sets the value at the path to the JSON text given.
        case set(String, String)
        /// Removes the member at the path.
        case remove(String)
    }

    let format: DocumentFormat
    let edits: [Edit]
    /// The field path perf must report ("" for the document itself).
    let field: String
    /// Another valid document to start from, when the format's example does not fit.
    var example: String?

    var description: String {
        let changes = edits.map { edit -> String in
            switch edit {
            case .set(let path, let json): return "\(path.isEmpty ? "<root>" : path) = \(json.prefix(60))"
            case .remove(let path): return "remove \(path)"
            }
        }
        return "\(format): \(changes.joined(separator: ", "))"
    }

    /// The request that makes the Python side build and judge this document.
    var request: SchemaValidator.Request {
        SchemaValidator.Request(schema: format.schema, base: example ?? format.example, edits: edits.map { edit in
            switch edit {
            case .set(let path, let json): return [.text("set"), .path(Self.steps(path)), .text(json)]
            case .remove(let path): return [.text("remove"), .path(Self.steps(path))]
            }
        })
    }

    /// `a.b[2].c` as path steps.
    private static func steps(_ path: String) -> [SchemaValidator.EditPart] {
        var steps: [SchemaValidator.EditPart] = []
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var indices: [Int] = []
            while let open = name.lastIndex(of: "["), name.last == "]" {
                indices.insert(Int(name[name.index(after: open)..<name.index(before: name.endIndex)])!, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { steps.append(.text(String(name))) }
            steps += indices.map(SchemaValidator.EditPart.index)
        }
        return steps
    }
}
