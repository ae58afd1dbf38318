/// Where backoff draws its randomness: the system generator in production, a fixed value in
/// tests, so that a test can assert the exact wait.
package struct Jitter: Sendable {
    private let draw: @Sendable () -> Double

    /// `draw` returns a value in 0..<1.
    package init(_ draw: @escaping @Sendable () -> Double) { self.draw = draw }

    package func next() -> Double { draw() }

    package static let random = Jitter { Double.random(in: 0..<1) }

    package static func fixed(_ value: Double) -> Jitter { Jitter { value } }
}
