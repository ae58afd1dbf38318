import Foundation
import Logging

/// What every walker of one repository's sync works with.
struct SyncEnvironment: Sendable {
    let client: GitHubClient
    let store: any MirrorStore
    let repository: RepositoryName
    let stop: StopSignal
    let progress: SyncProgress
    let logger: Logger
    /// `--settle`: how long after its timestamp GitHub may take to show an item in its lists.
    let settle: Duration

    static let pageSize = 100

    var settleSeconds: Int64 { settle.components.seconds }

    var repositoryPath: String { "/repos/\(repository.owner)/\(repository.name)" }

    func commit(_ batch: MirrorBatch) async throws {
        let written = try await store.apply(batch, repository: repository.key)
        progress.wrote(written)
    }
}

/// Walker state is stored as JSON in `sync_cursors`, one row per list.
enum CursorCoding {
    static func decode<C: Decodable>(_ type: C.Type, _ text: String?) -> C? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }

    static func encode<C: Encodable>(_ cursor: C) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(cursor)) ?? Data(), as: UTF8.self)
    }
}
