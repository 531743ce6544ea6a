/// The HTTP registry server (Hummingbird): static read path and authenticated write API.
/// Filled by the HTTP-registry issue.
public enum PerfServer {}
