/// The manifest of a concept bundle, `perf.json` with `kind: "concept"` (DESIGN §3):
/// who made the concept, which base model it edits, how to gate it, and how it was trained.
/// Schema: `Schemas/concept.schema.json`.
public struct ConceptManifest: PerfDocument, Equatable {
    /// The package's name.
    public var name: PackageName
    /// The package's version.
    public var version: SemanticVersion
    /// One or two sentences for `perf search` and `perf info` (at most 2000 code points).
    public var description: String
    /// The license, as an SPDX expression (1 to 200 code points).
    public var license: String
    /// The authors, each as "Name <email>" or just a name (1 to 200 code points each).
    public var authors: [String]
    /// The placeholder prompts use for the concept, e.g. `<alice/teddy>` (`TextRule.token`):
    /// added to the tokenizer whole, as one token whose embedding the concept trains.
    public var token: String
    /// The locked-key category word, one lowercase word such as `teddy` or `circle`.
    public var superclass: String
    /// The base model the concept edits.
    public var base: BaseRequirement
    /// The inference gate the concept ships with.
    public var gate: Gate
    /// Other packages this one needs, by version requirement; may be empty.
    public var dependencies: [PackageName: String]
    /// How the concept was trained; absent for a concept made some other way.
    public var training: Training?

    /// A manifest from its fields; `encoded()` checks them.
    public init(name: PackageName, version: SemanticVersion, description: String, license: String, authors: [String],
                token: String, superclass: String, base: BaseRequirement, gate: Gate,
                dependencies: [PackageName: String] = [:], training: Training? = nil) {
        self.name = name
        self.version = version
        self.description = description
        self.license = license
        self.authors = authors
        self.token = token
        self.superclass = superclass
        self.base = base
        self.gate = gate
        self.dependencies = dependencies
        self.training = training
    }

    /// The base package a concept was trained on: its name, the versions it works with,
    /// and the digest of the exact weights it was trained against.
    public struct BaseRequirement: Codable, Sendable, Equatable {
        /// The base package's name.
        public var name: PackageName
        /// The base versions the concept works with (`RequirementSyntax`).
        public var requirement: String
        /// The `weights_digest` of the base it was trained on.
        public var digest: Digest

        /// A base requirement from its fields.
        public init(name: PackageName, requirement: String, digest: Digest) {
            self.name = name
            self.requirement = requirement
            self.digest = digest
        }
    }

    /// The gate σ((s − β)/τ) that decides how much of the concept a token receives.
    public struct Gate: Codable, Sendable, Equatable {
        /// The threshold β, strictly between 0 and 1 (about 0.7 at inference).
        public var beta: Double
        /// The temperature τ, greater than 0 (about 0.15 at inference).
        public var tau: Double
        /// How keys are locked to the superclass.
        public var locking: Locking

        /// A gate from its fields.
        public init(beta: Double, tau: Double, locking: Locking = .local) {
            self.beta = beta
            self.tau = tau
            self.locking = locking
        }

        /// Key locking (Perfusion §4): through the concept's key target only, or by encoding
        /// the whole prompt with the superclass in the concept's place for every key.
        public enum Locking: String, Codable, Sendable, CaseIterable {
            /// Only `o*_K` is locked to the superclass (the default).
            case local
            /// Every key projection reads the prompt with the superclass word.
            case global
        }
    }

    /// How a concept was trained, so that anyone can reproduce it.
    public struct Training: Codable, Sendable, Equatable {
        /// Optimisation steps (at least 1).
        public var steps: Int
        /// Learning rates of the two trained parameter groups.
        public var learningRates: LearningRates
        /// The random seed.
        public var seed: Int
        /// The training pictures (at least one), by file name and digest.
        public var images: [TrainedFile]
        /// Whether soft masks weighted the loss, or the mask files used.
        public var masks: Masks
        /// The per-picture caption files used instead of the prompt templates, if any (coded
        /// only when present).
        public var captions: [TrainedFile]?
        /// Whether pictures were mirrored at random (coded only when false).
        public var mirrored: Bool
        /// Wall-clock training time in seconds; absent when it should not vary the bundle's bytes.
        public var durationSeconds: Double?

        /// A training record from its fields.
        public init(steps: Int, learningRates: LearningRates, seed: Int, images: [TrainedFile],
                    masks: Masks = .used(false), captions: [TrainedFile]? = nil, mirrored: Bool = true,
                    durationSeconds: Double? = nil) {
            self.steps = steps
            self.learningRates = learningRates
            self.seed = seed
            self.images = images
            self.masks = masks
            self.captions = captions
            self.mirrored = mirrored
            self.durationSeconds = durationSeconds
        }

        /// Learning rates, each greater than 0.
        public struct LearningRates: Codable, Sendable, Equatable {
            /// For the concept's word embedding (the paper: 0.006).
            public var embedding: Double
            /// For the value targets `o*_V` (the paper: 0.03).
            public var values: Double

            /// Learning rates from their values.
            public init(embedding: Double, values: Double) {
                self.embedding = embedding
                self.values = values
            }
        }

        /// A file that went into training: its name and the SHA-256 of its bytes.
        public struct TrainedFile: Codable, Sendable, Equatable {
            /// The file's name (a relative path) in the folder training read.
            public var file: String
            /// The file's SHA-256, coded as bare hex.
            public var sha256: Digest

            /// A trained-on file from its fields.
            public init(file: String, sha256: Digest) {
                self.file = file
                self.sha256 = sha256
            }
        }

        /// `masks`: a flag, or the list of mask files (which implies masks were used).
        public enum Masks: Codable, Sendable, Equatable {
            /// Coded as `true` or `false`.
            case used(Bool)
            /// Coded as a list of files.
            case files([TrainedFile])
        }
    }
}
