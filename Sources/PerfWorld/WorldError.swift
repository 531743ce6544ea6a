import PerfDiagnostics

/// Why a caption, a scene, a picture or a world setting was rejected: what is wrong, where,
/// and what to write instead.
public struct WorldError: PerfError {
    private enum Reason: Sendable, Equatable {
        case unknownWord(word: String, position: Int, expected: String)
        case unexpectedEnd(expected: String)
        case invalidScene(String)
        case invalidPicture(String)
        case invalidSetting(name: String, value: String, expected: String)
    }

    /// The caption, scene or picture concerned.
    private let subject: String
    private let reason: Reason

    private init(_ subject: String, _ reason: Reason) {
        self.subject = subject
        self.reason = reason
    }

    /// A caption holds a word the grammar does not allow at that place.
    static func unknownWord(_ word: String, at position: Int, in caption: String, expected: String) -> WorldError {
        WorldError(caption, .unknownWord(word: word, position: position, expected: expected))
    }

    /// A caption stops before the grammar allows.
    static func unexpectedEnd(of caption: String, expected: String) -> WorldError {
        WorldError(caption, .unexpectedEnd(expected: expected))
    }

    /// A scene (or a caption's meaning) is outside the world: too many objects, a missing attribute.
    static func invalidScene(_ subject: String, _ why: String) -> WorldError {
        WorldError(subject, .invalidScene(why))
    }

    /// Pixel data does not fit its stated size.
    static func invalidPicture(_ why: String) -> WorldError {
        WorldError("picture", .invalidPicture(why))
    }

    /// A world setting (size, supersampling, degradation) is out of range.
    static func invalidSetting(_ name: String, value: String, expected: String) -> WorldError {
        WorldError("world", .invalidSetting(name: name, value: value, expected: expected))
    }

    /// `usage` for captions and settings a user typed, `dataError` for pixel data.
    public var exitStatus: ExitStatus {
        switch reason {
        case .invalidPicture: .dataError
        default: .usage
        }
    }

    /// What is wrong, where, and what to do.
    public var description: String {
        switch reason {
        case let .unknownWord(word, position, expected):
            "caption \"\(subject)\": word \(position) \"\(word)\" is not allowed there; expected \(expected) "
                + "(see `perf world vocabulary` for every word of the grammar)"
        case let .unexpectedEnd(expected):
            "caption \"\(subject)\": ends too early; expected \(expected) next"
        case let .invalidScene(why):
            "scene \"\(subject)\": \(why)"
        case let .invalidPicture(why):
            "picture: \(why); pass planes [3, height, width] or interleaved RGB bytes of the stated size"
        case let .invalidSetting(name, value, expected):
            "world setting \(name) = \(value): expected \(expected)"
        }
    }
}
