/// The string `format`s kube-apiserver (1.36) enforces in CRD schemas, with checks that follow
/// kube-openapi's `strfmt` registry. Unsupported formats are ignored, as kube-apiserver strips
/// them before validating.
enum SchemaFormats {
    /// Supported format names, normalised like go-openapi (dashes removed).
    static let supported: Set<String> = [
        "bsonobjectid", "uri", "email", "hostname", "ipv4", "ipv6", "cidr", "mac", "uuid", "uuid3", "uuid4",
        "uuid5", "isbn", "isbn10", "isbn13", "creditcard", "ssn", "hexcolor", "rgbcolor", "byte", "password",
        "date", "duration", "datetime", "k8sshortname", "k8slongname",
    ]

    static func normalize(_ format: String) -> String { String(format.filter { $0 != "-" }) }

    /// `StripUnsupportedFormatsPostProcessorForVersion`: the format the validator sees.
    static func effectiveFormat(_ s: StructuralSchema) -> String {
        guard let format = s.format, !format.isEmpty else { return "" }
        let types = s.validationTypes
        switch types.count == 1 ? types[0] : "" {
        case "", "string": return supported.contains(normalize(format)) ? format : ""
        case "integer": return format == "int32" || format == "int64" ? format : ""
        case "number": return format == "float" || format == "double" ? format : ""
        default: return ""
        }
    }

