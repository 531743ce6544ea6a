import Foundation
import PerfManifest

/// One package's index file, `index/<scope>/<name>`. Opening it checks the shape every
/// writer relies on (a newline after each line, each line naming this package, no version
/// twice) from each line's `name` and `version` alone; `lines()` and `line(at:)` then
/// decode lines fully. Each line's bytes are kept, so a rewrite changes only the line it means to.
struct IndexFile: Sendable {
    /// The package the file describes.
    let package: PackageName
    /// The file's path, for messages.
    let path: String
    /// Each line's text, in publish order, without newlines.
    private let texts: [String]
    /// Each line's version.
    let versions: [SemanticVersion]

    /// Reads the index of `package` from `layout`; nil when nothing was ever published under that name.
    static func load(_ package: PackageName, in layout: RegistryLayout) throws -> IndexFile? {
        let url = layout.file(RegistryLayout.indexPath(scope: package.scope, name: package.name))
        guard let data = try DurableFile.read(url) else { return nil }
        return try IndexFile(package: package, data: data, path: url.path)
    }

    /// Parses an index file's bytes.
    init(package: PackageName, data: Data, path: String) throws {
        var texts = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard texts.last == "" else {
            throw RegistryError.tamperedIndex("\(package)", indexFile: path, line: texts.count,
                                              "the file does not end with a newline (a line was cut short)")
        }
        texts.removeLast()
        var versions: [SemanticVersion] = []
        for (offset, text) in texts.enumerated() {
            let key: LineKey
            do {
                key = try JSONDecoder().decode(LineKey.self, from: Data(text.utf8))
            } catch {
                throw RegistryError.tamperedIndex("\(package)", indexFile: path, line: offset + 1, "it is not an index line (\(error))")
            }
            guard key.name == "\(package)", let version = try? SemanticVersion(parsing: key.version) else {
                throw RegistryError.tamperedIndex("\(package)", indexFile: path, line: offset + 1,
                                                  "it describes \(key.name)@\(key.version), not a version of \(package)")
            }
            guard !versions.contains(version) else {
                throw RegistryError.tamperedIndex("\(package)", indexFile: path, line: offset + 1,
                                                  "version \(version) appears twice")
            }
            versions.append(version)
        }
        self.package = package
        self.path = path
        self.texts = texts
        self.versions = versions
    }

    /// Where `version`'s line is (build metadata ignored, as semver precedence does), if published.
    func position(of version: SemanticVersion) -> Int? {
        versions.firstIndex(of: version)
    }

    /// The line at `position`, decoded and checked.
    func line(at position: Int) throws -> IndexLine {
        let source = "\(path) line \(position + 1)"
        do {
            return try IndexLine.decode(line: texts[position], source: source)
        } catch {
            throw RegistryError.tamperedIndex("\(package)", indexFile: path, line: position + 1, "\(error)")
        }
    }

    /// Every line, decoded and checked, in publish order.
    func lines() throws -> [IndexLine] {
        try texts.indices.map(line(at:))
    }

    /// The file's text with `line` appended.
    func appending(_ line: IndexLine) -> String {
        (texts + [line.encodedLine()]).map { $0 + "\n" }.joined()
    }

    /// The file's text with only the line at `position` changed, to `replacement`.
    func replacing(at position: Int, with replacement: IndexLine) -> String {
        texts.indices.map { ($0 == position ? replacement.encodedLine() : texts[$0]) + "\n" }.joined()
    }

    /// The file's text for a package that has no index yet.
    static func first(_ line: IndexLine) -> String { line.encodedLine() + "\n" }

    /// The two fields the shape check reads.
    private struct LineKey: Decodable {
        let name: String
        let version: String
    }
}
