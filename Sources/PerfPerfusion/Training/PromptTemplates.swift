import PerfDiffusion

/// The captions a concept is trained with: templates whose `{}` becomes the concept's token
/// (textual inversion's and Perfusion's practice), kept only where the base's tokenizer knows
/// every other word, so a small-vocabulary base model is never fed words it cannot read.
public enum PromptTemplates {
    /// What stands for the concept in a template or caption.
    public static let placeholder = "{}"

    /// Templates for a general text-to-image model (the textual-inversion set, abridged).
    public static let standard = [
        "a photo of a {}", "a rendering of a {}", "a cropped photo of the {}", "the photo of a {}",
        "a photo of a clean {}", "a close-up photo of a {}", "a bright photo of the {}", "a good photo of a {}",
        "a photo of one {}", "a rendition of the {}", "a picture of a {}", "a {}",
    ]

    /// The templates of `candidates` whose words are all in `tokenizer`'s vocabulary whole;
    /// `a {}` when none is (every base model reads at least its own superclass words).
    public static func usable(_ candidates: [String] = standard, tokenizer: CLIPTokenizer) -> [String] {
        let usable = candidates.filter { template in
            template.replacingOccurrences(of: "{}", with: " ").split(separator: " ").allSatisfy { word in
                tokenizer.id(of: word.lowercased() + "</w>") != nil
            }
        }
        return usable.isEmpty ? ["a {}"] : usable
    }

    /// `template` with the concept's `token` in place of `{}`.
    public static func caption(_ template: String, token: String) -> String {
        template.replacingOccurrences(of: placeholder, with: token)
    }
}
