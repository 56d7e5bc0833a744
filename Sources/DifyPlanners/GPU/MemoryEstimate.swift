// STUB: replaced by the GPU planner work.
/// The memory one model instance needs.
public struct MemoryEstimate: Equatable, Sendable {
    public var weightsBytes: Int64
    public var overheadBytes: Int64
    public var totalBytes: Int64 { weightsBytes + overheadBytes }
    /// As a Kubernetes-style quantity with one decimal, e.g. `17.9Gi`.
    public var quantityString: String { "\(Double(totalBytes) / 1_073_741_824)Gi" }
    public init(weightsBytes: Int64, overheadBytes: Int64) { self.weightsBytes = weightsBytes; self.overheadBytes = overheadBytes }
}
