// STUB: replaced by the GPU planner work.
import DifyAPI
import KubeCore

/// What a DifyModel's `resources.gpu` resolves to.
public struct GPUPlacement: Equatable, Sendable {
    public var resourceName: String?
    public var count: Int32
    public var nodeSelector: [String: String]
    public var tolerations: [Toleration]
    public var migProfile: String?
    public var estimate: MemoryEstimate?
    public init(resourceName: String? = nil, count: Int32 = 0, nodeSelector: [String: String] = [:], tolerations: [Toleration] = [], migProfile: String? = nil, estimate: MemoryEstimate? = nil) {
        self.resourceName = resourceName; self.count = count; self.nodeSelector = nodeSelector; self.tolerations = tolerations; self.migProfile = migProfile; self.estimate = estimate
    }
}

public enum GPUPlanner {
    public static func place(_ spec: DifyModelSpec) -> Result<GPUPlacement, SpecProblem> {
        guard let gpu = spec.resources?.gpu else { return .success(GPUPlacement()) }
        if let c = gpu.count { return .success(GPUPlacement(resourceName: "nvidia.com/gpu", count: c, tolerations: [Toleration(key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule")])) }
        return .success(GPUPlacement(resourceName: "nvidia.com/mig-\(gpu.mig!.profile)", count: 1, tolerations: [Toleration(key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule")], migProfile: gpu.mig!.profile))
    }
}
