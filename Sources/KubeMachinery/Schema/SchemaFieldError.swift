import KubeCore

/// A field-level error as apimachinery's `field.Error` prints it (Kubernetes 1.36): the cause
/// `reason` (`FieldValueInvalid`, ...), the `field` path and the message body
/// (`Invalid value: "x": detail`). ``cause`` is the `StatusCause` kube-apiserver puts in a 422.
public struct SchemaFieldError: Sendable, Equatable, CustomStringConvertible {
    /// `field.ErrorType`; the raw value is the `reason` of the `StatusCause`.
    public enum ErrorType: String, Sendable {
        case notFound = "FieldValueNotFound"
        case required = "FieldValueRequired"
        case duplicate = "FieldValueDuplicate"
        case invalid = "FieldValueInvalid"
        case notSupported = "FieldValueNotSupported"
        case forbidden = "FieldValueForbidden"
        case tooLong = "FieldValueTooLong"
        case tooMany = "FieldValueTooMany"
        case tooFew = "FieldValueTooFew"
        case internalError = "InternalError"
        case typeInvalid = "FieldValueTypeInvalid"
        case tooShort = "FieldValueTooShort"

        /// The text that starts the message, e.g. `Invalid value`.
        public var text: String {
            switch self {
            case .notFound: return "Not found"
            case .required: return "Required value"
            case .duplicate: return "Duplicate value"
            case .invalid, .typeInvalid: return "Invalid value"
            case .notSupported: return "Unsupported value"
            case .forbidden: return "Forbidden"
            case .tooLong: return "Too long"
            case .tooMany: return "Too many"
            case .tooFew: return "Too few"
            case .internalError: return "Internal error"
            case .tooShort: return "Too short"
            }
        }
    }

    /// The kind of error (the cause's `reason`).
    public var type: ErrorType
    /// The path, e.g. `spec.template.spec.containers[0].name`; `<nil>` for a nil path.
    public var field: String
    /// The offending value; nil when the value is omitted from the message.
    public var badValue: JSONValue?
    /// The explanation after the value, e.g. `must have at most 3 items`.
    public var detail: String

    /// An error; `badValue` nil omits the value from the message.
    public init(type: ErrorType, field: String, badValue: JSONValue?, detail: String) {
        self.type = type
        self.field = field
        self.badValue = badValue
        self.detail = detail
    }

    /// `field.Error.ErrorBody()`: the message without the field.
    public var body: String {
        var s: String
        switch type {
        case .required, .forbidden, .tooLong, .tooShort, .internalError:
            s = type.text
        default:
            if let badValue { s = type.text + ": " + GoFormat.badValue(badValue) } else { s = type.text }
        }
        if !detail.isEmpty { s += ": " + detail }
        return s
    }

    /// `field.Error.Error()`: `<field>: <body>`.
    public var description: String { field + ": " + body }

    /// The `StatusCause` of a 422 (`reason`, `message` = body, `field`).
    public var cause: StatusCause { StatusCause(reason: type.rawValue, message: body, field: field) }

    // MARK: Constructors mirroring apimachinery's field package

