// STUB: replaced by the GPU planner work.
/// One MIG profile of a GPU model.
public struct MIGProfile: Equatable, Sendable {
    public var name: String
    public var computeSlices: Int
    public var memoryGB: Int
    public var maxInstances: Int
    public init(name: String, computeSlices: Int, memoryGB: Int, maxInstances: Int) {
        self.name = name; self.computeSlices = computeSlices; self.memoryGB = memoryGB; self.maxInstances = maxInstances
    }
}