    /// Whether `value` conforms to `format` (a supported format name).
    static func isValid(_ format: String, _ value: String, regex: SchemaRegexCache) -> Bool {
        func match(_ p: String) -> Bool { regex.matches(p, value) ?? false }
        switch normalize(format) {
        case "bsonobjectid": return value.utf8.count == 24 && value.allSatisfy(\.isHexDigit)
        case "uri": return isRequestURI(value)
        case "email": return isEmail(value)
        case "hostname":
            let pattern = #"^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$"#
            return match(pattern) && value.utf8.count <= 255 && value.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { $0.utf8.count <= 63 }
        case "ipv4": return SchemaIP.parse(value, sloppy: true) != nil && value.contains(".")
        case "ipv6": return SchemaIP.parse(value, sloppy: false) != nil && value.contains(":")
        case "cidr": return SchemaIP.isCIDR(value)
        case "mac": return isMAC(value)
        case "uuid": return match("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$")
        case "uuid3": return match("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$")
        case "uuid4": return match("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$")
        case "uuid5": return match("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$")
        case "isbn": return isISBN(value, 10) || isISBN(value, 13)
        case "isbn10": return isISBN(value, 10)
        case "isbn13": return isISBN(value, 13)
        case "creditcard": return isCreditCard(value, regex: regex)
        case "ssn": return value.utf8.count == 11 && match(#"^\d{3}[- ]?\d{2}[- ]?\d{4}$"#)
        case "hexcolor": return match("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
        case "rgbcolor":
            let c = #"(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])"#
            return match(#"^rgb\(\s*"# + c + #"\s*,\s*"# + c + #"\s*,\s*"# + c + #"\s*\)$"#)
        case "byte": return match(#"^(?:[A-Za-z0-9+\/]{4})*(?:[A-Za-z0-9+\/]{2}==|[A-Za-z0-9+\/]{3}=|[A-Za-z0-9+\/]{4})$"#)
        case "password": return true
        case "date": return isDate(value)
        case "duration": return isDuration(value, regex: regex)
        case "datetime": return isDateTime(value, regex: regex)
        case "k8sshortname": return value.utf8.count <= 63 && match("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
        case "k8slongname":
            return value.utf8.count <= 253 && match(#"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"#)
        default: return true
        }
    }

    /// Go's `url.ParseRequestURI`: an absolute URI (`scheme:...`) or an absolute path.
    static func isRequestURI(_ s: String) -> Bool {
        if s.isEmpty || s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return false }
        if s.hasPrefix("/") { return !s.contains(" ") }
        guard let colon = s.firstIndex(of: ":") else { return false }
        let scheme = s[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return false }
        let rest = s[s.index(after: colon)...]
        if rest.hasPrefix("//") {
            let authority = rest.dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            if authority.contains(" ") { return false }
        }
        return true
    }

    /// An approximation of Go's `mail.ParseAddress`: `local@domain` or `Name <local@domain>`.
    static func isEmail(_ s: String) -> Bool {
        var address = Substring(s.trimmingSpaces())
        if address.hasSuffix(">"), let open = address.lastIndex(of: "<") {
            address = address[address.index(after: open)..<address.index(before: address.endIndex)]
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        let bad: Set<Character> = [" ", "<", ">", "(", ")", ",", ";", ":", "\\", "[", "]"]
        return !parts[0].contains(where: bad.contains) && !parts[1].contains(where: bad.contains)
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !parts[1].contains("..")
    }

    /// Go's `net.ParseMAC`: 6, 8 or 20 octets as `aa:bb:..`, `aa-bb-..` or `aabb.ccdd.eeff`.
    static func isMAC(_ s: String) -> Bool {
        let chars = Array(s)
        if chars.count < 14 { return false }
        func hex(_ c: Character) -> Bool { c.isHexDigit && c.isASCII }
        if chars[2] == ":" || chars[2] == "-" {
            guard (chars.count + 1) % 3 == 0 else { return false }
            let n = (chars.count + 1) / 3
            guard [6, 8, 20].contains(n) else { return false }
            for i in 0..<n {
                let x = i * 3
                guard hex(chars[x]), hex(chars[x + 1]) else { return false }
                if i < n - 1 && chars[x + 2] != chars[2] { return false }
            }
            return true
        }
        if chars[4] == "." {
            guard (chars.count + 1) % 5 == 0 else { return false }
            let n = 2 * (chars.count + 1) / 5
            guard [6, 8, 20].contains(n) else { return false }
            for i in stride(from: 0, to: n, by: 2) {
                let x = i / 2 * 5
                guard (0..<4).allSatisfy({ hex(chars[x + $0]) }) else { return false }
                if i < n - 2 && chars[x + 4] != "." { return false }
            }
            return true
        }
        return false
    }

    static func isISBN(_ s: String, _ version: Int) -> Bool {
        let digits = Array(s.filter { !$0.isWhitespace && $0 != "-" })
        func d(_ c: Character) -> Int { Int(c.asciiValue ?? 48) - 48 }
        if version == 10 {
            guard digits.count == 10, digits[0..<9].allSatisfy({ $0.isASCII && $0.isNumber }),
                digits[9] == "X" || (digits[9].isASCII && digits[9].isNumber)
            else { return false }
            var sum = 0
            for i in 0..<9 { sum += (i + 1) * d(digits[i]) }
            sum += 10 * (digits[9] == "X" ? 10 : d(digits[9]))
            return sum % 11 == 0
        }
        guard digits.count == 13, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        var sum = 0
        for i in 0..<12 { sum += d(digits[i]) * (i % 2 == 0 ? 1 : 3) }
        return (10 - sum % 10) % 10 == d(digits[12])
    }

    static func isCreditCard(_ s: String, regex: SchemaRegexCache) -> Bool {
        let digits = String(s.filter { $0.isASCII && $0.isNumber })
        let pattern = #"^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\d{3})\d{11})$"#
        guard regex.matches(pattern, digits) ?? false else { return false }
        var sum = 0
        var double = false
        for c in digits.reversed() {
            var n = Int(c.asciiValue! - 48)
            if double {
                n *= 2
                if n >= 10 { n = n % 10 + 1 }
            }
            sum += n
            double.toggle()
        }
        return sum % 10 == 0
    }

    /// Go's `time.Parse("2006-01-02", s)`.
    static func isDate(_ s: String) -> Bool {
        let c = Array(s.utf8)
        guard c.count == 10, c[4] == UInt8(ascii: "-"), c[7] == UInt8(ascii: "-") else { return false }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard (48...57).contains(c[i]) else { return nil }
                v = v * 10 + Int(c[i] - 48)
            }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10), (1...12).contains(m), d >= 1 else { return false }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days
    }

    /// kube-openapi's `IsDateTime`.
    static func isDateTime(_ s: String, regex: SchemaRegexCache) -> Bool {
        guard s.count >= 4 else { return false }
        let parts = s.lowercased().split(separator: "t", omittingEmptySubsequences: false)
        guard parts.count >= 2, isDate(String(parts[0])) else { return false }
        let time = String(parts[1])
        guard regex.matches(#"^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$"#, time) ?? false else { return false }
        let f = time.split(separator: ":", maxSplits: 2).map(String.init)
        return f[0] <= "23" && f[1] <= "59" && String(f[2].prefix(2)) <= "59"
    }

    /// kube-openapi's `ParseDuration`: Go's `time.ParseDuration`, or loose `<n> <unit>` pairs.
    static func isDuration(_ s: String, regex: SchemaRegexCache) -> Bool {
        if isGoDuration(s) { return true }
        guard let rx = regex.regex(#"(\d+)\s*([A-Za-zµ]+)"#) else { return false }
        let units: [[String]] = [
            ["ns", "nano"], ["us", "µs", "micro"], ["ms", "milli"], ["s", "sec"], ["m", "min"], ["h", "hr", "hour"],
            ["d", "day"], ["w", "wk", "week"],
        ]
        for m in s.matches(of: rx) {
            guard m.output.count > 2, let unitMatch = m.output[2].substring else { continue }
            let unit = unitMatch.lowercased()
            for variants in units {
                for (i, v) in variants.enumerated() where (i == variants.count - 1 && unit.hasPrefix(v)) || v == unit {
                    return true
                }
            }
        }
        return false
    }

    /// Go's `time.ParseDuration` syntax: `[-+]?([0-9]*(\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+` or `0`.
    static func isGoDuration(_ s: String) -> Bool {
        var rest = Substring(s)
        if let f = rest.first, f == "-" || f == "+" { rest = rest.dropFirst() }
        if rest == "0" { return true }
        if rest.isEmpty { return false }
        let units = ["ns", "us", "µs", "μs", "ms", "s", "m", "h"]
        while !rest.isEmpty {
            let intPart = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(intPart.count)
            var frac = Substring("")
            if rest.first == "." {
                rest = rest.dropFirst()
                frac = rest.prefix { $0.isASCII && $0.isNumber }
                rest = rest.dropFirst(frac.count)
            }
            if intPart.isEmpty && frac.isEmpty { return false }
            guard let unit = units.filter({ rest.hasPrefix($0) }).max(by: { $0.count < $1.count }) else { return false }
            rest = rest.dropFirst(unit.count)
        }
        return true
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
