/// An INSERT of many rows in one statement, `head VALUES ($1, ..., $n), ($n+1, ...) then`:
/// one round trip per table and page rather than one per row, which matters for PostgreSQL.
struct MultiRowInsert: Sendable {
    let head: String
    let columns: Int
    /// The columns of the conflict key: a statement may touch a row once only (PostgreSQL refuses
    /// `ON CONFLICT DO UPDATE` twice on one row), so rows of one key are folded into the last.
    /// Nil where conflicts do nothing.
    let key: [Int]?
    let then: String

    init(_ head: String, columns: Int, key: [Int]?, then: String) {
        self.head = head
        self.columns = columns
        self.key = key
        self.then = then
    }

    /// Rows per statement: far below either backend's parameter limit (SQLite 32,766,
    /// PostgreSQL 65,535), and few statement shapes for SQLite's statement cache.
    static let rowsPerStatement = 500

    func sql(rows: Int, returning: Bool) -> String {
        var text = head + " VALUES "
        var parameter = 1
        for row in 0..<rows {
            if row > 0 { text += ", " }
            text += "("
            for column in 0..<columns {
                if column > 0 { text += ", " }
                text += "$\(parameter)"
                parameter += 1
            }
            text += ")"
        }
        if !then.isEmpty { text += " " + then }
        return returning ? text + " RETURNING 1" : text
    }

    /// Writes `rows`; with `counting`, returns how many were new or different (the upsert's
    /// `WHERE` leaves unchanged rows alone, and `RETURNING` reports the others).
    @discardableResult
    func run(_ rows: [[SQLValue]], in session: any SQLSession, counting: Bool = false) async throws -> Int {
        var written = 0
        for chunk in folded(rows).chunks(of: Self.rowsPerStatement) {
            let sql = sql(rows: chunk.count, returning: counting)
            let binds = chunk.flatMap { $0 }
            if counting {
                written += try await session.rows(sql, binds).count
            } else {
                try await session.run(sql, binds)
            }
        }
        return written
    }

    private func folded(_ rows: [[SQLValue]]) -> [[SQLValue]] {
        guard let key else { return rows }
        var position: [[SQLValue]: Int] = [:]
        var kept: [[SQLValue]] = []
        for row in rows {
            let identity = key.map { row[$0] }
            if let at = position[identity] {
                kept[at] = row
            } else {
                position[identity] = kept.count
                kept.append(row)
            }
        }
        return kept
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunks(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
