import KubeCore

/// One error of kube-openapi's validator (`errors.Validation`, or a plain error for junctors and
/// numeric range checks), before kube-apiserver turns it into a field error.
struct OpenAPIError {
    enum Code {
        case invalidType, required, tooLong, tooShort, pattern, enumFail, multipleOf, max, min, unique
        case maxItems, minItems, tooFewProperties, tooManyProperties, unallowedProperty, multipleOfMustBePositive
        /// Not an `errors.Validation` (junctor and range messages): reported at the root path.
        case plain
    }
    var code: Code
    /// The path in kube-openapi's notation (`spec.items[0].name`, `.spec` for root required).
    var name: String = ""
    /// `Value`; nil is Go's nil.
    var value: JSONValue? = nil
    /// `Valid` (the limit of too-long / too-many errors).
    var valid: Int64? = nil
    /// The allowed values of an enum error.
    var values: [JSONValue] = []
    var message: String
}

/// kube-openapi's `validate.Result`: errors plus the "match count" used to pick the best failing
/// alternative of `anyOf`/`oneOf`.
struct OpenAPIResult {
    var errors: [OpenAPIError] = []
    var matchCount = 0

    var isValid: Bool { errors.isEmpty }
    mutating func merge(_ other: OpenAPIResult?) {
        guard let other else { return }
        errors += other.errors
        matchCount += other.matchCount
    }
    mutating func inc() { matchCount += 1 }
    static func error(_ e: OpenAPIError) -> OpenAPIResult { OpenAPIResult(errors: [e]) }
}

/// A port of kube-openapi's `SchemaValidator` (k8s.io/kube-openapi/pkg/validation/validate) as
/// kube-apiserver 1.36 runs it on custom resources: the same validators in the same order
/// (type, junctors, string, format, number, slice, enum, object), the same messages and paths.
/// Object properties are visited in name order (Go visits them in random map order).
struct OpenAPIValidator {
    let regex = SchemaRegexCache()

    func validate(_ s: StructuralSchema, _ data: JSONValue, path: String) -> OpenAPIResult {
        var result = OpenAPIResult()
        if data.isNull {
            result.merge(validateType(s, data, path: path))
            result.merge(validateEnum(s, data, path: path))
            return result
        }
        let format = SchemaFormats.effectiveFormat(s)
        if !s.validationTypes.isEmpty || !format.isEmpty {
            result.merge(validateType(s, data, path: path))
            result.inc()
        }
        result.merge(validateJunctors(s, data, path: path))
        result.inc()
        if case .string(let str) = data {
            result.merge(validateString(s, str, path: path))
            result.inc()
            if !format.isEmpty && SchemaFormats.supported.contains(SchemaFormats.normalize(format)) {
                if !SchemaFormats.isValid(format, str, regex: regex) {
                    result.merge(.error(OpenAPIError(code: .invalidType, name: path, value: data, message: Self.typeFail(path, format, data))))
                }
                result.inc()
            }
        }
        switch data {
        case .int, .double:
            result.merge(validateNumber(s, data, path: path))
            result.inc()
        case .array(let a):
            result.merge(validateSlice(s, a, path: path))
            result.inc()
        default: break
        }
        result.merge(validateEnum(s, data, path: path))
        result.inc()
        if case .object(let o) = data {
            result.merge(validateObject(s, o, path: path))
            result.inc()
        }
        result.inc()
        return result
    }

    // MARK: type

    /// `errors.InvalidType` message: `<path> in body must be of type <t>: "<v>"` (the quoted
    /// part only when the value is a string).
    static func typeFail(_ path: String, _ type: String, _ value: JSONValue) -> String {
        if case .string(let v) = value { return "\(path) in body must be of type \(type): \(GoFormat.quoteEscapingControlsAndBOM(v))" }
        return "\(path) in body must be of type \(type)"
    }

    /// The JSON type and Go format kube-openapi infers from a decoded value.
    static func inferredType(_ data: JSONValue) -> (type: String, format: String) {
        switch data {
        case .bool: return ("boolean", "")
        case .string: return ("string", "")
        case .int: return ("integer", "int64")
        case .double: return ("number", "float64")
        case .array: return ("array", "")
        case .object: return ("object", "")
        case .null: return ("null", "")
        }
    }

