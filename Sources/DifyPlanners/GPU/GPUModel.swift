/// A MIG-capable GPU model: its memory and the MIG profiles it offers (one table of
/// ``MIGCatalogue``).
public struct GPUModel: Equatable, Sendable {
    /// A short name, e.g. `A100-40GB`.
    public var name: String
    /// Memory of one whole GPU in GiB (40, 80, 141...).
    public var memoryGB: Int
    /// The MIG profiles, in the order of NVIDIA's table (smallest first).
    public var migProfiles: [MIGProfile]

    public init(name: String, memoryGB: Int, migProfiles: [MIGProfile]) {
        self.name = name
        self.memoryGB = memoryGB
        self.migProfiles = migProfiles
    }

    /// The profile called `name` (exact spelling, e.g. `3g.40gb`), if this GPU offers it.
    public func profile(named name: String) -> MIGProfile? {
        migProfiles.first { $0.name == name }
    }

    /// The names of the profiles, in table order.
    public var profileNames: [String] { migProfiles.map(\.name) }

    /// Memory of one whole GPU in bytes.
    public var memoryBytes: Int64 { Int64(memoryGB) * MemoryFit.bytesPerGiB }
}
