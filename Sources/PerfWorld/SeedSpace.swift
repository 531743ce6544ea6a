/// Disjoint ranges of scene seeds, so that pictures used for one purpose are never reused for
/// another: the base model trains on `training`, evaluation prompts come from `evaluation`,
/// the judge is validated on `judgeValidation`, unit tests draw from `tests`.
public enum SeedSpace {
    /// Seeds of base-model training scenes.
    public static let training: Range<UInt64> = 0 ..< 1 << 40
    /// Seeds of held-out evaluation scenes and prompts (`perf eval`).
    public static let evaluation: Range<UInt64> = 1 << 40 ..< 2 << 40
    /// Seeds of the judge's validation scenes (`perf world validate`); used for nothing else.
    public static let judgeValidation: Range<UInt64> = 2 << 40 ..< 3 << 40
    /// Seeds of scenes in unit tests.
    public static let tests: Range<UInt64> = 3 << 40 ..< 4 << 40
}
