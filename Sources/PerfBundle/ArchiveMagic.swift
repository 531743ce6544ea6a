import Foundation

/// Recognises compressed streams and non-tar archives by their first bytes, so that perf
/// can say plainly what it was given instead of "not a tar archive".
enum ArchiveMagic {
    private static let signatures: [(prefix: [UInt8], name: String)] = [
        ([0x1F, 0x8B], "gzip-compressed"),
        ([0x1F, 0x9D], "compress(1)-compressed"),
        (Array("BZh".utf8), "bzip2-compressed"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz-compressed"),
        ([0x28, 0xB5, 0x2F, 0xFD], "zstd-compressed"),
        ([0x04, 0x22, 0x4D, 0x18], "lz4-compressed"),
        (Array("LZIP".utf8), "lzip-compressed"),
        (Array("PK\u{03}\u{04}".utf8), "a zip archive"),
        (Array("PK\u{05}\u{06}".utf8), "a zip archive"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "a 7-Zip archive"),
        (Array("Rar!".utf8), "a RAR archive"),
    ]

    /// What `data` is when it is a compressed stream or another archive format, else nil.
    static func foreignFormat(of data: Data) -> String? {
        signatures.first { data.starts(with: $0.prefix) }?.name
    }
}
