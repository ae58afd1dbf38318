/// Tells whether two arrays share one buffer. An index keeps a copy of the array it was built
/// from; any change to the repository's array then has to copy the buffer (copy-on-write), so
/// "same buffer" means "unchanged" and checking costs O(1) instead of comparing every item.
enum StorageIdentity {
    static func same<T>(_ a: [T], _ b: [T]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress }
        }
    }
}
