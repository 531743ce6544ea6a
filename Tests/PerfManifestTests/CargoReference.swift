import PerfManifest
import PerfTestSupport

/// A direct reading of cargo's matching rules (the `semver` crate's comparator-by-comparator
/// checks, plus the pre-release rule), written apart from `VersionRequirement`'s interval
/// algebra so that each checks the other. Works on requirements it generates itself.
enum CargoReference {
    /// One generated comparator.
    struct Comparator {
        /// "", "^", "~", "=", ">", ">=", "<", "<=", or "*" for a wildcard (`1.*`).
        let op: String
        let numbers: [UInt64]
        let preRelease: [String]

        var text: String {
            if op == "*" { return (numbers.map(String.init) + ["*"]).joined(separator: ".") }
            let pre = preRelease.isEmpty ? "" : "-" + preRelease.joined(separator: ".")
            return op + numbers.map(String.init).joined(separator: ".") + pre
        }
    }

    /// Versions with small numbers and assorted pre-releases.
    static let grid: [SemanticVersion] = {
        let preReleases: [[String]] = [[], ["alpha"], ["alpha", "1"], ["beta"], ["0"], ["rc", "2"]]
        var grid: [SemanticVersion] = []
        for major in 0...3 as ClosedRange<UInt64> {
            for minor in 0...2 as ClosedRange<UInt64> {
                for patch in 0...2 as ClosedRange<UInt64> {
                    for pre in preReleases { grid.append(version(major, minor, patch, pre)) }
                }
            }
        }
        return grid
    }()

    static func version(_ major: UInt64, _ minor: UInt64, _ patch: UInt64, _ pre: [String]) -> SemanticVersion {
        SemanticVersion(major: NumericIdentifier(major), minor: NumericIdentifier(minor), patch: NumericIdentifier(patch),
                        preRelease: pre.map { PreReleaseIdentifier($0)! })
    }

    /// A random requirement text: one or two alternatives of one or two comparators.
    static func randomRequirement(using random: inout SeededRandomNumberGenerator) -> String {
        let alternatives = (0..<Int.random(in: 1...2, using: &random)).map { _ in
            (0..<Int.random(in: 1...2, using: &random)).map { _ in randomComparator(using: &random) }
        }
        return alternatives.map { $0.map(\.text).joined(separator: ", ") }.joined(separator: " || ")
    }

    private static func randomComparator(using random: inout SeededRandomNumberGenerator) -> Comparator {
        let op = ["", "^", "~", "=", ">", ">=", "<", "<=", "*"].randomElement(using: &random)!
        let count = op == "*" ? Int.random(in: 0...2, using: &random) : Int.random(in: 1...3, using: &random)
        let numbers = (0..<count).map { index in UInt64.random(in: 0...(index == 0 ? 3 : 2), using: &random) }
        let pre = count == 3 && op != "*" && Bool.random(using: &random)
            ? [["alpha"], ["alpha", "1"], ["beta"], ["0"], ["rc", "2"]].randomElement(using: &random)! : []
        return Comparator(op: op, numbers: numbers, preRelease: pre)
    }

    /// Whether a version meets the requirement `text` (which `randomRequirement` wrote).
    static func matcher(_ text: String) -> (SemanticVersion) -> Bool {
        let alternatives = parse(text)
        return { version in matches(alternatives, version) }
    }

    private static func matches(_ alternatives: [[Comparator]], _ version: SemanticVersion) -> Bool {
        alternatives.contains { alternative in
            let preAllowed = !version.isPreRelease || alternative.contains { comparator in
                !comparator.preRelease.isEmpty && comparator.numbers.map { NumericIdentifier($0) } == [version.major, version.minor, version.patch]
            }
            return preAllowed && alternative.allSatisfy { matches($0, version) }
        }
    }

    /// Reads back a generated requirement.
    private static func parse(_ text: String) -> [[Comparator]] {
        text.split(separator: "||").map { alternative in
            alternative.split(separator: ",").map { raw in
                var rest = Substring(raw.filter { $0 != " " })
                var op = ""
                for symbol in [">=", "<=", ">", "<", "=", "^", "~"] where rest.hasPrefix(symbol) {
                    op = symbol
                    rest = rest.dropFirst(symbol.count)
                    break
                }
                var pre: [String] = []
                if let dash = rest.firstIndex(of: "-") {
                    pre = rest[rest.index(after: dash)...].split(separator: ".").map(String.init)
                    rest = rest[..<dash]
                }
                let parts = rest.split(separator: ".")
                if parts.last == "*" { return Comparator(op: "*", numbers: parts.dropLast().map { UInt64($0)! }, preRelease: []) }
                return Comparator(op: op, numbers: parts.map { UInt64($0)! }, preRelease: pre)
            }
        }
    }

    /// One comparator against one version, by the semver crate's rules.
    private static func matches(_ comparator: Comparator, _ version: SemanticVersion) -> Bool {
        let n = comparator.numbers.map { NumericIdentifier($0) }
        let major = n.first, minor = n.count > 1 ? n[1] : nil, patch = n.count > 2 ? n[2] : nil
        // Pre-releases compared alone: a release (no identifiers) is above every pre-release.
        let own = version.withoutBuildMetadata
        let preRelease = comparator.preRelease.map { PreReleaseIdentifier($0)! }
        var pre: SemanticVersion { SemanticVersion(major: own.major, minor: own.minor, patch: own.patch, preRelease: preRelease) }
        let exact = version.major == major && (minor == nil || version.minor == minor)
            && (patch == nil || (version.patch == patch && version.preRelease == preRelease))
        func greater() -> Bool {
            guard let major else { return false }
            if version.major != major { return version.major > major }
            guard let minor else { return false }
            if version.minor != minor { return version.minor > minor }
            guard let patch else { return false }
            if version.patch != patch { return version.patch > patch }
            return own > pre
        }
        func less() -> Bool {
            guard let major else { return false }
            if version.major != major { return version.major < major }
            guard let minor else { return false }
            if version.minor != minor { return version.minor < minor }
            guard let patch else { return false }
            if version.patch != patch { return version.patch < patch }
            return own < pre
        }
        switch comparator.op {
        case "=": return exact
        case ">": return greater()
        case ">=": return exact || greater()
        case "<": return less()
        case "<=": return exact || less()
        case "*": return (major == nil || version.major == major) && (minor == nil || version.minor == minor)
        case "~":
            guard version.major == major else { return false }
            guard let minor else { return true }
            guard version.minor == minor else { return false }
            guard let patch else { return true }
            return version.patch > patch || (version.patch == patch && own >= pre)
        default:
            guard let major, version.major == major else { return false }
            guard let minor else { return true }
            guard let patch else { return major > 0 ? version.minor >= minor : version.minor == minor }
            if major > 0 {
                if version.minor != minor { return version.minor > minor }
                return version.patch > patch || (version.patch == patch && own >= pre)
            }
            if minor > 0 {
                guard version.minor == minor else { return false }
                return version.patch > patch || (version.patch == patch && own >= pre)
            }
            return version.minor == 0 && version.patch == patch && own >= pre
        }
    }
}
