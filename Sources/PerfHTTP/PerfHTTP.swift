/// The HTTP registry client over libcurl. Filled by the HTTP-registry issue; the only
/// module that imports curl.
public enum PerfHTTP {}
