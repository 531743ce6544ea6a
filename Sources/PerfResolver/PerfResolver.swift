/// Dependency resolution (PubGrub) over concept and base packages, without IO. Filled by
/// the versions-and-resolution issue.
public enum PerfResolver {}
