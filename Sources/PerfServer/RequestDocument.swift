import Foundation

/// A write request's JSON body: one object whose members are all known and all text.
struct RequestDocument {
    private let members: [String: String]
    /// What the request is about, e.g. `alice/teddy@1.0.0`, for messages.
    let subject: String

    /// Parses `data` as a JSON object with text members, `required` ones present and none but `required` and `optional`.
    init(_ data: Data, subject: String, required: [String], optional: [String] = []) throws(ServerError) {
        self.subject = subject
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw .malformedRequest(subject, "the body is not a JSON object")
        }
        let allowed = Set(required + optional)
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw .malformedRequest(subject, "the body has an unknown member \"\(unknown.prefix(64))\"; it takes "
                                        + (required + optional).map { "\"\($0)\"" }.joined(separator: ", "))
        }
        var members: [String: String] = [:]
        for (key, value) in object {
            guard let text = value as? String else {
                throw .malformedRequest(subject, "the member \"\(key)\" must be a string")
            }
            members[key] = text
        }
        if let missing = required.first(where: { members[$0] == nil }) {
            throw .malformedRequest(subject, "the body has no \"\(missing)\" member")
        }
        self.members = members
    }

    /// The text of a member the initializer checked was present.
    func text(_ key: String) -> String { members[key] ?? "" }

    /// The text of an optional member.
    func optionalText(_ key: String) -> String? { members[key] }
}
