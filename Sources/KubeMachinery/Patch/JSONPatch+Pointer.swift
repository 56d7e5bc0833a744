import KubeCore

/// JSON Pointer (RFC 6901) handling for ``JSONPatch``: parsing, array indexes and the container
/// primitives (`get`/`add`/`remove`/`set`) of `evanphx/json-patch` v4, whose error texts they reuse.
extension JSONPatch {
    /// A parsed pointer: the reference tokens leading to the container, and the last token.
    struct Pointer {
        var parents: ArraySlice<String>
        var last: String
    }

    /// Splits and unescapes `path`. Returns nil for the root pointer `""` and for text that does
    /// not start with `/` (kube-apiserver reports both as "doc is missing path"); throws only in
    /// the RFC dialect, for an escape other than `~0`/`~1`.
    static func parsePointer(_ path: String, dialect: Options.Dialect) throws(PatchError) -> Pointer? {
        guard path.hasPrefix("/") else { return nil }
        var tokens: [String] = []
        for raw in path.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            tokens.append(try unescape(raw, dialect: dialect, path: path))
        }
        let last = tokens.removeLast()
        return Pointer(parents: tokens[...], last: last)
    }

    /// RFC 6901 §4: `~1` → `/`, then `~0` → `~`, in one left-to-right pass (so `~01` is `~1`).
    /// kube-apiserver keeps any other `~x` literally; the RFC dialect rejects it.
    static func unescape(_ token: Substring, dialect: Options.Dialect, path: String) throws(PatchError) -> String {
        guard token.contains("~") else { return String(token) }
        var out = ""
        var chars = token.makeIterator()
        while let c = chars.next() {
            guard c == "~" else { out.append(c); continue }
            switch chars.next() {
            case "0": out.append("~")
            case "1": out.append("/")
            case let other:
                if dialect == .rfc6902 {
                    throw PatchError(.malformedPatch, "invalid JSON pointer escape in \(path)")
                }
                out.append("~")
                if let other { out.append(other) }
            }
        }
        return out
    }

    enum IndexError: Error {
        case syntax(String)
        case range(String)

        var message: String {
            switch self {
            case .syntax(let token): return "strconv.Atoi: parsing \"\(token)\": invalid syntax"
            case .range(let token): return "strconv.Atoi: parsing \"\(token)\": value out of range"
            }
        }
    }

    /// Parses an array index. kube-apiserver uses Go's `strconv.Atoi` (accepting `+1`, `01`, `-1`);
    /// the RFC dialect requires `0` or a digit string without leading zero.
    static func parseIndex(_ token: String, dialect: Options.Dialect) throws(IndexError) -> Int {
        let utf8 = Array(token.utf8)
        var digits = utf8[...]
        var negative = false
        if dialect == .kubeAPIServer, let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { throw .syntax(token) }
        if dialect == .rfc6902, digits.count > 1, digits.first == 0x30 { throw .syntax(token) }
        guard let magnitude = Int(String(decoding: digits, as: UTF8.self)) else { throw .range(token) }
        return negative ? -magnitude : magnitude
    }

    static func invalidIndex(_ index: Int) -> String {
        "Unable to access invalid index: \(index): invalid index referenced"
    }

    /// The position of an existing element (`partialArray.get`); negative indexes count from the
    /// end when the dialect allows them.
    static func existingIndex(_ token: String, count: Int, dialect: Options.Dialect) throws(PatchErrorText) -> Int {
        let idx: Int
        do throws(IndexError) { idx = try parseIndex(token, dialect: dialect) } catch { throw PatchErrorText(error.message) }
        if idx < 0 {
            guard dialect == .kubeAPIServer, idx >= -count else { throw PatchErrorText(invalidIndex(idx)) }
            return idx + count
        }
        guard idx < count else { throw PatchErrorText(invalidIndex(idx)) }
        return idx
    }

    /// A bare message, wrapped with operation context by the caller.
    struct PatchErrorText: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }

    static func isContainer(_ value: JSONValue) -> Bool {
        switch value {
        case .object, .array: return true
        default: return false
        }
    }

    /// Runs `body` on the container (object or array) that `parents` lead to, in place.
    /// Returns false when a step is missing, `null` or a scalar (evanphx `findObject` failing).
    static func withContainer(
        _ root: inout JSONValue, _ parents: ArraySlice<String>, dialect: Options.Dialect,
        _ body: (inout JSONValue) throws(PatchErrorText) -> Void
    ) throws(PatchErrorText) -> Bool {
        guard let first = parents.first else {
            guard isContainer(root) else { return false }
            try body(&root)
            return true
        }
        switch root {
        case .object(var dict):
            guard var child = dict[first], isContainer(child) else { return false }
            root = .null
            dict[first] = .null
            defer { dict[first] = child; root = .object(dict) }
            return try withContainer(&child, parents.dropFirst(), dialect: dialect, body)
        case .array(var array):
            guard let idx = try? existingIndex(first, count: array.count, dialect: dialect),
                isContainer(array[idx])
            else { return false }
            var child = array[idx]
            root = .null
            array[idx] = .null
            defer { array[idx] = child; root = .array(array) }
            return try withContainer(&child, parents.dropFirst(), dialect: dialect, body)
        default:
            return false
        }
    }

    /// The container `parents` lead to, or nil (read-only ``withContainer(_:_:dialect:_:)``).
    static func container(in root: JSONValue, _ parents: ArraySlice<String>, dialect: Options.Dialect) -> JSONValue? {
        var current = root
        for token in parents {
            switch current {
            case .object(let dict):
                guard let child = dict[token] else { return nil }
                current = child
            case .array(let array):
                guard let idx = try? existingIndex(token, count: array.count, dialect: dialect) else { return nil }
                current = array[idx]
            default:
                return nil
            }
            guard isContainer(current) else { return nil }
        }
        return isContainer(current) ? current : nil
    }

    // MARK: Container primitives (partialDoc / partialArray)

    /// The member or element `key` of a container; nil for a missing member or a `null` value.
    static func get(_ container: JSONValue, _ key: String, dialect: Options.Dialect) throws(PatchErrorText) -> JSONValue? {
        switch container {
        case .object(let dict):
            guard let v = dict[key], !v.isNull else { return nil }
            return v
        case .array(let array):
            let v = array[try existingIndex(key, count: array.count, dialect: dialect)]
            return v.isNull ? nil : v
        default:
            return nil
        }
    }

    /// RFC 6902 "add" into a container: sets a member, or inserts before an index (`-` appends).
    static func add(_ container: inout JSONValue, _ key: String, _ value: JSONValue, dialect: Options.Dialect) throws(PatchErrorText) {
        switch container {
        case .object(var dict):
            container = .null
            dict[key] = value
            container = .object(dict)
        case .array(var array):
            if key == "-" {
                container = .null
                array.append(value)
                container = .array(array)
                return
            }
            var idx: Int
            do throws(IndexError) { idx = try parseIndex(key, dialect: dialect) } catch {
                throw PatchErrorText("value was not a proper array index: '\(key)': \(error.message)")
            }
            let size = array.count + 1
            if idx >= size { throw PatchErrorText(invalidIndex(idx)) }
            if idx < 0 {
                guard dialect == .kubeAPIServer, idx >= -size else { throw PatchErrorText(invalidIndex(idx)) }
                idx += size
            }
            container = .null
            array.insert(value, at: idx)
            container = .array(array)
        default:
            break
        }
    }

    /// Removes a member or element.
    static func remove(_ container: inout JSONValue, _ key: String, dialect: Options.Dialect) throws(PatchErrorText) {
        switch container {
        case .object(var dict):
            guard dict[key] != nil else {
                throw PatchErrorText("Unable to remove nonexistent key: \(key): missing value")
            }
            container = .null
            dict.removeValue(forKey: key)
            container = .object(dict)
        case .array(var array):
            let idx = try existingIndex(key, count: array.count, dialect: dialect)
            container = .null
            array.remove(at: idx)
            container = .array(array)
        default:
            break
        }
    }

    /// Replaces a member (adding it when missing, as evanphx v4 does) or an existing element.
    static func set(_ container: inout JSONValue, _ key: String, _ value: JSONValue, dialect: Options.Dialect) throws(PatchErrorText) {
        switch container {
        case .object(var dict):
            container = .null
            dict[key] = value
            container = .object(dict)
        case .array(var array):
            let idx = try existingIndex(key, count: array.count, dialect: dialect)
            container = .null
            array[idx] = value
            container = .array(array)
        default:
            break
        }
    }
}