    static func required(_ field: String, _ detail: String = "") -> SchemaFieldError {
        SchemaFieldError(type: .required, field: field, badValue: .string(""), detail: detail)
    }
    static func invalid(_ field: String, _ value: JSONValue, _ detail: String) -> SchemaFieldError {
        SchemaFieldError(type: .invalid, field: field, badValue: value, detail: detail)
    }
    static func typeInvalid(_ field: String, _ value: JSONValue, _ detail: String) -> SchemaFieldError {
        SchemaFieldError(type: .typeInvalid, field: field, badValue: value, detail: detail)
    }
    static func forbidden(_ field: String, _ detail: String) -> SchemaFieldError {
        SchemaFieldError(type: .forbidden, field: field, badValue: .string(""), detail: detail)
    }
    static func duplicate(_ field: String, _ value: JSONValue) -> SchemaFieldError {
        SchemaFieldError(type: .duplicate, field: field, badValue: value, detail: "")
    }
    /// `field.NotSupported`: `supported values: "a", "b"` (each value `strconv.Quote`d).
    static func notSupported(_ field: String, _ value: JSONValue, _ supported: [String]) -> SchemaFieldError {
        let detail = supported.isEmpty ? "" : "supported values: " + supported.map(GoFormat.quoteEscapingControlsAndBOM).joined(separator: ", ")
        return SchemaFieldError(type: .notSupported, field: field, badValue: value, detail: detail)
    }
    /// `field.TooLong`: `may not be more than 63 bytes` (the value is omitted).
    static func tooLong(_ field: String, maxLength: Int64) -> SchemaFieldError {
        let detail = maxLength >= 0 ? "may not be more than \(maxLength) \(maxLength == 1 ? "byte" : "bytes")" : "value is too long"
        return SchemaFieldError(type: .tooLong, field: field, badValue: .string("<value omitted>"), detail: detail)
    }
    /// `field.TooMany`: `Too many: 4: must have at most 3 items`.
    static func tooMany(_ field: String, actual: Int64, max: Int64) -> SchemaFieldError {
        let detail = max >= 0 ? "must have at most \(max) \(max == 1 ? "item" : "items")" : "has too many items"
        return SchemaFieldError(type: .tooMany, field: field, badValue: actual >= 0 ? .int(actual) : nil, detail: detail)
    }
}

/// apimachinery's `field.Path` rendering: `a.b`, `a[key]` for map keys, `a[0]` for indices;
/// the nil path renders as `<nil>`.
struct SchemaErrorPath: Sendable, Equatable {
    /// nil is Go's nil `*field.Path`.
    var text: String?

    static let none = SchemaErrorPath(text: nil)

    init(text: String?) { self.text = text }
    init(_ text: String) { self.text = text }

    func child(_ name: String) -> SchemaErrorPath {
        guard let text, !text.isEmpty else { return SchemaErrorPath(name) }
        return SchemaErrorPath(name.isEmpty ? text : text + "." + name)
    }
    func key(_ key: String) -> SchemaErrorPath { SchemaErrorPath((text ?? "") + "[" + key + "]") }
    func index(_ i: Int) -> SchemaErrorPath { SchemaErrorPath((text ?? "") + "[\(i)]") }

    var string: String { text ?? "<nil>" }
}

/// Builds the 422 `Status` kube-apiserver returns for invalid objects
/// (`apierrors.NewInvalid`).
public enum SchemaInvalidStatus {
    /// `<Kind>.<group> "<name>" is invalid: <errors>`: one error is printed as is, several as
    /// `[e1, e2]` with duplicate messages dropped; `details` carries every cause.
    public static func make(kind: String, group: String, name: String, errors: [SchemaFieldError]) -> Status {
        let qualified = group.isEmpty ? kind : kind + "." + group
        var message = qualified + " " + GoFormat.quoteEscapingControlsAndBOM(name) + " is invalid"
        if let aggregate = aggregate(errors.map(\.description)) { message += ": " + aggregate }
        return Status(
            status: "Failure", message: message, reason: StatusReason.invalid,
            details: StatusDetails(name: name, group: group, kind: kind, causes: errors.map(\.cause)), code: 422)
    }

    /// The same from causes (each cause prints as `<field>: <message>`).
    public static func make(kind: String, group: String, name: String, causes: [StatusCause]) -> Status {
        let qualified = group.isEmpty ? kind : kind + "." + group
        var message = qualified + " " + GoFormat.quoteEscapingControlsAndBOM(name) + " is invalid"
        let texts = causes.map { ($0.field ?? "") + ": " + ($0.message ?? "") }
        if let aggregate = aggregate(texts) { message += ": " + aggregate }
        return Status(
            status: "Failure", message: message, reason: StatusReason.invalid,
            details: StatusDetails(name: name, group: group, kind: kind, causes: causes), code: 422)
    }

    /// `utilerrors.NewAggregate(...).Error()` after `ErrorList.ToAggregate()`'s de-duplication.
    static func aggregate(_ messages: [String]) -> String? {
        var seen = Set<String>()
        var unique: [String] = []
        for m in messages where !seen.contains(m) {
            seen.insert(m)
            unique.append(m)
        }
        if unique.isEmpty { return nil }
        if unique.count == 1 { return unique[0] }
        return "[" + unique.joined(separator: ", ") + "]"
    }
}
