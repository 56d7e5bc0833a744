import KubeCore

/// Text formats that must match what kube-apiserver's Go code writes byte for byte:
/// `encoding/json` (as used for `k:`/`v:` path elements and the last-applied annotation) and
/// `fmt`'s `%q`/`%v` (as used in conflict messages such as `.spec.containers[name="app"]`).
enum SSAGoFormat {
    /// Go `encoding/json` output: object keys in byte order, HTML-significant characters escaped
    /// (`<`, `>`, `&` as `\u003c`, `\u003e`, `\u0026`), U+2028/U+2029 escaped, floats in Go's
    /// ES6-like format.
    static func json(_ value: JSONValue) -> String {
        var out = ""
        writeJSON(value, into: &out)
        return out
    }

    static func writeJSON(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += jsonFloat(d)
        case .string(let s): writeJSONString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                writeJSON(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, key) in byteSorted(members.keys).enumerated() {
                if i > 0 { out += "," }
                writeJSONString(key, into: &out)
                out += ":"
                writeJSON(members[key]!, into: &out)
            }
            out += "}"
        }
    }

    /// Sorts strings by their UTF-8 bytes, as Go's `sort.Strings` does.
    static func byteSorted<S: Sequence>(_ strings: S) -> [String] where S.Element == String {
        strings.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    static func writeJSONString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += "\\u" + hex4(scalar.value)
            default:
                if scalar.value < 0x20 { out += "\\u" + hex4(scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        out += "\""
    }

    static func hex4(_ v: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int((v >> 12) & 0xF)], digits[Int((v >> 8) & 0xF)], digits[Int((v >> 4) & 0xF)], digits[Int(v & 0xF)]])
    }

    /// The shortest decimal digits of `d` and the position of the decimal point:
    /// `d == 0.digits × 10^point`. Only for finite, non-zero values.
    static func decimalDigits(_ d: Double) -> (digits: [Character], point: Int) {
        // Swift's description is the shortest round-tripping form, either "123.45" or "1.2345e-07".
        let text = String(abs(d))
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = Array(parts[0])
        let fracPart = parts.count > 1 ? Array(parts[1]) : []
        var digits = intPart + fracPart
        var point = intPart.count + exponent
        while let first = digits.first, first == "0", digits.count > 1 { digits.removeFirst(); point -= 1 }
        while let last = digits.last, last == "0", digits.count > 1 { digits.removeLast() }
        return (digits, point)
    }

    static func fixed(_ digits: [Character], point: Int) -> String {
        if point <= 0 { return "0." + String(repeating: "0", count: -point) + String(digits) }
        if point >= digits.count { return String(digits) + String(repeating: "0", count: point - digits.count) }
        return String(digits[..<point]) + "." + String(digits[point...])
    }

    static func exponential(_ digits: [Character], point: Int, minExponentDigits: Int) -> String {
        var s = String(digits[0])
        if digits.count > 1 { s += "." + String(digits[1...]) }
        let e = point - 1
        var eText = String(abs(e))
        while eText.count < minExponentDigits { eText = "0" + eText }
        return s + "e" + (e < 0 ? "-" : "+") + eText
    }

    /// Go `encoding/json` float formatting ('f' unless |d| < 1e-6 or ≥ 1e21, then 'e' with a
    /// one-digit-minimum exponent).
    static func jsonFloat(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == 0 { return "0" }
        let (digits, point) = decimalDigits(d)
        let sign = d < 0 ? "-" : ""
        if abs(d) < 1e-6 || abs(d) >= 1e21 {
            return sign + exponential(digits, point: point, minExponentDigits: 1)
        }
        return sign + fixed(digits, point: point)
    }

    /// Go `fmt` `%v` of a float64: shortest digits, exponent form (two-digit minimum) when the
    /// exponent is < -4 or ≥ 21.
    static func printFloat(_ d: Double) -> String {
        guard d.isFinite else { return d.isNaN ? "NaN" : (d < 0 ? "-Inf" : "+Inf") }
        if d == 0 { return "0" }
        let (digits, point) = decimalDigits(d)
        let sign = d < 0 ? "-" : ""
        let exp = point - 1
        if exp < -4 || exp >= 21 { return sign + exponential(digits, point: point, minExponentDigits: 2) }
        return sign + fixed(digits, point: point)
    }

    /// Go `strconv.Quote` (`%q`): printable characters kept, the rest escaped.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + String(hex4(scalar.value).suffix(2))
                } else if (0x80..<0xA0).contains(scalar.value) || scalar.properties.generalCategory == .format
                    || scalar.properties.generalCategory == .unassigned || scalar.properties.generalCategory == .privateUse
                    || scalar.properties.generalCategory == .lineSeparator || scalar.properties.generalCategory == .paragraphSeparator
                {
                    out += scalar.value > 0xFFFF ? "\\U" + String(repeating: "0", count: 8 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16) : "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Go `value.ToString` from structured-merge-diff: how key and set values print in paths.
    static func valueString(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return printFloat(d)
        case .string(let s): return quote(s)
        case .array(let items): return "[" + items.map(valueString).joined(separator: ",") + "]"
        case .object(let members):
            return byteSorted(members.keys).map { "\($0)=\(valueString(members[$0]!))" }.joined()
        }
    }
}
