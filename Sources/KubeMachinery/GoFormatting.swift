import KubeCore

/// Text that must match, byte for byte, what kube-apiserver's Go code writes: `encoding/json`
/// output (`k:`/`v:` field-path elements, the last-applied annotation, bad values in field
/// errors), `fmt`'s `%v`/`%q` (conflict paths such as `.spec.containers[name="app"]`, OpenAPI
/// validation messages), `%v` of decoded JSON (`map[a:1 b:[x y]]` in patch errors) and Go type
/// names (`map[string]interface {}`).
///
/// Shared by Apply, Schema and Patch. Where callers have always disagreed on an edge case, both
/// behaviours are kept under their own names (``quote(_:)`` vs ``quoteEscapingControlsAndBOM(_:)``,
/// ``json(_:)`` vs ``jsonSwiftKeyOrder(_:)``, ``float(_:)`` vs ``floatFixedBelow1e21(_:)``) so that
/// no message changes; each says where it departs from Go.
public enum GoFormat {
    // MARK: encoding/json

    /// `json.Marshal` of a decoded JSON value: object keys in byte order (Go sorts map keys with
    /// `strings.Compare`), `<`, `>`, `&` escaped as `\u003c`, `\u003e`, `\u0026` (HTML escaping
    /// is on by default), U+2028 and U+2029 always escaped, floats as ``jsonFloat(_:)``.
    static func json(_ value: JSONValue) -> String {
        var out = ""
        writeJSON(value, into: &out)
        return out
    }

    /// ``json(_:)`` with object keys sorted by Swift's `String` `<` (the NFC forms compared by
    /// scalar) instead of by bytes. The two orders differ only for keys that are not in NFC (e.g.
    /// a decomposed `é` sorts after `f` here, before it in Go). Schema messages and uniqueness
    /// keys have always been written this way.
    static func jsonSwiftKeyOrder(_ value: JSONValue) -> String {
        var out = ""
        writeJSON(value, keyOrder: .swiftString, into: &out)
        return out
    }

    /// Appends ``json(_:)`` of `value` to `out`.
    static func writeJSON(_ value: JSONValue, into out: inout String) {
        writeJSON(value, keyOrder: .utf8Bytes, into: &out)
    }

    /// How ``json(_:)`` (`.utf8Bytes`) and ``jsonSwiftKeyOrder(_:)`` (`.swiftString`) order keys.
    private enum KeyOrder { case utf8Bytes, swiftString }

    private static func writeJSON(_ value: JSONValue, keyOrder: KeyOrder, into out: inout String) {
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
                writeJSON(item, keyOrder: keyOrder, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            let keys = keyOrder == .utf8Bytes ? byteSorted(members.keys) : members.keys.sorted()
            for (i, key) in keys.enumerated() {
                if i > 0 { out += "," }
                writeJSONString(key, into: &out)
                out += ":"
                writeJSON(members[key]!, keyOrder: keyOrder, into: &out)
            }
            out += "}"
        }
    }

    /// A JSON string as `encoding/json` writes it (`encodeState.string` with HTML escaping).
    static func jsonString(_ s: String) -> String {
        var out = ""
        writeJSONString(s, into: &out)
        return out
    }

