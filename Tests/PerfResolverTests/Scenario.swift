import PerfManifest
import PerfResolver

/// A resolution problem written in a compact text form, one entry per line or `;`:
///
///     root -> teddy ^1, mug ^2          the composition's concepts
///     root base tiny ^1                 the composition's base requirement
///     lock teddy 1.0.0                  a version pinned by perf.lock
///     teddy 1.0.0 -> shapes ^1          a published version and its dependencies
///     teddy 1.1.0 -> shapes [>=1, <3]   a requirement with a comma goes in brackets
///     teddy 1.2.0 base tiny ^1 #aa      a concept's base: name, requirement, weights tag
///     tiny 1.0.0 weights #aa            a base version's weights
///     shapes 2.0.0 yanked               flags: yanked, untrusted
///
/// A name without a scope gets `test/`; a weights tag of hex digits is repeated into a
/// 64-digit digest. A package named only in requirements has no versions.
struct Scenario {
    var catalog = PackageCatalog()
    var composition = CompositionRequirements(concepts: [:])

    init(_ text: String) {
        for entry in text.split(whereSeparator: { $0 == "\n" || $0 == ";" }) {
            let tokens = Self.tokens(entry)
            guard let head = tokens.first else { continue }
            switch head {
            case "root": parseRoot(Array(tokens.dropFirst()))
            case "lock": composition.locked[Self.name(tokens[1])] = Self.version(tokens[2])
            default: parseVersion(tokens)
            }
        }
    }

    /// Resolves the scenario.
    func resolve(delegate: (any ResolverDelegate)? = nil) -> Result<Resolution, any Error> {
        Result { try Resolver(provider: catalog, delegate: delegate).resolve(composition) }
    }

    /// `a 1.0.0, b 2.0.0` (sorted, scope `test/` left out) or the error's message.
    func outcome() -> String {
        switch resolve() {
        case .success(let resolution): return Self.summary(resolution)
        case .failure(let error): return "\(error)"
        }
    }

    /// A resolution's packages as `a 1.0.0, b 2.0.0`, sorted, scope `test/` left out.
    static func summary(_ resolution: Resolution) -> String {
        resolution.packages.sorted { $0.key < $1.key }.map { "\(short($0.key)) \($0.value)" }.joined(separator: ", ")
    }

    static func short(_ name: PackageName) -> String {
        name.scope == "test" ? name.name : name.description
    }

    static func name(_ text: String) -> PackageName {
        PackageName(text.contains("/") ? text : "test/" + text)!
    }

    static func version(_ text: String) -> SemanticVersion {
        guard let version = SemanticVersion(text) else { fatalError("bad version \(text) in scenario") }
        return version
    }

    static func requirement(_ text: String) -> VersionRequirement {
        let bare = text.hasPrefix("[") ? String(text.dropFirst().dropLast()) : text
        guard let requirement = VersionRequirement(bare) else { fatalError("bad requirement \(text) in scenario") }
        return requirement
    }

    static func digest(_ tag: String) -> Digest {
        let hex = String(tag.dropFirst())
        return try! Digest(sha256Hex: String(String(repeating: hex, count: 64 / hex.count + 1).prefix(64)))
    }

    private mutating func parseRoot(_ tokens: [String]) {
        if tokens.first == "->" {
            for (name, requirement) in Self.dependencies(tokens.dropFirst()) { composition.concepts[name] = requirement }
        } else if tokens.first == "base" {
            composition.base = .init(name: Self.name(tokens[1]), requirement: Self.requirement(tokens[2]))
        }
    }

    private mutating func parseVersion(_ tokens: [String]) {
        var candidate = CandidateVersion(Self.version(tokens[1]))
        var rest = tokens.dropFirst(2)
        while let word = rest.popFirst() {
            switch word {
            case "->":
                let list = rest.prefix { !["base", "weights", "yanked", "untrusted"].contains($0) }
                rest = rest.dropFirst(list.count)
                candidate.dependencies = Self.dependencies(list)
            case "base":
                candidate.base = .init(name: Self.name(rest[rest.startIndex]), requirement: Self.requirement(rest[rest.startIndex + 1]),
                                       digest: Self.digest(rest[rest.startIndex + 2]))
                rest = rest.dropFirst(3)
            case "weights":
                candidate.weightsDigest = Self.digest(rest.removeFirst())
            case "yanked": candidate.isYanked = true
            case "untrusted": candidate.isTrusted = false
            default: fatalError("unknown word \(word) in scenario")
            }
        }
        catalog.add(Self.name(tokens[0]), candidate)
    }

    /// `b ^1, c [>=1, <2]` as tokens, to a dependency map.
    private static func dependencies(_ tokens: ArraySlice<String>) -> [PackageName: VersionRequirement] {
        let words = tokens.map { $0.hasSuffix(",") ? String($0.dropLast()) : $0 }
        var result: [PackageName: VersionRequirement] = [:]
        var index = words.startIndex
        while index + 1 < words.endIndex {
            result[name(words[index])] = requirement(words[index + 1])
            index += 2
        }
        return result
    }

    /// Splits on spaces, keeping `[...]` together.
    private static func tokens(_ entry: Substring) -> [String] {
        var tokens: [String] = []
        var current = ""
        var depth = 0
        for character in entry {
            if character == "[" { depth += 1 }
            if character == "]" { depth -= 1 }
            if character == " " && depth == 0 {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
