/// IP address parsing with Go's `net.ParseIP` rules (and k8s.io/utils' "sloppy" variant, which
/// tolerates leading zeros in IPv4 octets), for the `ipv4`, `ipv6` and `cidr` formats.
enum SchemaIP {
    /// The address length in bytes (4 or 16), or nil when `s` is not an IP address.
    static func parse(_ s: String, sloppy: Bool) -> Int? {
        if s.contains(":") { return parseIPv6(Substring(s), sloppy: sloppy) ? 16 : nil }
        return parseIPv4(Substring(s), sloppy: sloppy) ? 4 : nil
    }

    static func parseIPv4(_ s: Substring, sloppy: Bool) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(p), v <= 255 else { return false }
            if !sloppy && p.count > 1 && p.first == "0" { return false }
        }
        return true
    }

    static func parseIPv6(_ s: Substring, sloppy: Bool) -> Bool {
        var groups = 0
        var sawDoubleColon = false
        var rest = s
        if rest.hasPrefix("::") {
            sawDoubleColon = true
            rest = rest.dropFirst(2)
            if rest.isEmpty { return true }
        }
        while !rest.isEmpty {
            let token = rest.prefix { $0 != ":" }
            if token.contains(".") {
                // Embedded IPv4 tail: must be last and counts as two groups.
                guard token.count == rest.count, parseIPv4(token, sloppy: sloppy) else { return false }
                groups += 2
                rest = rest.dropFirst(token.count)
                break
            }
            guard !token.isEmpty, token.count <= 4, token.allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return false }
            groups += 1
            rest = rest.dropFirst(token.count)
            if rest.isEmpty { break }
            rest = rest.dropFirst()  // ":"
            if rest.hasPrefix(":") {
                if sawDoubleColon { return false }
                sawDoubleColon = true
                rest = rest.dropFirst()
                if rest.isEmpty { break }
            } else if rest.isEmpty {
                return false
            }
        }
        return sawDoubleColon ? groups < 8 : groups == 8
    }

    /// k8s.io/utils `ParseCIDRSloppy`: `address/prefix` with the prefix in range.
    static func isCIDR(_ s: String) -> Bool {
        guard let slash = s.firstIndex(of: "/") else { return false }
        let address = String(s[..<slash])
        let prefix = s[s.index(after: slash)...]
        guard let length = parse(address, sloppy: true), !prefix.isEmpty, prefix.count <= 3,
            prefix.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(prefix)
        else { return false }
        return n <= length * 8
    }
}
