/// The GPU memory one model instance needs: weights plus runtime overhead.
public struct MemoryEstimate: Equatable, Sendable {
    /// Parameters × bytes per parameter.
    public var weightsBytes: Int64
    /// Activations, CUDA context and a minimal KV cache (see ``MemoryEstimator``).
    public var overheadBytes: Int64
    /// Weights plus overhead.
    public var totalBytes: Int64 { weightsBytes + overheadBytes }

    public init(weightsBytes: Int64, overheadBytes: Int64) {
        self.weightsBytes = weightsBytes
        self.overheadBytes = overheadBytes
    }

    /// ``totalBytes`` as a Kubernetes quantity in GiB with one decimal, rounded up
    /// (`17.9Gi` for an 8B bfloat16 model): `status.resolved.estimatedMemory`.
    public var quantityString: String { Self.gibString(totalBytes, rounding: .up) }

    /// How ``gibString(_:rounding:)`` rounds to a tenth of a GiB.
    public enum Rounding: Sendable {
        /// Estimates: never understate what a model needs.
        case up
        /// Capacities: never overstate what a device offers.
        case down
        /// Breakdowns shown next to a total.
        case nearest
    }

    /// `bytes` (not negative) in GiB with one decimal and the `Gi` suffix (`72.0Gi`).
    public static func gibString(_ bytes: Int64, rounding: Rounding) -> String {
        let numerator = bytes * 10
        var tenths = numerator / MemoryFit.bytesPerGiB
        let remainder = numerator % MemoryFit.bytesPerGiB
        switch rounding {
        case .up: if remainder != 0 { tenths += 1 }
        case .down: break
        case .nearest: if remainder * 2 >= MemoryFit.bytesPerGiB { tenths += 1 }
        }
        return "\(tenths / 10).\(tenths % 10)Gi"
    }
}
