import Foundation

/// CLIP's text normalisation and word splitting, as transformers' CLIPTokenizer (backed by
/// `tokenizers`) performs them:
/// - normalise: NFC, every run of white space to one space, lower case (per character);
/// - split with CLIP's pattern `<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|
///   [\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+`, keeping matches and dropping what lies between
///   (white space);
/// - split every match again with GPT-2's byte-level pattern, which only breaks the two
///   literal special-token spellings into `<|`, the word, `|>`.
enum CLIPPreTokenizer {
    /// The normalised text (NFC, white space collapsed, lower case).
    static func normalize(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var inWhitespace = false
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isWhitespace {
                if !inWhitespace { result.append(" ") }
                inWhitespace = true
                continue
            }
            inWhitespace = false
            result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        return String(result)
    }

    /// The words of already normalised text.
    static func words(_ normalized: String) -> [String] {
        let scalars = Array(normalized.unicodeScalars)
        return split(scalars[...], literals: specialSpellings, singleDigits: true).flatMap { word in
            split(word, literals: [], singleDigits: false)
        }.map { String(String.UnicodeScalarView($0)) }
    }

    /// The special-token spellings CLIP's pattern keeps whole.
    private static let specialSpellings: [[Unicode.Scalar]] = ["<|startoftext|>", "<|endoftext|>"].map { Array($0.unicodeScalars) }

    /// The contractions both patterns match, in pattern order.
    private static let contractions: [[Unicode.Scalar]] = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"].map { Array($0.unicodeScalars) }

    /// The matches of the pattern `literals | contractions | \p{L}+ | \p{N} (or \p{N}+) | [^\s\p{L}\p{N}]+`,
    /// scanning left to right; unmatched scalars (white space) are dropped.
    private static func split(_ text: ArraySlice<Unicode.Scalar>, literals: [[Unicode.Scalar]],
                              singleDigits: Bool) -> [ArraySlice<Unicode.Scalar>] {
        var pieces: [ArraySlice<Unicode.Scalar>] = []
        var index = text.startIndex
        while index < text.endIndex {
            let rest = text[index...]
            if let literal = (literals + contractions).first(where: { rest.starts(with: $0) }) {
                pieces.append(text[index..<index + literal.count])
                index += literal.count
                continue
            }
            let kind = ScalarKind(text[index])
            guard kind != .space else {
                index += 1
                continue
            }
            var end = index + 1
            if !(kind == .number && singleDigits) {
                while end < text.endIndex && ScalarKind(text[end]) == kind { end += 1 }
            }
            pieces.append(text[index..<end])
            index = end
        }
        return pieces
    }

    /// The character classes of the patterns.
    private enum ScalarKind {
        case letter, number, space, other

        init(_ scalar: Unicode.Scalar) {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
                self = .letter
            case .decimalNumber, .letterNumber, .otherNumber:
                self = .number
            default:
                self = scalar.properties.isWhitespace ? .space : .other
            }
        }
    }
}
