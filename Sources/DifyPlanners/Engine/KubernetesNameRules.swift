/// The syntax rules Kubernetes applies to names and label values (apimachinery
/// `validation.IsDNS1123Label`, `IsDNS1123Subdomain`, `IsValidLabelValue`, and the
/// environment variable name rule), so the planners never produce an object the API server
/// rejects.
public enum KubernetesNameRules {
    /// A DNS-1123 label: 1–63 lower-case letters, digits and `-`, starting and ending with a
    /// letter or digit (container, port-adjacent and volume names).
    public static func isDNS1123Label(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard !b.isEmpty, b.count <= 63, isLowerAlnum(b.first!), isLowerAlnum(b.last!) else { return false }
        return b.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    /// A DNS-1123 subdomain: at most 253 characters of dot-separated DNS-1123 labels (the
    /// names of most objects, PVCs included).
    public static func isDNS1123Subdomain(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 253 else { return false }
        return s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isDNS1123Label(String($0)) }
    }

    /// A label value: empty, or at most 63 letters, digits, `-`, `_` and `.`, starting and
    /// ending with a letter or digit.
    public static func isLabelValue(_ s: String) -> Bool {
        let b = Array(s.utf8)
        if b.isEmpty { return true }
        guard b.count <= 63, isAlnum(b.first!), isAlnum(b.last!) else { return false }
        return b.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// An environment variable name: letters, digits, `_`, `-` and `.`, not starting with a
    /// digit (the rule Kubernetes applied before 1.30 relaxed it; valid on every version).
    public static func isEnvVarName(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard let first = b.first, !isDigit(first) else { return false }
        return b.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    private static func isLowerAlnum(_ c: UInt8) -> Bool { isDigit(c) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) }
    private static func isAlnum(_ c: UInt8) -> Bool { isLowerAlnum(c) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) }
}
