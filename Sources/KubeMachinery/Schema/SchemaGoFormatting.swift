import KubeCore

/// Formatting helpers that reproduce, byte for byte, how Go (and therefore kube-apiserver) prints
/// values inside error messages: `%v` of numbers, `%q` of strings and `json.Marshal` of values.
enum SchemaGoFormat {
    /// Go's `%v` (== `%g` with shortest precision) of a float64: `1`, `0.5`, `1e+06`, `1e-05`.
    static func float(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        let (negative, digits, pointPosition) = decimalDigits(d)
        let exponent = pointPosition - 1
        var out = negative ? "-" : ""
        if exponent < -4 || exponent >= 6 {  // strconv 'g' with shortest precision uses eprec = 6
            out += exponential(digits, exponent, minExponentDigits: 2)
        } else {
            out += positional(digits, pointPosition)
        }
        return out
    }

    /// `encoding/json` number formatting of a float64 (ES6 style): positional unless the
    /// magnitude is below 1e-6 or at least 1e21, then `1e-07` becomes `1e-7`.
    static func jsonFloat(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == 0 { return "0" }
        let (negative, digits, pointPosition) = decimalDigits(d)
        let magnitude = abs(d)
        var out = negative ? "-" : ""
        if magnitude < 1e-6 || magnitude >= 1e21 {
            out += exponential(digits, pointPosition - 1, minExponentDigits: 1)
        } else {
            out += positional(digits, pointPosition)
        }
        return out
    }

    /// `strconv.FormatFloat(f, 'f', -1, 64)`: shortest digits, never an exponent.
    static func positionalFloat(_ d: Double) -> String {
        guard d.isFinite else { return d.isNaN ? "NaN" : (d < 0 ? "-Inf" : "+Inf") }
        if d == 0 { return "0" }
        let (negative, digits, point) = decimalDigits(d)
        return (negative ? "-" : "") + positional(digits, point)
    }

    /// The shortest round-tripping decimal digits of `d` (no leading/trailing zeros) and the
    /// position of the decimal point relative to the first digit.
    private static func decimalDigits(_ d: Double) -> (Bool, [Character], Int) {
        var text = abs(d).description  // shortest round-trip form, e.g. "1e-05", "123.45", "1e+16"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        var intPart = text
        var fracPart = ""
        if let dot = text.firstIndex(of: ".") {
            intPart = String(text[..<dot])
            fracPart = String(text[text.index(after: dot)...])
        }
        var digits = Array(intPart + fracPart)
        var point = intPart.count + exponent
        while let first = digits.first, first == "0", digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == "0", digits.count > 1 { digits.removeLast() }
        return (d < 0, digits, point)
    }

    private static func exponential(_ digits: [Character], _ exponent: Int, minExponentDigits: Int) -> String {
        var out = String(digits[0])
        if digits.count > 1 { out += "." + String(digits[1...]) }
        out += exponent < 0 ? "e-" : "e+"
        var e = String(abs(exponent))
        while e.count < minExponentDigits { e = "0" + e }
        return out + e
    }

    private static func positional(_ digits: [Character], _ point: Int) -> String {
        if point <= 0 { return "0." + String(repeating: "0", count: -point) + String(digits) }
        if point >= digits.count { return String(digits) + String(repeating: "0", count: point - digits.count) }
        return String(digits[..<point]) + "." + String(digits[point...])
    }

    /// Go's `strconv.Quote` (`%q`): double-quoted with Go escapes; printable Unicode kept.
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
                    out += "\\x" + hex(scalar.value, width: 2)
                } else if (0x80...0x9F).contains(scalar.value) || scalar.value == 0xFEFF {
                    out += "\\u" + hex(scalar.value, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        var s = String(v, radix: 16)
        while s.count < width { s = "0" + s }
        return s
    }

    /// Go's `json.Marshal` of an unstructured value: keys sorted, HTML characters escaped.
    static func json(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return jsonFloat(d)
        case .string(let s): return jsonString(s)
        case .array(let a): return "[" + a.map(json).joined(separator: ",") + "]"
        case .object(let o):
            return "{" + o.keys.sorted().map { jsonString($0) + ":" + json(o[$0]!) }.joined(separator: ",") + "}"
        }
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "<", ">", "&", "\u{2028}", "\u{2029}": out += "\\u" + hex(scalar.value, width: 4)
            default:
                if scalar.value < 0x20 { out += "\\u" + hex(scalar.value, width: 4) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// How `field.Error` prints a bad value (apimachinery 1.36 `ErrorBody`): numbers and booleans
    /// with `%v`, strings with `%q`, everything else (null, lists, maps) as JSON.
    static func badValue(_ value: JSONValue) -> String {
        switch value {
        case .int(let i): return String(i)
        case .double(let d): return float(d)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return quote(s)
        default: return json(value)
        }
    }
}
