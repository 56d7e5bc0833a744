/// The regular expressions (Go RE2, anchored) the CRD schemas use as `pattern`s.
public enum SchemaPatterns {
    /// A Kubernetes `resource.Quantity` in its string form: `4`, `500m`, `32Gi`, `1.5e3`
    /// (the serialisation regex of k8s.io/apimachinery's quantity type).
    public static let quantity = #"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$"#

    /// A parameter count: digits, an optional fraction, and a `K`, `M`, `B` or `T` suffix
    /// (`137M`, `1.5B`, `8B`, `70B`).
    public static let parameters = #"^[0-9]+(\.[0-9]+)?[KMBT]$"#

    /// A source URI: one of ``DifyEnums/sourceSchemes``, `://`, and something after it.
    public static var sourceURI: String {
        "^(" + DifyEnums.sourceSchemes.joined(separator: "|") + ")://.+$"
    }
}
