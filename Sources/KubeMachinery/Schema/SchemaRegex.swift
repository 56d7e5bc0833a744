/// Compiles and caches the Go (RE2) regular expressions of a schema for one validation run.
/// Not shared between threads: create one per call.
///
/// Go's syntax is translated where Swift's engine differs (`\pL`, ASCII-only `\d`/`\w`/`\s` and
/// POSIX classes), and matching is per Unicode scalar like Go's per-rune matching.
final class SchemaRegexCache {
    private var compiled: [String: Regex<AnyRegexOutput>?] = [:]

    /// The compiled pattern, or nil if it does not compile.
    func regex(_ pattern: String) -> Regex<AnyRegexOutput>? {
        if let cached = compiled[pattern] { return cached }
        let rx = (try? Regex(Self.translate(pattern)))?
            .matchingSemantics(.unicodeScalar)
            .asciiOnlyDigits().asciiOnlyWordCharacters().asciiOnlyWhitespace()
        compiled[pattern] = .some(rx)
        return rx
    }

    /// Whether `s` contains a match (Go's `MatchString`: unanchored unless the pattern anchors);
    /// nil when the pattern is invalid.
    func matches(_ pattern: String, _ s: String) -> Bool? {
        guard let rx = regex(pattern) else { return nil }
        return s.contains(rx)
    }

    /// Whether Go's `regexp.Compile` would accept the pattern (as far as can be told here).
    func compiles(_ pattern: String) -> Bool { Self.re2Problem(pattern) == nil && regex(pattern) != nil }

    static let posixClasses: [String: String] = [
        "alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x00-\\x7F", "blank": "\\t ", "cntrl": "\\x00-\\x1F\\x7F",
        "digit": "0-9", "graph": "!-~", "lower": "a-z", "print": " -~", "punct": "!-/:-@\\[-`{-~",
        "space": "\\t\\n\\x0B\\f\\r ", "upper": "A-Z", "word": "0-9A-Za-z_", "xdigit": "0-9A-Fa-f",
    ]

    /// Go syntax the Swift engine spells or interprets differently: `\pL` → `\p{L}`,
    /// `[[:alpha:]]` → `[A-Za-z]` (Go's POSIX classes are ASCII).
    static func translate(_ pattern: String) -> String {
        var out = ""
        var chars = Array(pattern)[...]
        var inClass = false
        var classStart = false
        while let c = chars.popFirst() {
            let atClassStart = classStart
            classStart = false
            if c == "\\", let next = chars.popFirst() {
                if (next == "p" || next == "P"), let letter = chars.first, letter != "{" {
                    chars.removeFirst()
                    out += "\\\(next){\(letter)}"
                } else {
                    out.append(c)
                    out.append(next)
                }
                continue
            }
            if inClass {
                if c == "[", chars.first == ":", let end = chars.firstRange(of: [":", "]"]) {
                    let name = String(chars[chars.index(after: chars.startIndex)..<end.lowerBound])
                    if let mapped = posixClasses[name] {
                        out += mapped
                        chars = chars[end.upperBound...]
                        continue
                    }
                }
                if c == "]" && !atClassStart { inClass = false }
                if c == "^" && atClassStart { classStart = true }
                out.append(c)
            } else {
                if c == "[" {
                    inClass = true
                    classStart = true
                }
                out.append(c)
            }
        }
        return out
    }

    /// Constructs Go's RE2 rejects although Swift accepts them, with Go's error text:
    /// lookarounds and atomic groups, backreferences, possessive quantifiers.
    static func re2Problem(_ pattern: String) -> String? {
        let chars = Array(pattern)
        var i = 0
        var inClass = false
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                if i + 1 < chars.count, !inClass, chars[i + 1].isNumber, chars[i + 1] != "0" {
                    return "invalid escape sequence: `\\\(chars[i + 1])`"
                }
                i += 2
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
            } else if c == "[" {
                inClass = true
                if i + 1 < chars.count, chars[i + 1] == "]" { i += 1 }
            } else if c == "(", i + 2 < chars.count, chars[i + 1] == "?", "=!<>".contains(chars[i + 2]) {
                let isNamed = chars[i + 2] == "<" && i + 3 < chars.count && !"=!".contains(chars[i + 3])
                if !isNamed { return "invalid or unsupported Perl syntax: `\(String(chars[i...(i + 2)]))`" }
            } else if "*+?}".contains(c), i + 1 < chars.count, chars[i + 1] == "+" {
                return "invalid nested repetition operator: `\(c)+`"
            }
            i += 1
        }
        return nil
    }
}
