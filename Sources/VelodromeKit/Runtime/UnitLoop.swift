import Logging

/// The loop of a stage that works unit by unit (repositories for fetch and transform): each unit
/// in turn; a stop request ends the iteration between units or at a clean boundary inside one;
/// one unit failing does not stop the others; an error that dooms every unit (a refused token)
/// ends the iteration.
package struct UnitLoop: Sendable {
    /// The units, plural: "repositories".
    package let noun: String
    /// What a failure is called, for one unit and for the summary: "did not sync".
    package let failedOne: String
    package let failedMany: String
    package let logger: Logger

    package init(noun: String, failedOne: String, failedMany: String, logger: Logger) {
        self.noun = noun
        self.failedOne = failedOne
        self.failedMany = failedMany
        self.logger = logger
    }

    package func run<Unit>(
        _ units: [Unit], key: (Unit) -> String, stop: StopSignal,
        endsIteration: (any Error) -> Bool = { _ in false }, _ body: (Unit) async throws -> Void
    ) async throws -> IterationOutcome {
        var failed: [String] = []
        for unit in units {
            if stop.isRequested { return .stopped }
            do {
                try await body(unit)
            } catch is StopRequested {
                return .stopped
            } catch where endsIteration(error) {
                throw error
            } catch {
                logger.error("\(key(unit)) \(failedOne): \(error)")
                failed.append(key(unit))
            }
        }
        if failed.isEmpty { return .completed }
        return .partialFailure("\(failed.count) of \(units.count) \(noun) \(failedMany): \(failed.joined(separator: ", "))")
    }
}
