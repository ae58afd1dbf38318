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
    /// Parsed from the cell's bytes, without a String in between: transform reads a time per row.
    func timestamp(_ column: Int) throws -> Timestamp {
        let time = row[column].bytes?.withUnsafeReadableBytes { Timestamp(sqlBytes: $0.assumingMemoryBound(to: UInt8.self)) }
        guard let time else { throw StorageError("column \(column) holds \"\(try optionalText(column) ?? "NULL")\", not a time") }
        return time
    }
}

extension SQLColumnType {
    var postgresName: String {
        switch self {
        case .text: "text"
        case .integer: "bigint"
        case .boolean: "boolean"
        case .bytes: "bytea"
        }
    }

    fileprivate var element: PostgresDataType {
        switch self {
        case .text: .text
        case .integer: .int8
        case .boolean: .bool
        case .bytes: .bytea
        }
    }

    fileprivate var array: PostgresDataType {
        switch self {
        case .text: .textArray
        case .integer: .int8Array
        case .boolean: .boolArray
        case .bytes: .byteaArray
        }
    }
}

/// One column of a batch of rows as a PostgreSQL array, in the binary array format (PostgresNIO's
/// own arrays cannot hold NULL, which nullable columns need).
struct PostgresColumnArray: PostgresThrowingDynamicTypeEncodable {
    let rows: ArraySlice<[SQLValue]>
    let column: Int
    let type: SQLColumnType

    var psqlType: PostgresDataType { type.array }
    var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) throws {
        let hasNull = rows.contains { $0[column] == .null }
        buffer.writeInteger(1, as: Int32.self)  // dimensions
        buffer.writeInteger(hasNull ? 1 : 0, as: Int32.self)
        buffer.writeInteger(type.element.rawValue)
        buffer.writeInteger(Int32(rows.count))
        buffer.writeInteger(1, as: Int32.self)  // lower bound
        for row in rows {
            switch (row[column], type) {
            case (.null, _):
                buffer.writeInteger(-1, as: Int32.self)
            case (.text(let text), .text):
                buffer.writeInteger(Int32(text.utf8.count))
                buffer.writeString(text)
            case (.integer(let number), .integer):
                buffer.writeInteger(8, as: Int32.self)
                buffer.writeInteger(number)
            case (.boolean(let flag), .boolean):
                buffer.writeInteger(1, as: Int32.self)
                buffer.writeInteger(flag ? 1 : 0, as: UInt8.self)
            case (.blob(let bytes), .bytes):
                buffer.writeInteger(Int32(bytes.count))
                buffer.writeBytes(bytes)
            case (let value, _):
                throw StorageError("column \(column + 1) of a batch holds \(value), not \(type.postgresName)")
            }
        }
    }
}
