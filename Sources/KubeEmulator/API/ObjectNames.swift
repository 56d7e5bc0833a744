import KubeCore

/// Name rules of kube-apiserver's validation (`k8s.io/apimachinery/pkg/util/validation`).
enum ObjectNames {
    static let subdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let labelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    static let dns1035Message = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"

    private static func isAlnum(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) }

    static func isLabel(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard !b.isEmpty, b.count <= 63, isAlnum(b.first!), isAlnum(b.last!) else { return false }
        return b.allSatisfy { isAlnum($0) || $0 == 0x2D }
    }

    static func isSubdomain(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 253 else { return false }
        return s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isLabel(String($0)) }
    }

    static func isDNS1035(_ s: String) -> Bool {
        guard let f = s.utf8.first, f >= 0x61 && f <= 0x7A else { return false }
        return isLabel(s)
    }

    /// `path.IsValidPathSegmentName`, the only rule for RBAC objects' names (so that
    /// `system:discovery` is a valid ClusterRole name): not `.` or `..`, no `/` or `%`.
    static func pathSegmentErrors(_ name: String) -> [String] {
        for illegal in [".", ".."] where name == illegal { return ["may not be '\(illegal)'"] }
        return ["/", "%"].filter { name.contains($0) }.map { "may not contain '\($0)'" }
    }

    /// The causes for an invalid `metadata.name` of the given resource, empty when valid.
    static func validate(_ name: String, for def: ResourceDefinition) -> [StatusCause] {
        if def.group == "rbac.authorization.k8s.io" {
            return pathSegmentErrors(name).map { StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(name)\": \($0)", field: "metadata.name") }
        }
        let (ok, message, limit): (Bool, String, Int)
        switch (def.group, def.plural) {
        case ("", "namespaces"): (ok, message, limit) = (isLabel(name), labelMessage, 63)
        case ("", "services"): (ok, message, limit) = (isDNS1035(name), dns1035Message, 63)
        default: (ok, message, limit) = (isSubdomain(name), subdomainMessage, 253)
        }
        if ok { return [] }
        if name.utf8.count > limit {
            return [StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(name)\": must be no more than \(limit) characters", field: "metadata.name")]
        }
        return [StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(name)\": \(message)", field: "metadata.name")]
    }

    /// `generateName` plus five random characters from kube-apiserver's alphabet (no vowels,
    /// no ambiguous characters).
    static func generate(prefix: String) -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String(prefix.prefix(58)) + String((0..<5).map { _ in alphabet.randomElement()! })
    }
}
