extension FileRegistry {
    /// Walks the whole registry without taking the lock or changing anything: every index
    /// line's blob, signature, key and manifest; every key history; the log's hash chain and
    /// checkpoint; and index, keys and log against each other (one publish entry per line,
    /// yank flags as the log left them). A write a killed writer left in `log/pending` is
    /// checked as the next writer will complete it. Throws every problem found at once.
    public func verifyConsistency() throws -> ConsistencyReport {
        var audit = RegistryAudit(self)
        return try audit.run()
    }
}
