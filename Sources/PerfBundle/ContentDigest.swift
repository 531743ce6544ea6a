import Crypto
import Foundation

/// SHA-256 digests as perf writes them everywhere: 64 lowercase hex digits.
public enum ContentDigest {
    /// The SHA-256 of `data`.
    public static func sha256Hex(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// The SHA-256 of the file at `file`, read in 1 MiB chunks so that any size fits.
    public static func sha256Hex(file: URL) throws -> String {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: file) } catch {
            throw BundleError(.io(path: file.path, detail: "cannot be opened to compute its digest (\(error.localizedDescription))"))
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(data: chunk)
            }
        } catch {
            throw BundleError(.io(path: file.path, detail: "could not be read to compute its digest (\(error.localizedDescription))"))
        }
        return hex(hasher.finalize())
    }

    /// The digest of a tree of files (the weights digest of a base model): the SHA-256 of
    /// one `"<hex>  <path>\n"` line per file, sorted by the paths' UTF-8 bytes — exactly
    /// what `sha256sum` prints for the files in that order, hashed again by `sha256sum`.
    /// Paths are bundle paths (no newline or backslash, which `sha256sum` would escape).
    public static func tree(_ files: [(path: String, sha256Hex: String)]) -> String {
        let lines = files.sorted { BundlePath.precedes($0.path, $1.path) }
            .map { "\($0.sha256Hex)  \($0.path)\n" }
            .joined()
        return sha256Hex(Data(lines.utf8))
    }

    /// Lowercase hex of a finished digest.
    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(SHA256.Digest.byteCount * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
