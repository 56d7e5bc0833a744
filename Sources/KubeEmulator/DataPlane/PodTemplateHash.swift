import KubeCore

/// The `pod-template-hash` of a Deployment's ReplicaSets (`controller.ComputeHash`): FNV-1a
/// (32 bit) of the pod template, then of `collisionCount` (4 bytes, little endian), written in
/// decimal and encoded with `rand.SafeEncodeString` (each character mapped into an alphabet
/// without vowels). Kubernetes hashes the Go struct dump; this hashes the canonical JSON, so the
/// values differ from a real cluster's but are as stable.
enum PodTemplateHash {
    static let label = "pod-template-hash"
    /// `rand.SafeEncodeString`'s alphabet (no vowels, no confusable characters).
    static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    static func compute(_ template: JSONValue, collisionCount: Int64?) -> String {
        var hash: UInt32 = 0x811C_9DC5
        func feed(_ bytes: [UInt8]) {
            for b in bytes {
                hash ^= UInt32(b)
                hash = hash &* 0x0100_0193
            }
        }
        feed(template.serialized())
        if let c = collisionCount {
            let v = UInt32(truncatingIfNeeded: c)
            feed([UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)])
        }
        return String(String(hash).utf8.map { alphabet[Int($0) % alphabet.count] })
    }

    /// The template without the `pod-template-hash` label (an empty label map counts as none),
    /// for `EqualIgnoreHash`.
    static func strippingHash(_ template: JSONValue) -> JSONValue {
        var t = template
        guard case .object = t["metadata"]["labels"] else { return t }
        t["metadata"]["labels"].removeValue(forKey: label)
        if t["metadata"]["labels"].objectValue?.isEmpty == true { t["metadata"].removeValue(forKey: "labels") }
        return t
    }

    static func equalIgnoringHash(_ a: JSONValue, _ b: JSONValue) -> Bool { strippingHash(a) == strippingHash(b) }
}
