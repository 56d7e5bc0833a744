import DifyAPI
import Testing
@testable import DifyPlanners

@Suite("GPU planner: bad input")
struct GPUProblemTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var spec: DifyModelSpec
        var field: String
        var reason: String
        /// A part of the message that tells the user what works.
        var says: String
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "both count and mig", spec: Fixture.spec(count: 1, mig: "3g.40gb", product: Fixture.h100),
            field: "spec.resources.gpu", reason: "GPUCountAndMIG", says: "exactly one of count (whole GPUs) and mig (one MIG slice), not both"),
        Row(name: "neither count nor mig", spec: Fixture.spec(product: Fixture.h100),
            field: "spec.resources.gpu", reason: "GPUCountAndMIG", says: "omit resources.gpu for a CPU-only model"),
        Row(name: "zero GPUs", spec: Fixture.spec(count: 0),
            field: "spec.resources.gpu.count", reason: "InvalidGPUCount", says: "must be at least 1 (got 0)"),
        Row(name: "unknown profile for the product", spec: Fixture.spec(mig: "3g.40gb", product: Fixture.a100_40),
            field: "spec.resources.gpu.mig.profile", reason: "UnknownMIGProfile",
            says: "MIG profile \"3g.40gb\" is not a profile of NVIDIA-A100-SXM4-40GB (A100-40GB); use one of 1g.5gb, 1g.5gb+me, 1g.10gb, 2g.10gb, 3g.20gb, 4g.20gb, 7g.40gb or auto"),
        Row(name: "unknown profile anywhere", spec: Fixture.spec(mig: "5g.50gb"),
            field: "spec.resources.gpu.mig.profile", reason: "UnknownMIGProfile",
            says: "is not a profile in the MIG catalogue; use one of 1g.5gb, 1g.5gb+me, 1g.10gb, 1g.10gb+me, 2g.10gb, 1g.18gb"),
        Row(name: "H200 profile on an H100", spec: Fixture.spec(mig: "3g.71gb", product: Fixture.h100),
            field: "spec.resources.gpu.mig.profile", reason: "UnknownMIGProfile", says: "1g.10gb, 1g.10gb+me, 1g.20gb, 2g.20gb, 3g.40gb, 4g.40gb, 7g.80gb or auto"),
        Row(name: "70B bf16 on 1g.10gb", spec: Fixture.spec(parameters: "70B", mig: "1g.10gb", product: Fixture.h100),
            field: "spec.resources.gpu.mig.profile", reason: "ModelDoesNotFit", says: "no MIG profile of NVIDIA-H100-80GB-HBM3 fits; use whole GPUs: at least 4"),
        Row(name: "unknown strategy", spec: Fixture.spec(mig: "3g.40gb", strategy: "none", product: Fixture.h100),
            field: "spec.resources.gpu.mig.strategy", reason: "InvalidMIGStrategy", says: "use one of mixed, single"),
        Row(name: "single strategy without product", spec: Fixture.spec(mig: "3g.40gb", strategy: "single"),
            field: "spec.resources.gpu.product", reason: "MIGProductRequired", says: "nvidia.com/gpu.product=<product>-MIG-<profile>"),
        Row(name: "auto without product", spec: Fixture.spec(mig: "auto"),
            field: "spec.resources.gpu.product", reason: "MIGAutoNeedsProduct", says: "needs spec.resources.gpu.product"),
        Row(name: "auto with an uncatalogued product", spec: Fixture.spec(mig: "auto", product: "NVIDIA-L4"),
            field: "spec.resources.gpu.product", reason: "MIGAutoNeedsProduct", says: "\"NVIDIA-L4\" is not one"),
        Row(name: "auto without size", spec: Fixture.spec(parameters: nil, mig: "auto", product: Fixture.h100),
            field: "spec.size", reason: "MIGAutoNeedsSize", says: "needs spec.size"),
        Row(name: "tensor parallelism on MIG", spec: Fixture.spec(tp: 2, mig: "7g.80gb", product: Fixture.h100),
            field: "spec.engine.tensorParallelSize", reason: "TensorParallelOnMIG", says: "must be 1 with resources.gpu.mig (got 2)"),
        Row(name: "tensor parallelism above the GPU count", spec: Fixture.spec(tp: 4, count: 2),
            field: "spec.engine.tensorParallelSize", reason: "TensorParallelExceedsGPUs", says: "set count to at least 4"),
        Row(name: "zero tensor parallelism", spec: Fixture.spec(tp: 0, count: 1),
            field: "spec.engine.tensorParallelSize", reason: "InvalidTensorParallelSize", says: "at least 1 (got 0)"),
        Row(name: "utilization above 1", spec: Fixture.spec(utilization: 1.5, count: 1),
            field: "spec.engine.gpuMemoryUtilization", reason: "InvalidGPUMemoryUtilization", says: "at most 1 (got 1.5)"),
        Row(name: "utilization zero", spec: Fixture.spec(utilization: 0, count: 1),
            field: "spec.engine.gpuMemoryUtilization", reason: "InvalidGPUMemoryUtilization", says: "greater than 0"),
        Row(name: "bad parameters", spec: Fixture.spec(parameters: "eight billion", count: 1),
            field: "spec.size.parameters", reason: "InvalidModelSize", says: "e.g. 1.5B, 8B, 70B, 7000M"),
        Row(name: "bad parameters on CPU", spec: Fixture.spec(parameters: "8X"),
            field: "spec.size.parameters", reason: "InvalidModelSize", says: "\"8X\" is not a parameter count"),
        Row(name: "bad dtype", spec: Fixture.spec(dtype: "q4_k_m", count: 1),
            field: "spec.size.dtype", reason: "InvalidDType", says: "use one of bfloat16, float16, float32, fp8, int8, int4"),
        Row(name: "malformed cpu", spec: Fixture.spec(count: 1, cpu: "four"),
            field: "spec.resources.cpu", reason: "InvalidQuantity", says: "spec.resources.cpu \"four\" is not a positive Kubernetes quantity"),
        Row(name: "zero cpu", spec: Fixture.spec(cpu: "0"),
            field: "spec.resources.cpu", reason: "InvalidQuantity", says: "\"0\""),
        Row(name: "malformed memory", spec: Fixture.spec(count: 1, memory: "32GB"),
            field: "spec.resources.memory", reason: "InvalidQuantity", says: "spec.resources.memory \"32GB\" is not a positive Kubernetes quantity (e.g. 32Gi or 512Mi)"),
        Row(name: "negative memory", spec: Fixture.spec(memory: "-1Gi"),
            field: "spec.resources.memory", reason: "InvalidQuantity", says: "\"-1Gi\""),
        Row(name: "memory with a space", spec: Fixture.spec(memory: "32 Gi"),
            field: "spec.resources.memory", reason: "InvalidQuantity", says: "\"32 Gi\""),
        Row(name: "product naming a MIG slice", spec: Fixture.spec(mig: "1g.5gb", product: "NVIDIA-A100-SXM4-40GB-MIG-1g.5gb"),
            field: "spec.resources.gpu.product", reason: "InvalidGPUProduct", says: "names a MIG slice"),
        Row(name: "single-strategy label too long", spec: Fixture.spec(parameters: nil, mig: "1g.5gb", strategy: "single", product: "NVIDIA-A100-SXM4-40GB-" + String(repeating: "x", count: 38)),
            field: "spec.resources.gpu.product", reason: "InvalidGPUProduct", says: "is not a valid label value (at most 63 characters)"),
        Row(name: "product that is no label value", spec: Fixture.spec(count: 1, product: "NVIDIA H100"),
            field: "spec.resources.gpu.product", reason: "InvalidGPUProduct", says: "is not a valid label value"),
    ]

    @Test(arguments: rows)
    func rejects(row: Row) throws {
        let problem = try #require(Fixture.problem(GPUPlanner.place(row.spec)))
        #expect(problem.field == row.field)
        #expect(problem.reason == row.reason)
        #expect(problem.message.contains(row.says), "\(problem.message)")
    }
}
