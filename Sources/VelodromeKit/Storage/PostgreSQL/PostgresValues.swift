import PostgresNIO

extension SQLValue {
    /// Appends the value to a query's parameters, typed as PostgreSQL needs it.
    func append(to bindings: inout PostgresBindings) {
        switch self {
        case .null: bindings.appendNull()
        case .integer(let number): bindings.append(number)
        case .real(let number): bindings.append(number)
        case .text(let text): bindings.append(text)
        case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
        case .boolean(let flag): bindings.append(flag)
        }
    }
}

extension SQLRow {
    /// A row as PostgreSQL sent it, each cell by its type.
    init(_ row: PostgresRow) throws {
        self.init(try row.map { cell -> SQLValue in
            guard cell.bytes != nil else { return .null }
            switch cell.dataType {
            case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
            case .bool: return .boolean(try cell.decode(Bool.self))
            case .float4, .float8, .numeric: return .real(try cell.decode(Double.self))
            case .bytea: return .blob(Array(buffer: try cell.decode(ByteBuffer.self)))
            default: return .text(try cell.decode(String.self))
            }
        })
    }
}

extension PostgresQuery {
    init(_ sql: String, _ binds: [SQLValue]) {
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds { value.append(to: &bindings) }
        self.init(unsafeSQL: sql, binds: bindings)
    }
}

/// A row's cells, decoded in place by position.
struct PostgresColumns: SQLColumns {
    let row: PostgresRandomAccessRow

    func int64(_ column: Int) throws -> Int64 { try row[column].decode(Int64.self) }
    func bool(_ column: Int) throws -> Bool { try row[column].decode(Bool.self) }
    func text(_ column: Int) throws -> String { try row[column].decode(String.self) }
    func optionalText(_ column: Int) throws -> String? { try row[column].decode(String?.self) }
    func timestamp(_ column: Int) throws -> Timestamp {
        let text = try text(column)
        guard let time = Timestamp(parsing: text) else {
            throw StorageError("column \(column) holds \"\(text)\", not a time")
        }
        return time
    }
}
