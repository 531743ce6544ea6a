import Foundation
import PerfTestSupport
import Testing

/// Folders, tools and listings shared by the bundle tests.
enum BundleFixtures {
    /// A bundle folder's files: names that exercise the sort order (`x-y.txt` sorts before
    /// `x/y.txt` bytewise), a path long enough to need ustar's prefix field, and one long
    /// enough (over 255 bytes) to need a pax header.
    static let files: [(path: String, contents: Data)] = [
        ("perf.json", Data(#"{"schema":1,"kind":"concept","name":"test/bullseye","version":"1.0.0"}"#.utf8)),
        ("concept.safetensors", Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })),
        ("README.md", Data("# bullseye\n".utf8)),
        ("empty.txt", Data()),
        ("x-y.txt", Data("dash".utf8)),
        ("x/y.txt", Data("slash".utf8)),
        ("x/z/deeper.bin", Data(repeating: 0xAB, count: 1536)),
        (String(repeating: "p", count: 90) + "/" + String(repeating: "q", count: 60) + ".txt", Data("ustar prefix".utf8)),
        ((1...5).map { String(repeating: Character(String($0)), count: 60) }.joined(separator: "/") + "/long.txt",
         Data("pax path".utf8)),
    ]

    /// The paths of `files`, sorted bytewise: the order of a packed bundle's entries.
    static var sortedPaths: [String] {
        files.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Writes `files` into a new folder `name` under `directory`, in the given order.
    @discardableResult
    static func writeFolder(_ name: String, in directory: TemporaryDirectory,
                            order: [(path: String, contents: Data)] = files) throws -> URL {
        for file in order { try directory.write("\(name)/\(file.path)", file.contents) }
        return directory.path(name)
    }

    /// Runs a program, expecting it to succeed, and returns what it printed.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], environment: [String: String] = [:],
                    in directory: URL? = nil) throws -> String {
        let result = try ProcessRunner.run(tool: tool, arguments, environment: environment, currentDirectory: directory)
        try #require(result.status == 0, "\(tool) \(arguments) failed: \(result.stderr)")
        return result.stdout
    }

    /// Runs a Python program with `arguments` (its `sys.argv[1...]`).
    @discardableResult
    static func python(_ program: String, _ arguments: [String] = []) throws -> String {
        try run("python3", ["-c", program] + arguments)
    }

    /// Everything below `folder` (files and folders, hidden ones too), sorted, with each
    /// file's size: what a test compares before and after an extraction that must write nothing.
    static func tree(_ folder: URL) throws -> [String] {
        let names = try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
        return try names.map { name in
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
            return "\(name) \(attributes[.type].map { "\($0)" } ?? "?") \(attributes[.size].map { "\($0)" } ?? "?")"
        }
    }

    /// The regular files below `folder` with their contents, by relative path.
    static func contents(of folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(name)
            if try FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType == .typeRegular {
                result[name] = try Data(contentsOf: url)
            }
        }
        return result
    }

    /// `files` as a dictionary, to compare with `contents(of:)`.
    static var expectedContents: [String: Data] {
        Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
    }
}
