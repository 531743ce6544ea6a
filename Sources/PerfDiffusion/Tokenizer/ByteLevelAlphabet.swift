/// GPT-2's and CLIP's reversible map from the 256 byte values to printable characters: bytes
/// that are printable Latin-1 (`!`…`~`, `¡`…`¬`, `®`…`ÿ`) map to themselves, the other 68
/// map, in byte order, to U+0100 onwards. Byte-level BPE works on these characters, so any
/// UTF-8 text has a spelling in the vocabulary's alphabet.
enum ByteLevelAlphabet {
    /// The character of each byte value.
    static let symbols: [String] = {
        var symbols = [String](repeating: "", count: 256)
        var next: UInt32 = 256
        for byte in 0..<256 {
            let printable = (0x21...0x7E).contains(byte) || (0xA1...0xAC).contains(byte) || (0xAE...0xFF).contains(byte)
            let code = printable ? UInt32(byte) : next
            if !printable { next += 1 }
            symbols[byte] = String(Character(Unicode.Scalar(code)!))
        }
        return symbols
    }()

    /// The byte-level spelling of `word`'s UTF-8 bytes, one symbol per byte.
    static func spell(_ word: String) -> [String] {
        word.utf8.map { symbols[Int($0)] }
    }
}
