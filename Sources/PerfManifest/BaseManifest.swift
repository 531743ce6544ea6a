/// The manifest of a base package, `perf.json` with `kind: "base"` (DESIGN §3): a
/// diffusers-layout model, either carried file by file or registered by reference to a
/// local folder, with the digest of its weights and its text covariance statistics.
/// Schema: `Schemas/base.schema.json`.
public struct BaseManifest: PerfDocument, Equatable {
    /// The package's name.
    public var name: PackageName
    /// The package's version.
    public var version: SemanticVersion
    /// One or two sentences for `perf search` and `perf info`.
    public var description: String
    /// The license of the weights, as an SPDX expression.
    public var license: String
    /// The authors.
    public var authors: [String]
    /// Where the model's files are.
    public var model: Model
    /// The digest of the model's weights (`BaseManifest.weightsDigestListing`); concepts
    /// record it as `base.digest`, so a concept never silently meets other weights.
    public var weightsDigest: Digest
    /// The text-encoder covariance file.
    public var stats: Stats
    /// Facts about the text encoder, when known.
    public var text: TextEncoder?
    /// The sampling settings the model is meant to be used with, when its author gave them.
    public var sampling: Sampling?

    /// A manifest from its fields; `encoded()` checks them.
    public init(name: PackageName, version: SemanticVersion, description: String, license: String, authors: [String],
                model: Model, weightsDigest: Digest, stats: Stats, text: TextEncoder? = nil, sampling: Sampling? = nil) {
        self.name = name
        self.version = version
        self.description = description
        self.license = license
        self.authors = authors
        self.model = model
        self.weightsDigest = weightsDigest
        self.stats = stats
        self.text = text
        self.sampling = sampling
    }

    /// The model: its layout and where its files are.
    public struct Model: Codable, Sendable, Equatable {
        /// The layout; `diffusers` is the only one.
        public var format: Format
        /// The files, carried in the package or found at a local path.
        public var source: Source

        /// A model from its fields.
        public init(format: Format = .diffusers, source: Source) {
            self.format = format
            self.source = source
        }

        /// A model's folder layout.
        public enum Format: String, Codable, Sendable, CaseIterable {
            /// `model_index.json`, `text_encoder/`, `tokenizer/`, `unet/`, `scheduler/`, optional `vae/`.
            case diffusers
        }

        /// Where the model's files are: coded as `files` or `reference`, exactly one of them.
        public enum Source: Sendable, Equatable {
            /// Every file in the package, sorted by path (`files`).
            case files([File])
            /// A large local model, registered by reference (`reference: {path}`).
            case reference(path: String)
        }
    }

    /// One model file: its path in the model folder, its SHA-256 (bare hex) and size in bytes.
    public struct File: Codable, Sendable, Equatable {
        /// The relative path, `/`-separated.
        public var path: String
        /// The file's SHA-256.
        public var sha256: Digest
        /// The file's size in bytes.
        public var size: Int

        /// A file entry from its fields.
        public init(path: String, sha256: Digest, size: Int) {
            self.path = path
            self.sha256 = sha256
            self.size = size
        }
    }

    /// The text covariance `C` of the base's text encoder (DESIGN §1), a safetensors file
    /// holding `covariance` (d×d) and `count`.
    public struct Stats: Codable, Sendable, Equatable {
        /// The path in the package, normally `stats/text_covariance.safetensors`.
        public var path: String
        /// The file's digest.
        public var digest: Digest

        /// The conventional path of the statistics file.
        public static let defaultPath = "stats/text_covariance.safetensors"

        /// A statistics entry from its fields.
        public init(path: String = Stats.defaultPath, digest: Digest) {
            self.path = path
            self.digest = digest
        }
    }

    /// Facts about the base's text encoder that tools check before loading the weights.
    public struct TextEncoder: Codable, Sendable, Equatable {
        /// The width d of the encoder's outputs (and of `C`).
        public var width: Int
        /// The most tokens a prompt is encoded to, start and end tokens included.
        public var maxLength: Int
        /// The tokenizer's vocabulary size.
        public var vocabularySize: Int

        /// Text-encoder facts from their values.
        public init(width: Int, maxLength: Int, vocabularySize: Int) {
            self.width = width
            self.maxLength = maxLength
            self.vocabularySize = vocabularySize
        }
    }

    /// Sampling defaults for this model, which `perf generate` and `perf eval` use unless told
    /// otherwise: Stable Diffusion's guidance scale 7.5 suits large models, while a small model
    /// like the built-in one needs far less.
    public struct Sampling: Codable, Sendable, Equatable {
        /// The classifier-free guidance scale.
        public var guidance: Float

        /// Sampling defaults from their values.
        public init(guidance: Float) {
            self.guidance = guidance
        }
    }
}
