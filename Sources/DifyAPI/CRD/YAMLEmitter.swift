import KubeCore

/// A small, deterministic YAML emitter for ``JSONValue`` documents, for the `crds/*.yaml` files
/// people read: block style for maps and lists (lists at their key's indentation, as kubectl
/// and controller-gen write them), map keys sorted, strings plain unless YAML would read them as
/// something else (then single- or double-quoted, whichever needs fewer escapes).
///
/// Plain strings are chosen conservatively so that YAML 1.1 and 1.2 readers (go-yaml, PyYAML,
/// libyaml) all read back the same string: anything that could be a number, a boolean, null,
/// or start with an indicator character is quoted.
enum YAMLEmitter {
    /// `value` as one YAML document: `---`, then the block form, ending in a newline.
    static func document(_ value: JSONValue) -> String {
        var out = "---\n"
        if let text = inline(value) {
            out += text + "\n"
        } else {
            block(value, indent: 0, into: &out)
        }
        return out
    }

    /// Appends a non-empty object or array as block lines indented by `indent` spaces.
    private static func block(_ value: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let o):
            for key in o.keys.sorted() {
                let child = o[key]!
                out += pad + string(key) + ":"
                if let text = inline(child) {
                    out += " " + text + "\n"
                } else {
                    out += "\n"
                    // A list stays at its key's indentation; a map goes one level in.
                    block(child, indent: child.arrayValue != nil ? indent : indent + 2, into: &out)
                }
            }
        case .array(let a):
            for item in a {
                if let text = inline(item) {
                    out += pad + "- " + text + "\n"
                } else {
                    // Render the item one level in, then put the dash where its first line's
                    // indentation starts: `- key: value` / `  other: value`.
                    var nested = ""
                    block(item, indent: indent + 2, into: &nested)
                    out += pad + "- " + nested.dropFirst(indent + 2)
                }
            }
        default:
            out += pad + (inline(value) ?? "") + "\n"
        }
    }

    /// The one-line form of scalars and empty containers; nil for what needs block lines.
    private static func inline(_ value: JSONValue) -> String? {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return number(d)
        case .string(let s): return string(s)
        case .array(let a): return a.isEmpty ? "[]" : nil
        case .object(let o): return o.isEmpty ? "{}" : nil
        }
    }

    /// Integral values without a fraction (as JSON and Go print them); others in the shortest
    /// form that reads back exactly, always with a `.` so YAML 1.1 readers see a float.
    private static func number(_ d: Double) -> String {
        guard d.isFinite else { return d.isNaN ? ".nan" : (d < 0 ? "-.inf" : ".inf") }
        if d.rounded() == d && abs(d) < 1e15 { return String(Int64(d)) }
        let text = String(d)
        if !text.contains("."), let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            return String(text[..<e]) + ".0" + String(text[e...])
        }
        return text
    }

    /// Words YAML 1.1 or 1.2 resolve to null or a boolean.
    private static let reserved: Set<String> = ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"]

    /// The characters that cannot start a plain scalar.
    private static let indicators: Set<Character> = [
        "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`",
    ]

    /// A string scalar: plain when safe, else quoted.
    static func string(_ s: String) -> String {
        if isPlainSafe(s) { return s }
        let printable = s.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
        let singleCost = s.filter { $0 == "'" }.count
        let doubleCost = s.filter { $0 == "\\" || $0 == "\"" }.count
        if printable && singleCost < doubleCost {
            return "'" + s.replacing("'", with: "''") + "'"
        }
        return doubleQuoted(s)
    }

    /// Whether `s` reads back as the same string without quotes, in block context.
    private static func isPlainSafe(_ s: String) -> Bool {
        guard let first = s.first, let last = s.last else { return false }
        if !s.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) { return false }
        if indicators.contains(first) || first == " " || last == " " || last == ":" { return false }
        // Numbers (`1`, `+1`, `.5`, sexagesimal `1:30`, `.inf`, `.nan`) all start like this;
        // a path such as `.status.phase` does not.
        if first.isNumber || first == "+" { return false }
        if first == "." {
            let second = s.dropFirst().first
            if second == nil || second!.isNumber || second == "." || [".inf", ".nan"].contains(s.lowercased()) { return false }
        }
        if s.contains(": ") || s.contains(" #") || s.hasPrefix("<<") || s == "=" { return false }
        return !reserved.contains(s.lowercased())
    }

    /// `"..."` with backslash escapes for `\`, `"` and control characters.
    private static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
