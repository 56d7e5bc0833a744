import KubeCore

extension OpenAPIValidator {
    /// kube-openapi's `numberValidator`: the numeric range of the declared type/format (new in
    /// Kubernetes 1.36), then `multipleOf`, `minimum`, `maximum`. An integer value is compared
    /// with the bound truncated to an integer (Go's `int64(min)`), a float with the float bound.
    func validateNumber(_ s: StructuralSchema, _ value: JSONValue, path: String) -> OpenAPIResult {
        var res = OpenAPIResult()
        var typeName = ""
        var format = ""
        let types = s.validationTypes
        if types.count == 1 {
            let declared = s.format ?? ""
            if types[0] == "integer" {
                typeName = "integer"
                if declared == "int32" || declared == "int64" { format = declared }
            } else if types[0] == "number" {
                typeName = "number"
                if declared == "float" || declared == "double" { format = declared }
            }
        }
        if let e = Self.rangeError(value, typeName, format, "Checked", path) { res.merge(.error(e)) }

        var resMultiple = OpenAPIResult()
        if let factor = s.multipleOf {
            if let e = Self.rangeError(.double(factor), typeName, format, "MultipleOf", path) {
                resMultiple.merge(.error(e))
                resMultiple.merge(Self.multipleOfFloat(path, value.doubleValue ?? 0, factor, badValue: value))
            } else {
                resMultiple.merge(Self.multipleOfNative(path, value, factor))
            }
        }
        // A bound outside the declared type's range is an error itself, and the value is then
        // compared as a float.
        func boundResult(_ limit: Double?, exclusive: Bool, isMinimum: Bool) -> OpenAPIResult {
            var result = OpenAPIResult()
            guard let limit else { return result }
            let prefix = isMinimum ? "Minimum boundary" : "Maximum boundary"
            if let e = Self.rangeError(.double(limit), typeName, format, prefix, path) {
                result.merge(.error(e))
                result.merge(Self.bound(path, .double(value.doubleValue ?? 0), limit, exclusive: exclusive, isMinimum: isMinimum))
            } else {
                result.merge(Self.bound(path, value, limit, exclusive: exclusive, isMinimum: isMinimum))
            }
            return result
        }
        let resMinimum = boundResult(s.minimum, exclusive: s.exclusiveMinimum, isMinimum: true)
        let resMaximum = boundResult(s.maximum, exclusive: s.exclusiveMaximum, isMinimum: false)
        res.merge(resMultiple)
        res.merge(resMinimum)
        res.merge(resMaximum)
        res.inc()
        return res
    }

    /// `IsValueValidAgainstRange`: whether the number fits the type/format, as a plain error.
    static func rangeError(_ value: JSONValue, _ typeName: String, _ format: String, _ prefix: String, _ path: String) -> OpenAPIError? {
        let rep: String
        switch value {
        case .int(let i): rep = String(i)
        case .double(let d): rep = formatFloatF(d)
        default: return nil
        }
        var ok = true
        if typeName == "integer" {
            ok = format == "int32" ? Int32(rep) != nil : Int64(rep) != nil
        } else if format == "float" {
            if let d = Double(rep) { ok = Float(d).isFinite || !d.isFinite } else { ok = false }
        }
        if ok { return nil }
        let message = format.isEmpty
            ? "\(prefix) value must be of type \(typeName) (default format) in \(path)"
            : "\(prefix) value must be of type \(typeName) with format \(format) in \(path)"
        return OpenAPIError(code: .plain, message: message)
    }

    /// Go's `strconv.FormatFloat(f, 'f', -1, 64)`.
    static func formatFloatF(_ d: Double) -> String { GoFormat.positionalFloat(d) }

    static func multipleOfNative(_ path: String, _ value: JSONValue, _ factor: Double) -> OpenAPIResult? {
        if case .int(let i) = value {
            let f = SchemaGoValue.int64(factor)
            if f <= 0 {
                return .error(OpenAPIError(code: .multipleOfMustBePositive, name: path, value: .int(f), message: "factor MultipleOf declared for \(path) must be positive: \(f)"))
            }
            if (i / f) * f != i {
                return .error(OpenAPIError(code: .multipleOf, name: path, value: value, message: "\(path) in body should be a multiple of \(f)"))
            }
            return nil
        }
        return multipleOfFloat(path, value.doubleValue ?? 0, factor, badValue: value)
    }

    static func multipleOfFloat(_ path: String, _ data: Double, _ factor: Double, badValue: JSONValue) -> OpenAPIResult? {
        if factor <= 0 {
            return .error(OpenAPIError(code: .multipleOfMustBePositive, name: path, value: .double(factor), message: "factor MultipleOf declared for \(path) must be positive: \(GoFormat.float(factor))"))
        }
        let mult = factor < 1 ? 1 / factor * data : data / factor
        if !isJSONInteger(mult) {
            return .error(OpenAPIError(code: .multipleOf, name: path, value: badValue, message: "\(path) in body should be a multiple of \(GoFormat.float(factor))"))
        }
        return nil
    }

    /// `MinimumNativeType` / `MaximumNativeType` and their messages.
    static func bound(_ path: String, _ value: JSONValue, _ limit: Double, exclusive: Bool, isMinimum: Bool) -> OpenAPIResult? {
        let failed: Bool
        let limitText: String
        if case .int(let i) = value {
            let l = SchemaGoValue.int64(limit)
            failed = isMinimum ? (exclusive ? i <= l : i < l) : (exclusive ? i >= l : i > l)
            limitText = String(l)
        } else {
            let d = value.doubleValue ?? 0
            failed = isMinimum ? (exclusive ? d <= limit : d < limit) : (exclusive ? d >= limit : d > limit)
            limitText = GoFormat.float(limit)
        }
        guard failed else { return nil }
        let relation = isMinimum ? (exclusive ? "greater than" : "greater than or equal to") : (exclusive ? "less than" : "less than or equal to")
        return .error(OpenAPIError(code: isMinimum ? .min : .max, name: path, value: value, message: "\(path) in body should be \(relation) \(limitText)"))
    }
}

/// Go's `reflect` semantics on decoded JSON (`int64`, `float64`, `string`, `bool`, maps, slices).
enum SchemaGoValue {
    /// Go's `int64(f)` conversion (truncation; saturating where Go is undefined).
    static func int64(_ f: Double) -> Int64 {
        guard f.isFinite else { return f > 0 ? .max : .min }
        if f >= 9.223372036854775807e18 { return .max }
        if f <= -9.223372036854775808e18 { return .min }
        return Int64(f)
    }

    /// `reflect.DeepEqual`: `int64(1)` and `float64(1)` differ.
    static func deepEqual(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { deepEqual($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { k, v in y[k].map { deepEqual(v, $0) } ?? false }
        default: return false
        }
    }

    /// kube-openapi's enum check: equal, or equal after Go's type conversion of the value to the
    /// enum value's type (int ↔ float with truncation, int → string as a rune).
    static func enumMatches(_ data: JSONValue, _ enumValue: JSONValue) -> Bool {
        if data.isNull || enumValue.isNull { return false }
        if deepEqual(data, enumValue) { return true }
        switch (data, enumValue) {
        case (.int(let i), .double(let e)): return Double(i) == e
        case (.double(let d), .int(let e)): return int64(d) == e
        case (.int(let i), .string(let e)):
            let scalar = (i >= 0 && i <= 0x10FFFF) ? Unicode.Scalar(UInt32(i)) : nil
            return String(scalar ?? "\u{FFFD}") == e
        default: return false
        }
    }
}
