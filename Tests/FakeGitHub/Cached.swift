/// An item's encoded JSON together with the value it was encoded from; the bytes are reused
/// only while the item still equals that value, which makes invalidation automatic.
struct Cached<Value: Equatable> {
    var value: Value
    var bytes: [UInt8]
}
