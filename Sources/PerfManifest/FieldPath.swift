/// Where a value sits inside a JSON document, written the way error messages show it:
/// `base.digest`, `training.images[2].sha256`, `dependencies.alice/teddy`.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    /// One step into a document: an object member or an array element.
    public enum Component: Hashable, Sendable {
        /// A member of an object, by key.
        case key(String)
        /// An element of an array, by zero-based position.
        case index(Int)
    }

    /// The steps from the document's root, outermost first; empty for the root itself.
    public let components: [Component]

    /// A path made of `components`.
    public init(_ components: [Component] = []) { self.components = components }

    /// The path a `Codable` coding path names; array positions are the keys with an integer value.
    init(codingPath: [any CodingKey]) {
        components = codingPath.map { key in key.intValue.map(Component.index) ?? .key(key.stringValue) }
    }

    /// This path followed by the member `key`.
    func appending(_ key: String) -> FieldPath { FieldPath(components + [.key(key)]) }

    /// This path followed by the element at `index`.
    func appending(index: Int) -> FieldPath { FieldPath(components + [.index(index)]) }

    /// True for the document's root.
    public var isRoot: Bool { components.isEmpty }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key) where key.unicodeScalars.allSatisfy(Self.isPlainKeyScalar) && !key.isEmpty:
                text += text.isEmpty ? key : ".\(key)"
            case .key(let key):
                text += "[\(JSONValue.string(key).rendered)]"
            }
        }
        return text
    }

    /// Keys made of these characters print bare; others print quoted in brackets.
    private static func isPlainKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-", "/": return true
        default: return false
        }
    }
}
