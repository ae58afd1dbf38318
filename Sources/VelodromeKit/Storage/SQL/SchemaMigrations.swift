/// Which migrations a database needs: those after its version, in order. A database newer
/// than this velodrome is refused before anything touches it.
struct SchemaMigrations {
    let migrations: [[String]]

    init(_ migrations: [[String]]) { self.migrations = migrations }

    var latest: Int64 { Int64(migrations.count) }

    func steps(from current: Int64, database: String) throws(StorageError) -> [(version: Int64, statements: [String])] {
        guard current <= latest else {
            throw StorageError("database \(database) has schema version \(current), newer than this velodrome knows (\(latest)): run a newer velodrome")
        }
        return (current..<latest).map { ($0 + 1, migrations[Int($0)]) }
    }
}
