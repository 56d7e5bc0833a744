import DifyAPI

/// `spec.size.dtype`: the type of the weights, which sets the bytes per parameter (2 for
/// bf16/fp16, 1 for fp8/int8, 0.5 for int4 such as AWQ/GPTQ; 4 for float32).
public enum WeightDType: String, CaseIterable, Sendable {
    case bfloat16
    case float16
    case float32
    case fp8
    case int8
    case int4

    /// Bytes per parameter × 2, so that int4's half byte stays an integer.
    public var halfBytesPerParameter: Int64 {
        switch self {
        case .float32: 8
        case .bfloat16, .float16: 4
        case .fp8, .int8: 2
        case .int4: 1
        }
    }

    /// Bytes per parameter (0.5 for int4).
    public var bytesPerParameter: Double { Double(halfBytesPerParameter) / 2 }

    /// The dtype of a spec value; nil (absent) is the API default `bfloat16`
    /// (`DifyDefaults.dtype`). Returns nil for values outside `DifyEnums.dtypes`.
    public static func parse(_ value: String?) -> WeightDType? {
        WeightDType(rawValue: value ?? DifyDefaults.dtype)
    }
}