    func validateType(_ s: StructuralSchema, _ data: JSONValue, path: String) -> OpenAPIResult {
        let types = s.validationTypes
        let format = SchemaFormats.effectiveFormat(s)
        if data.isNull {
            if !types.isEmpty && !types.contains("null") && !s.nullable {
                let t = types.joined(separator: ",")
                return .error(OpenAPIError(code: .invalidType, name: path, value: "null", message: Self.typeFail(path, t, "null")))
            }
            return OpenAPIResult(matchCount: 1)
        }
        let (schType, inferredFormat) = Self.inferredType(data)
        let isString = schType == "string"
        let isSlice = schType == "array"
        var isFloatInt = false
        if case .double(let d) = data { isFloatInt = Self.isJSONInteger(d) && types.contains("integer") }
        let isIntFloat = schType == "integer" && types.contains("number")
        if !isString && !isSlice && !format.isEmpty
            && !(types.contains(schType) || inferredFormat == format || isFloatInt || isIntFloat)
        {
            return .error(OpenAPIError(code: .invalidType, name: path, value: .string(inferredFormat), message: Self.typeFail(path, format, .string(inferredFormat))))
        }
        if !(types.contains("number") || types.contains("integer")) && !format.isEmpty && (isString || isSlice) {
            return OpenAPIResult(matchCount: 1)
        }
        if !(types.contains(schType) || isFloatInt || isIntFloat) {
            let t = types.joined(separator: ",")
            return .error(OpenAPIError(code: .invalidType, name: path, value: .string(schType), message: Self.typeFail(path, t, .string(schType))))
        }
        return OpenAPIResult(matchCount: 1)
    }

    /// go-openapi/swag `IsFloat64AJSONInteger`.
    static func isJSONInteger(_ f: Double) -> Bool {
        let limit = Double((1 << 53) - 1)
        guard f.isFinite, f >= -limit, f <= limit else { return false }
        let rounded = f.rounded()
        if f == rounded { return true }
        if rounded == 0 { return false }
        return abs(f - rounded) < 1e-9 * abs(rounded)
    }

    // MARK: allOf / anyOf / oneOf / not

    func validateJunctors(_ s: StructuralSchema, _ data: JSONValue, path: String) -> OpenAPIResult {
        var main = OpenAPIResult()
        let quoted = GoFormat.quoteEscapingControlsAndBOM(path)
        if !s.anyOf.isEmpty {
            var best: OpenAPIResult?
            var firstSuccess: OpenAPIResult?
            for sub in s.anyOf {
                let r = validate(sub, data, path: path)
                if r.isValid {
                    best = nil
                    firstSuccess = r
                    break
                }
                if best == nil || r.matchCount > best!.matchCount { best = r }
            }
            if firstSuccess == nil {
                main.merge(.error(OpenAPIError(code: .plain, message: "\(quoted) must validate at least one schema (anyOf)")))
            }
            if let best { main.merge(best) } else { main.merge(firstSuccess) }
        }
        if !s.oneOf.isEmpty {
            var best: OpenAPIResult?
            var firstSuccess: OpenAPIResult?
            var validated = 0
            for sub in s.oneOf {
                let r = validate(sub, data, path: path)
                if r.isValid {
                    validated += 1
                    best = nil
                    if firstSuccess == nil { firstSuccess = r }
                    continue
                }
                if validated == 0 && (best == nil || r.matchCount > best!.matchCount) { best = r }
            }
            if validated != 1 {
                let extra = validated == 0 ? "Found none valid" : "Found \(validated) valid alternatives"
                main.merge(.error(OpenAPIError(code: .plain, message: "\(quoted) must validate one and only one schema (oneOf). \(extra)")))
                main.merge(best)
            } else {
                main.merge(firstSuccess)
            }
        }
        if !s.allOf.isEmpty {
            var validated = 0
            for sub in s.allOf {
                let r = validate(sub, data, path: path)
                if r.isValid { validated += 1 }
                main.merge(r)
            }
            if validated != s.allOf.count {
                let extra = validated == 0 ? ". None validated" : ""
                main.merge(.error(OpenAPIError(code: .plain, message: "\(quoted) must validate all the schemas (allOf)\(extra)")))
            }
        }
        if let not = s.not, validate(not, data, path: path).isValid {
            main.merge(.error(OpenAPIError(code: .plain, message: "\(quoted) must not validate the schema (not)")))
        }
        main.inc()
        return main
    }

