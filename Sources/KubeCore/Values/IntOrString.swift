/// `intstr.IntOrString` (k8s.io/apimachinery/pkg/util/intstr): a field that holds either an
/// `int32` or a string, such as a Service `targetPort` (`8080` or `"http"`) or a Deployment's
/// `maxSurge` (`1` or `"25%"`).
///
/// JSON form: a JSON number for ``int(_:)`` and a JSON string for ``string(_:)``. As with
/// `IntOrString.UnmarshalJSON`, a number must be an integer that fits in `int32`; a string is
/// never converted to a number (`"8080"` stays a string).
public enum IntOrString: Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    /// A JSON number, e.g. a port (`8080`) or a count (`1`).
    case int(Int32)
    /// A JSON string, e.g. a port name (`"http"`) or a percentage (`"25%"`).
    case string(String)

    public init(integerLiteral value: Int32) { self = .int(value) }
    public init(stringLiteral value: String) { self = .string(value) }

    /// The integer, when this is ``int(_:)``; nil for a string.
    public var intValue: Int32? {
        if case .int(let i) = self { return i }
        return nil
    }

    /// The string, when this is ``string(_:)``; nil for an integer.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// `IntOrString.String()`: the integer in decimal, or the string itself.
    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .string(let s): return s
        }
    }

    /// `intstr.GetScaledValueFromIntOrPercent`: an integer is returned as is (`total` is ignored);
    /// a string must be an integer followed by `%` (`"25%"`, also `"-5%"` or `"150%"`, parsed with
    /// `strconv.Atoi` rules) and is scaled to `percent × total / 100`, rounded up (ceiling) or
    /// down (floor). `25%` of 10 is 3 rounded up and 2 rounded down. Any other string (`"5"`,
    /// `"abc%"`, `"%"`) throws ``IntOrStringError``.
    ///
    /// Kubernetes computes the percentage with float64; this uses exact integer arithmetic, which
    /// gives the same results for all realistic inputs.
    public func scaledValue(total: Int, roundUp: Bool) throws -> Int {
        switch self {
        case .int(let i):
            return Int(i)
        case .string(let s):
            guard s.hasSuffix("%") else { throw IntOrStringError.notAPercentage(s) }
            guard let percent = Int(s.dropLast()) else { throw IntOrStringError.invalidPercentage(s) }
            let product = Int128(percent) * Int128(total)
            var (q, r) = product.quotientAndRemainder(dividingBy: 100)
            if r != 0 {
                // quotientAndRemainder truncates toward zero; adjust to ceiling / floor.
                if roundUp, product > 0 { q += 1 }
                if !roundUp, product < 0 { q -= 1 }
            }
            return Int(clamping: q)
        }
    }

    /// Decodes a JSON number (an `int32`) or a JSON string.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let i = try? c.decode(Int32.self) {
            self = .int(i)
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "an IntOrString must be a JSON string or an integer that fits in int32")
        }
    }

    /// Encodes ``int(_:)`` as a JSON number and ``string(_:)`` as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let i): try c.encode(i)
        case .string(let s): try c.encode(s)
        }
    }
}

/// Why ``IntOrString/scaledValue(total:roundUp:)`` failed (the errors of
/// `intstr.GetScaledValueFromIntOrPercent`).
public enum IntOrStringError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The string has no `%` suffix.
    case notAPercentage(String)
    /// The text before `%` is not an integer.
    case invalidPercentage(String)

    public var description: String {
        switch self {
        case .notAPercentage(let s):
            return "invalid value for IntOrString: invalid type: string is not a percentage: \(String(reflecting: s))"
        case .invalidPercentage(let s):
            return "invalid value for IntOrString: invalid value \(String(reflecting: s))"
        }
    }
}
