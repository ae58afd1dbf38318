/// An INSERT of many rows at once: one statement per table and page (or per few thousand points)
/// rather than one per row. Each backend writes it its fastest way (`SQLSession.insert`):
/// SQLite as `head VALUES ($1, ..., $n), ($n+1, ...) then`, PostgreSQL as one array per column,
/// `head SELECT * FROM unnest($1::text[], ...) then`.
package struct MultiRowInsert: Sendable {
    let head: String
    let columns: [SQLColumnType]
    /// The columns of the conflict key: a statement may touch a row once only (PostgreSQL refuses
    /// `ON CONFLICT DO UPDATE` twice on one row), so rows of one key are folded into the last.
    /// Nil where conflicts do nothing.
    let key: [Int]?
    let then: String
    /// The statement of each VALUES shape, without and with `RETURNING`, built once.
    private let valuesStatements: [Int: (plain: String, returning: String)]

    init(_ head: String, columns: [SQLColumnType], key: [Int]?, then: String) {
        self.head = head
        self.columns = columns
        self.key = key
        self.then = then
        var statements: [Int: (plain: String, returning: String)] = [:]
        for rows in Self.shapes {
            let text = Self.valuesSQL(head: head, columns: columns.count, rows: rows, then: then)
            statements[rows] = (text, text + " RETURNING 1")
        }
        valuesStatements = statements
    }

    /// Rows per VALUES statement: far below SQLite's parameter limit of 32,766.
    static let rowsPerStatement = 512
    /// The VALUES sizes a write is split into, largest first. Few shapes keep SQLite's statement
    /// cache small and its preparing rare: each shape costs time quadratic in its parameters.
    static let shapes = (0...9).map { rowsPerStatement >> $0 }
    /// Rows per array statement: one round trip for thousands of points, in a bounded message.
    static let rowsPerArrayStatement = 10_000

    private static func valuesSQL(head: String, columns: Int, rows: Int, then: String) -> String {
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
        return then.isEmpty ? text : text + " " + then
    }

    /// The VALUES statements that write `rows`, each with its binds: 512 rows at a time, the rest
    /// in halving shapes.
    func valuesStatements(_ rows: [[SQLValue]], returning: Bool) -> [(sql: String, binds: [SQLValue])] {
        var statements: [(sql: String, binds: [SQLValue])] = []
        var start = 0
        while start < rows.count {
            let size = Self.shapes.first { $0 <= rows.count - start }!
            let statement = valuesStatements[size]!
            statements.append((returning ? statement.returning : statement.plain, rows[start..<start + size].flatMap { $0 }))
            start += size
        }
        return statements
    }

    /// The statement that writes rows bound as one array per column, of the given SQL types.
    func arraySQL(_ arrayTypes: [String], returning: Bool) -> String {
        let arrays = arrayTypes.enumerated().map { "$\($0.offset + 1)::\($0.element)[]" }.joined(separator: ", ")
        let text = head + " SELECT * FROM unnest(\(arrays))" + (then.isEmpty ? "" : " " + then)
        return returning ? text + " RETURNING 1" : text
    }

    /// Writes `rows`; with `counting`, returns how many were new or different (the upsert's
    /// `WHERE` leaves unchanged rows alone, and `RETURNING` reports the others).
    @discardableResult
    func run(_ rows: [[SQLValue]], in session: any SQLSession, counting: Bool = false) async throws -> Int {
        guard !rows.isEmpty else { return 0 }
        return try await session.insert(self, folded(rows), counting: counting)
    }

    private func folded(_ rows: [[SQLValue]]) -> [[SQLValue]] {
        guard let key else { return rows }
        var position: [KeyColumns: Int] = [:]
        position.reserveCapacity(rows.count)
        var kept: [[SQLValue]] = []
        kept.reserveCapacity(rows.count)
        for row in rows {
            if let at = position[KeyColumns(row: row, key: key)] {
                kept[at] = row
            } else {
                position[KeyColumns(row: row, key: key)] = kept.count
                kept.append(row)
            }
        }
        return kept
    }

    /// A row seen through its key columns, hashed and compared without copying them out.
    private struct KeyColumns: Hashable {
        let row: [SQLValue]
        let key: [Int]

        func hash(into hasher: inout Hasher) {
            for column in key { hasher.combine(row[column]) }
        }

        static func == (a: KeyColumns, b: KeyColumns) -> Bool {
            a.key.allSatisfy { a.row[$0] == b.row[$0] }
        }
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunks(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
