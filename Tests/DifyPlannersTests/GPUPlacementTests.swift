import DifyAPI
import KubeCore
import Testing
@testable import DifyPlanners

@Suite("GPU placement")
struct GPUPlacementTests {
    static let tol = [Fixture.toleration]
    static let product = "nvidia.com/gpu.product"

    /// One row per mapping rule: the spec and the exact placement.
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var spec: DifyModelSpec
        var expected: GPUPlacement
        var testDescription: String { name }
    }

    static let e8B = MemoryEstimate(weightsBytes: 16_000_000_000, overheadBytes: 3_200_000_000)

    static let rows: [Row] = [
        Row(name: "CPU only", spec: Fixture.spec(parameters: "1.5B", engine: "Ollama", cpu: "4", memory: "8Gi"),
            expected: GPUPlacement(estimate: MemoryEstimate(weightsBytes: 3_000_000_000, overheadBytes: 1_073_741_824))),
        Row(name: "CPU only without size", spec: Fixture.spec(parameters: nil),
            expected: GPUPlacement()),
        Row(name: "whole GPU with product", spec: Fixture.spec(count: 1, product: Fixture.h100),
            expected: GPUPlacement(resourceName: "nvidia.com/gpu", count: 1, nodeSelector: [product: Fixture.h100], tolerations: tol, estimate: e8B)),
        Row(name: "whole GPUs without product", spec: Fixture.spec(tp: 2, count: 2),
            expected: GPUPlacement(resourceName: "nvidia.com/gpu", count: 2, tolerations: tol, estimate: e8B)),
        Row(name: "more GPUs than tensor parallelism", spec: Fixture.spec(tp: 2, count: 4, product: Fixture.h100),
            expected: GPUPlacement(resourceName: "nvidia.com/gpu", count: 4, nodeSelector: [product: Fixture.h100], tolerations: tol, estimate: e8B)),
        Row(name: "whole GPU without size", spec: Fixture.spec(parameters: nil, count: 1),
            expected: GPUPlacement(resourceName: "nvidia.com/gpu", count: 1, tolerations: tol)),
        Row(name: "mixed MIG with product", spec: Fixture.spec(mig: "3g.40gb", product: Fixture.h100),
            expected: GPUPlacement(resourceName: "nvidia.com/mig-3g.40gb", count: 1, nodeSelector: [product: Fixture.h100], tolerations: tol, migProfile: "3g.40gb", estimate: e8B)),
        Row(name: "mixed is the default strategy, explicit mixed", spec: Fixture.spec(mig: "1g.20gb", strategy: "mixed", product: Fixture.h100),
            expected: GPUPlacement(resourceName: "nvidia.com/mig-1g.20gb", count: 1, nodeSelector: [product: Fixture.h100], tolerations: tol, migProfile: "1g.20gb", estimate: e8B)),
        Row(name: "mixed MIG +me profile", spec: Fixture.spec(parameters: "1.5B", mig: "1g.10gb+me", product: Fixture.h100),
            expected: GPUPlacement(resourceName: "nvidia.com/mig-1g.10gb.me", count: 1, nodeSelector: [product: Fixture.h100], tolerations: tol, migProfile: "1g.10gb+me",
                                   estimate: MemoryEstimate(weightsBytes: 3_000_000_000, overheadBytes: 1_073_741_824))),
        Row(name: "H200 profile without product (union catalogue)", spec: Fixture.spec(mig: "3g.71gb"),
            expected: GPUPlacement(resourceName: "nvidia.com/mig-3g.71gb", count: 1, tolerations: tol, migProfile: "3g.71gb", estimate: e8B)),
        Row(name: "single MIG", spec: Fixture.spec(parameters: "1.5B", mig: "1g.5gb", strategy: "single", product: Fixture.a100_40),
            expected: GPUPlacement(resourceName: "nvidia.com/gpu", count: 1, nodeSelector: [product: "NVIDIA-A100-SXM4-40GB-MIG-1g.5gb"], tolerations: tol, migProfile: "1g.5gb",
                                   estimate: MemoryEstimate(weightsBytes: 3_000_000_000, overheadBytes: 1_073_741_824))),
        Row(name: "single MIG +me profile", spec: Fixture.spec(parameters: nil, mig: "1g.10gb+me", strategy: "single", product: Fixture.h100),
            expected: GPUPlacement(resourceName: "nvidia.com/gpu", count: 1, nodeSelector: [product: "NVIDIA-H100-80GB-HBM3-MIG-1g.10gb.me"], tolerations: tol, migProfile: "1g.10gb+me")),
        Row(name: "single MIG auto", spec: Fixture.spec(mig: "auto", strategy: "single", product: Fixture.h100),
            expected: GPUPlacement(resourceName: "nvidia.com/gpu", count: 1, nodeSelector: [product: "NVIDIA-H100-80GB-HBM3-MIG-1g.20gb"], tolerations: tol, migProfile: "1g.20gb", estimate: e8B)),
        Row(name: "mixed MIG auto", spec: Fixture.spec(mig: "auto", product: Fixture.h100),
            expected: GPUPlacement(resourceName: "nvidia.com/mig-1g.20gb", count: 1, nodeSelector: [product: Fixture.h100], tolerations: tol, migProfile: "1g.20gb", estimate: e8B)),
        Row(name: "profile name is case-insensitive", spec: Fixture.spec(mig: "3G.40GB", product: Fixture.h100),
            expected: GPUPlacement(resourceName: "nvidia.com/mig-3g.40gb", count: 1, nodeSelector: [product: Fixture.h100], tolerations: tol, migProfile: "3g.40gb", estimate: e8B)),
        Row(name: "empty product is unset", spec: Fixture.spec(count: 1, product: ""),
            expected: GPUPlacement(resourceName: "nvidia.com/gpu", count: 1, tolerations: tol, estimate: e8B)),
    ]

    @Test(arguments: rows)
    func placement(row: Row) throws {
        #expect(try GPUPlanner.place(row.spec).get() == row.expected)
    }

    @Test func gpuPlacementsTolerateTheNVIDIATaintAndCPUOnlyDoesNot() throws {
        for row in Self.rows {
            let p = try GPUPlanner.place(row.spec).get()
            #expect(p.tolerations == (p.requestsGPU ? [Toleration(key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule")] : []), "\(row.name)")
            #expect((p.resourceName == nil) == (p.count == 0), "\(row.name)")
        }
    }

    @Test func estimatedMemoryOfTheContractExample() throws {
        let p = try GPUPlanner.place(Fixture.spec(mig: "3g.40gb", product: Fixture.h100)).get()
        #expect(p.estimate?.quantityString == "17.9Gi")
    }
}
