extension Duration {
    /// The duration in seconds, for figures and for APIs that take a `TimeInterval`.
    package var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