    /// Appends ``jsonString(_:)`` of `s` to `out`.
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
                out += "\\u" + hex(scalar.value, width: 4)
            default:
                if scalar.value < 0x20 { out += "\\u" + hex(scalar.value, width: 4) } else { out.unicodeScalars.append(scalar) }
            }
        }
        out += "\""
    }

    /// `encoding/json`'s float64 format (ES6 style, `floatEncoder`): positional (`'f'`) unless the
    /// magnitude is below 1e-6 or at least 1e21, then `'e'` with the exponent's leading zero
    /// dropped (`1e-07` → `1e-7`). Non-finite values, which `json.Marshal` rejects, give `null`;
    /// `-0` gives `0` (Go writes `-0`).
    static func jsonFloat(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == 0 { return "0" }
        let (digits, point) = decimalDigits(d)
        let sign = d < 0 ? "-" : ""
        if abs(d) < 1e-6 || abs(d) >= 1e21 {
            return sign + exponential(digits, point: point, minExponentDigits: 1)
        }
        return sign + positional(digits, point: point)
    }

    /// The JSON kind `encoding/json` names in `cannot unmarshal <kind> into Go value of type …`
    /// (`UnmarshalTypeError.Value`).
    static func jsonKind(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Sorts strings by their UTF-8 bytes, as Go's `sort.Strings` does.
    static func byteSorted<S: Sequence>(_ strings: S) -> [String] where S.Element == String {
        strings.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    // MARK: strconv / fmt numbers

    /// `fmt`'s `%v` of a float64 (`%g` with the shortest precision, `strconv.FormatFloat(f, 'g',
    /// -1, 64)`): exponent form with at least two exponent digits when the decimal exponent is
    /// below -4 or at least 6 (`eprec = 6` for the shortest precision): `1`, `0.5`, `1e+06`,
    /// `1.234567e+06`, `1e-05`, `-0`, `+Inf`, `NaN`.
    static func float(_ d: Double) -> String {
        shortestG(d, exponentFrom: 6, negativeZero: "-0")
    }

    /// How field paths print float key/set values: like ``float(_:)`` but positional up to
    /// 1e21 (`1000000`, not `1e+06`) and `-0` as `0`. structured-merge-diff's `value.ToString`
    /// uses `%v`, i.e. ``float(_:)``; this differs for magnitudes from 1e6 to 1e21 and for `-0`,
    /// and is kept so that conflict and path messages do not change.
    static func floatFixedBelow1e21(_ d: Double) -> String {
        shortestG(d, exponentFrom: 21, negativeZero: "0")
    }

    /// `strconv.FormatFloat(f, 'f', -1, 64)`: shortest digits, never an exponent (`-0` gives `0`,
    /// where Go writes `-0`).
    static func positionalFloat(_ d: Double) -> String {
        guard d.isFinite else { return nonFinite(d) }
        if d == 0 { return "0" }
        let (digits, point) = decimalDigits(d)
        return (d < 0 ? "-" : "") + positional(digits, point: point)
    }

    /// `%g` with the shortest digits, switching to the exponent form when the decimal exponent is
    /// below -4 or at least `exponentFrom`.
    private static func shortestG(_ d: Double, exponentFrom: Int, negativeZero: String) -> String {
        guard d.isFinite else { return nonFinite(d) }
        if d == 0 { return d.sign == .minus ? negativeZero : "0" }
        let (digits, point) = decimalDigits(d)
        let sign = d < 0 ? "-" : ""
        let exponent = point - 1
        if exponent < -4 || exponent >= exponentFrom {
            return sign + exponential(digits, point: point, minExponentDigits: 2)
        }
        return sign + positional(digits, point: point)
    }

    /// How `strconv` spells infinities and NaN.
    private static func nonFinite(_ d: Double) -> String {
        d.isNaN ? "NaN" : (d < 0 ? "-Inf" : "+Inf")
    }

    /// The shortest round-tripping decimal digits of `|d|` (no leading or trailing zeros) and the
    /// position of the decimal point: `|d| == 0.digits × 10^point`. Only for finite, non-zero `d`.
    private static func decimalDigits(_ d: Double) -> (digits: [Character], point: Int) {
        // Swift's description is the shortest round-tripping form: "123.45", "1e-05", "1e+16".
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
        while let first = digits.first, first == "0", digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == "0", digits.count > 1 { digits.removeLast() }
        return (digits, point)
    }

    /// `strconv`'s `%f` layout of the digits (`fmtF`).
    private static func positional(_ digits: [Character], point: Int) -> String {
        if point <= 0 { return "0." + String(repeating: "0", count: -point) + String(digits) }
        if point >= digits.count { return String(digits) + String(repeating: "0", count: point - digits.count) }
        return String(digits[..<point]) + "." + String(digits[point...])
    }

    /// `strconv`'s `%e` layout of the digits (`fmtE`): `d.ddde±xx`, the exponent padded to
    /// `minExponentDigits` (2 in `strconv`, 1 after `encoding/json` trims it).
    private static func exponential(_ digits: [Character], point: Int, minExponentDigits: Int) -> String {
        var s = String(digits[0])
        if digits.count > 1 { s += "." + String(digits[1...]) }
        let e = point - 1
        return s + (e < 0 ? "e-" : "e+") + zeroPadded(String(abs(e)), width: minExponentDigits)
    }

    // MARK: strconv.Quote

    /// `strconv.Quote` (`%q`): double-quoted with Go's escapes (`\a \b \f \n \r \t \v`, `\xXX`
    /// for other ASCII controls and DEL, `\uXXXX`/`\UXXXXXXXX` for non-printable runes). Treated
    /// as non-printable: C1 controls and the categories Cf, Cn, Co, Zl and Zp. Go's `IsPrint`
    /// also escapes spaces other than U+0020 (e.g. U+00A0); this does not.
    public static func quote(_ s: String) -> String {
        quote(s) { scalar in
            switch scalar.properties.generalCategory {
            case .format, .unassigned, .privateUse, .lineSeparator, .paragraphSeparator: return true
            default: return (0x80..<0xA0).contains(scalar.value)
            }
        }
    }

    /// ``quote(_:)`` with only C1 controls and U+FEFF escaped beyond ASCII: other format,
    /// private-use, unassigned and separator characters are written as they are (Go escapes
    /// them). Schema messages (field errors, OpenAPI validation) have always quoted this way.
    static func quoteEscapingControlsAndBOM(_ s: String) -> String {
        quote(s) { (0x80...0x9F).contains($0.value) || $0.value == 0xFEFF }
    }

    private static func quote(_ s: String, escapingRune isNonPrintable: (Unicode.Scalar) -> Bool) -> String {
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
                } else if isNonPrintable(scalar) {
                    out += scalar.value > 0xFFFF ? "\\U" + hex(scalar.value, width: 8) : "\\u" + hex(scalar.value, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `v` in lower-case hexadecimal, zero-padded to at least `width` digits.
    private static func hex(_ v: UInt32, width: Int) -> String {
        zeroPadded(String(v, radix: 16), width: width)
    }

    private static func zeroPadded(_ digits: String, width: Int) -> String {
        digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    // MARK: Values in messages

    /// `fmt`'s `%v` of a decoded JSON value (`interface{}`), as strategic-merge-patch errors
    /// print it: `map[a:1 b:[x y]]`, `<nil>`, strings unquoted. Departures from Go: map keys
    /// are sorted with Swift's `<` (see ``jsonSwiftKeyOrder(_:)``), and a float64 is written as
    /// an integer when whole and below 1e15, otherwise in Swift's `description` form (Go would
    /// use ``float(_:)``: `1.2345675e+06` where this writes `1234567.5`).
    static func goValue(_ value: JSONValue) -> String {
        switch value {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .string(let s): return s
        case .array(let a): return "[" + a.map(goValue).joined(separator: " ") + "]"
        case .object(let o):
            return "map[" + o.keys.sorted().map { "\($0):\(goValue(o[$0]!))" }.joined(separator: " ") + "]"
        }
    }

    /// The Go type of a decoded JSON value (`%T`, `reflect.TypeOf(v)`), for "expected a …"
    /// messages; nil and JSON null are `<nil>`.
    static func goType(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return "<nil>"
        case .bool?: return "bool"
        case .int?: return "int64"
        case .double?: return "float64"
        case .string?: return "string"
        case .array?: return "[]interface {}"
        case .object?: return "map[string]interface {}"
        }
    }

    /// structured-merge-diff's `value.ToString`: how key and set values print in field paths
    /// (`[name="app"]`, `[=5]`): strings `%q` (``quote(_:)``), floats ``floatFixedBelow1e21(_:)``,
    /// lists `[a,b]`, maps `k=v` concatenated in byte order of the keys.
    static func valueString(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return floatFixedBelow1e21(d)
        case .string(let s): return quote(s)
        case .array(let items): return "[" + items.map(valueString).joined(separator: ",") + "]"
        case .object(let members):
            return byteSorted(members.keys).map { "\($0)=\(valueString(members[$0]!))" }.joined()
        }
    }

    /// How `field.Error` prints a bad value (apimachinery 1.36 `ErrorBody`): numbers and booleans
    /// with `%v`, strings with `%q`, everything else (null, lists, maps) as JSON. Uses the Schema
    /// variants ``quoteEscapingControlsAndBOM(_:)`` and ``jsonSwiftKeyOrder(_:)``.
    static func badValue(_ value: JSONValue) -> String {
        switch value {
        case .int(let i): return String(i)
        case .double(let d): return float(d)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return quoteEscapingControlsAndBOM(s)
        default: return jsonSwiftKeyOrder(value)
        }
    }
}
