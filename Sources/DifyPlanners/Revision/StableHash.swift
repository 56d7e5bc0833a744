import KubeCore

/// A short, stable hash of a JSON value: 32-bit FNV-1a over the value's deterministic
/// serialization (object keys sorted), printed as 8 lowercase hex digits.
///
/// Kubernetes names ReplicaSets after an FNV-32a hash of the pod template
/// (`pod-template-hash`) for the same reasons: stable across processes and releases (Swift's
/// `Hasher` is seeded per process), short enough for a name suffix, and cheap.
public enum StableHash {
    static let offsetBasis: UInt32 = 2_166_136_261
    static let prime: UInt32 = 16_777_619

    public static func of(_ value: JSONValue) -> String {
        var h = offsetBasis
        for byte in value.serialized() {
            h ^= UInt32(byte)
            h = h &* prime
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
