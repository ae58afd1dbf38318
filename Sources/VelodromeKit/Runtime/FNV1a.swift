/// The 64-bit FNV-1a hash of a text's UTF-8 bytes: stable across runs and platforms (Swift's
/// `Hasher` is seeded per process), for names cut to a length that must stay unique.
package enum FNV1a {
    package static func hash(_ text: String) -> UInt64 {
        text.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }
}
