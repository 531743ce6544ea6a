/// Filled by the foundation issue.
public enum PerfManifestModule {}