    // MARK: string

    func validateString(_ s: StructuralSchema, _ str: String, path: String) -> OpenAPIResult? {
        let length = Int64(str.unicodeScalars.count)
        if let max = s.maxLength, length > max {
            return .error(OpenAPIError(code: .tooLong, name: path, value: .string(str), valid: max, message: "\(path) in body should be at most \(max) chars long"))
        }
        if let min = s.minLength, length < min {
            return .error(OpenAPIError(code: .tooShort, name: path, value: .string(str), valid: min, message: "\(path) in body should be at least \(min) chars long"))
        }
        if let pattern = s.pattern, !pattern.isEmpty {
            guard let ok = regex.matches(pattern, str) else {
                return .error(OpenAPIError(code: .pattern, name: path, value: .string(str), message: "\(path) in body should match '\(pattern), but pattern is invalid: error parsing regexp'"))
            }
            if !ok {
                return .error(OpenAPIError(code: .pattern, name: path, value: .string(str), message: "\(path) in body should match '\(pattern)'"))
            }
        }
        return nil
    }

    // MARK: enum

    func validateEnum(_ s: StructuralSchema, _ data: JSONValue, path: String) -> OpenAPIResult? {
        guard let values = s.enumValues, !values.isEmpty else { return nil }
        if values.contains(where: { SchemaGoValue.enumMatches(data, $0) }) { return nil }
        return .error(OpenAPIError(code: .enumFail, name: path, value: data, values: values, message: "\(path) in body should be one of \(values)"))
    }

    // MARK: slice

    func validateSlice(_ s: StructuralSchema, _ a: [JSONValue], path: String) -> OpenAPIResult {
        var res = OpenAPIResult()
        if let items = s.items {
            for (i, v) in a.enumerated() { res.merge(validate(items, v, path: "\(path)[\(i)]")) }
        }
        let size = Int64(a.count)
        if let min = s.minItems, size < min {
            res.merge(.error(OpenAPIError(code: .minItems, name: path, value: .int(size), valid: min, message: "\(path) in body should have at least \(min) items")))
        }
        if let max = s.maxItems, size > max {
            res.merge(.error(OpenAPIError(code: .maxItems, name: path, value: .int(size), valid: max, message: "\(path) in body should have at most \(max) items")))
        }
        if s.uniqueItems {
            var unique: [JSONValue] = []
            for v in a {
                if unique.contains(where: { SchemaGoValue.deepEqual(v, $0) }) {
                    res.merge(.error(OpenAPIError(code: .unique, name: path, message: "\(path) in body shouldn't contain duplicates")))
                    break
                }
                unique.append(v)
            }
        }
        res.inc()
        return res
    }

    // MARK: object

    func validateObject(_ s: StructuralSchema, _ o: [String: JSONValue], path: String) -> OpenAPIResult {
        var res = OpenAPIResult()
        let count = Int64(o.count)
        if let min = s.minProperties, count < min {
            res.merge(.error(OpenAPIError(code: .tooFewProperties, name: path, value: .int(count), valid: min, message: "\(path) in body should have at least \(min) properties")))
        }
        if let max = s.maxProperties, count > max {
            res.merge(.error(OpenAPIError(code: .tooManyProperties, name: path, value: .int(count), valid: max, message: "\(path) in body should have at most \(max) properties")))
        }
        if case .allowed(false) = s.additionalProperties {
            for key in o.keys.sorted() where s.properties[key] == nil {
                res.merge(.error(OpenAPIError(code: .unallowedProperty, name: path, value: .string(key), message: "\(path).\(key) in body is a forbidden property")))
            }
        } else if let ap = s.additionalProperties?.schema {
            for key in o.keys.sorted() where s.properties[key] == nil {
                res.merge(validate(ap, o[key]!, path: path + "." + key))
            }
        }
        for name in s.properties.keys.sorted() {
            guard let v = o[name] else { continue }
            res.merge(validate(s.properties[name]!, v, path: path.isEmpty ? name : path + "." + name))
        }
        for k in s.required where o[k] == nil {
            res.merge(.error(OpenAPIError(code: .required, name: path + "." + k, message: "\(path).\(k) in body is required")))
        }
        return res
    }
}
