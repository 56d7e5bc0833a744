import DifyAPI
import Testing
@testable import DifyPlanners

@Suite("GPU memory fit")
struct GPUFitTests {
    /// `profile: auto` picks the smallest profile (memory, then compute) the model fits.
    @Test(arguments: [
        (Fixture.h100, "1.5B", "bfloat16", "1g.10gb"), (Fixture.h100, "8B", "bfloat16", "1g.20gb"),
        (Fixture.h100, "14B", "bfloat16", "3g.40gb"), (Fixture.h100, "32B", "bfloat16", "7g.80gb"),
        (Fixture.h100, "70B", "int4", "7g.80gb"), (Fixture.h100, "7B", "int4", "1g.10gb"), (Fixture.h100, "8B", "fp8", "1g.10gb"),
        ("NVIDIA-A100-SXM4-80GB", "8B", "bfloat16", "1g.20gb"),
        (Fixture.a100_40, "1.5B", "bfloat16", "1g.5gb"), (Fixture.a100_40, "7B", "int4", "1g.5gb"),
        (Fixture.a100_40, "3B", "bfloat16", "1g.10gb"), (Fixture.a100_40, "8B", "bfloat16", "3g.20gb"),
        (Fixture.a100_40, "14B", "bfloat16", "7g.40gb"),
        (Fixture.h200, "1.5B", "bfloat16", "1g.18gb"), (Fixture.h200, "8B", "bfloat16", "1g.35gb"),
        (Fixture.h200, "14B", "bfloat16", "1g.35gb"), (Fixture.h200, "27B", "bfloat16", "3g.71gb"),
        (Fixture.h200, "32B", "bfloat16", "7g.141gb"), (Fixture.h200, "70B", "fp8", "7g.141gb"),
    ])
    func autoPicksTheSmallestFittingProfile(product: String, parameters: String, dtype: String, profile: String) throws {
        let p = try GPUPlanner.place(Fixture.spec(parameters: parameters, dtype: dtype, mig: "auto", product: product)).get()
        #expect(p.migProfile == profile)
        #expect(p.resourceName == "nvidia.com/mig-\(profile)")
    }

    struct Rejection: Sendable, CustomTestStringConvertible {
        var name: String
        var spec: DifyModelSpec
        var field: String
        var message: String
        var testDescription: String { name }
    }

    /// Models that do not fit: reason ModelDoesNotFit, the field at fault and the exact advice.
    static let rejections: [Rejection] = [
        Rejection(name: "8B on H100 1g.10gb", spec: Fixture.spec(mig: "1g.10gb", product: Fixture.h100),
                  field: "spec.resources.gpu.mig.profile",
                  message: "the model needs about 17.9Gi (weights 14.9Gi + overhead 3.0Gi) but a 1g.10gb slice offers 9.0Gi at gpuMemoryUtilization 0.9; the smallest profile of NVIDIA-H100-80GB-HBM3 that fits is 1g.20gb"),
        Rejection(name: "8B on A100-40GB 2g.10gb", spec: Fixture.spec(mig: "2g.10gb", product: Fixture.a100_40),
                  field: "spec.resources.gpu.mig.profile",
                  message: "the model needs about 17.9Gi (weights 14.9Gi + overhead 3.0Gi) but a 2g.10gb slice offers 9.0Gi at gpuMemoryUtilization 0.9; the smallest profile of NVIDIA-A100-SXM4-40GB that fits is 3g.20gb"),
        Rejection(name: "8B on H200 1g.18gb", spec: Fixture.spec(mig: "1g.18gb", product: Fixture.h200),
                  field: "spec.resources.gpu.mig.profile",
                  message: "the model needs about 17.9Gi (weights 14.9Gi + overhead 3.0Gi) but a 1g.18gb slice offers 16.2Gi at gpuMemoryUtilization 0.9; the smallest profile of NVIDIA-H200 that fits is 1g.35gb"),
        Rejection(name: "8B on 1g.10gb without product", spec: Fixture.spec(mig: "1g.10gb"),
                  field: "spec.resources.gpu.mig.profile",
                  message: "the model needs about 17.9Gi (weights 14.9Gi + overhead 3.0Gi) but a 1g.10gb slice offers 9.0Gi at gpuMemoryUtilization 0.9; the smallest MIG profile that fits is 1g.20gb (set spec.resources.gpu.product to check it exists on your GPUs)"),
        Rejection(name: "70B bf16 on H100 1g.10gb", spec: Fixture.spec(parameters: "70B", mig: "1g.10gb", product: Fixture.h100),
                  field: "spec.resources.gpu.mig.profile",
                  message: "the model needs about 156.5Gi (weights 130.4Gi + overhead 26.1Gi) but a 1g.10gb slice offers 9.0Gi at gpuMemoryUtilization 0.9; no MIG profile of NVIDIA-H100-80GB-HBM3 fits; use whole GPUs: at least 4 GPUs of 80Gi (NVIDIA-H100-80GB-HBM3) (spec.resources.gpu.count: 4, spec.engine.tensorParallelSize: 4)"),
        Rejection(name: "70B bf16 on 1g.10gb without product", spec: Fixture.spec(parameters: "70B", mig: "1g.10gb"),
                  field: "spec.resources.gpu.mig.profile",
                  message: "the model needs about 156.5Gi (weights 130.4Gi + overhead 26.1Gi) but a 1g.10gb slice offers 9.0Gi at gpuMemoryUtilization 0.9; no MIG profile fits; use whole GPUs: at least 2 GPUs of 141Gi (spec.resources.gpu.count: 2, spec.engine.tensorParallelSize: 2)"),
        Rejection(name: "auto: 32B bf16 on A100-40GB", spec: Fixture.spec(parameters: "32B", mig: "auto", product: Fixture.a100_40),
                  field: "spec.resources.gpu.mig.profile",
                  message: "the model needs about 71.6Gi (weights 59.6Gi + overhead 11.9Gi); no MIG profile of NVIDIA-A100-SXM4-40GB fits at gpuMemoryUtilization 0.9 (the largest, 7g.40gb, offers 36.0Gi); use whole GPUs: at least 2 GPUs of 40Gi (NVIDIA-A100-SXM4-40GB) (spec.resources.gpu.count: 2, spec.engine.tensorParallelSize: 2)"),
        Rejection(name: "70B bf16 on one H100", spec: Fixture.spec(parameters: "70B", count: 1, product: Fixture.h100),
                  field: "spec.resources.gpu.count",
                  message: "the model needs about 156.5Gi (weights 130.4Gi + overhead 26.1Gi) but one instance spans 1 GPU of 80Gi, which offer 72.0Gi at gpuMemoryUtilization 0.9; use whole GPUs: at least 4 GPUs of 80Gi (NVIDIA-H100-80GB-HBM3) (spec.resources.gpu.count: 4, spec.engine.tensorParallelSize: 4)"),
        Rejection(name: "70B bf16 on two H100", spec: Fixture.spec(parameters: "70B", tp: 2, count: 2, product: Fixture.h100),
                  field: "spec.resources.gpu.count",
                  message: "the model needs about 156.5Gi (weights 130.4Gi + overhead 26.1Gi) but one instance spans 2 GPUs of 80Gi, which offer 144.0Gi at gpuMemoryUtilization 0.9; use whole GPUs: at least 4 GPUs of 80Gi (NVIDIA-H100-80GB-HBM3) (spec.resources.gpu.count: 4, spec.engine.tensorParallelSize: 4)"),
        Rejection(name: "70B on four H100 without tensor parallelism", spec: Fixture.spec(parameters: "70B", count: 4, product: Fixture.h100),
                  field: "spec.engine.tensorParallelSize",
                  message: "the model needs about 156.5Gi (weights 130.4Gi + overhead 26.1Gi) but one instance spans 1 GPU of 80Gi, which offer 72.0Gi at gpuMemoryUtilization 0.9; use whole GPUs: at least 4 GPUs of 80Gi (NVIDIA-H100-80GB-HBM3) (spec.resources.gpu.count: 4, spec.engine.tensorParallelSize: 4)"),
        Rejection(name: "70B bf16 on one GPU of unknown product", spec: Fixture.spec(parameters: "70B", count: 1),
                  field: "spec.resources.gpu.count",
                  message: "the model needs about 156.5Gi (weights 130.4Gi + overhead 26.1Gi) but one instance spans 1 GPU of 141Gi (assumed: spec.resources.gpu.product is unset or of unknown memory), which offer 126.9Gi at gpuMemoryUtilization 0.9; use whole GPUs: at least 2 GPUs of 141Gi (spec.resources.gpu.count: 2, spec.engine.tensorParallelSize: 2)"),
        Rejection(name: "8B on a 16GB V100", spec: Fixture.spec(count: 1, product: "Tesla-V100-SXM2-16GB"),
                  field: "spec.resources.gpu.count",
                  message: "the model needs about 17.9Gi (weights 14.9Gi + overhead 3.0Gi) but one instance spans 1 GPU of 16Gi, which offer 14.4Gi at gpuMemoryUtilization 0.9; use whole GPUs: at least 2 GPUs of 16Gi (Tesla-V100-SXM2-16GB) (spec.resources.gpu.count: 2, spec.engine.tensorParallelSize: 2)"),
        Rejection(name: "Ollama spreads over all GPUs, still too small", spec: Fixture.spec(parameters: "70B", engine: "Ollama", count: 2, product: Fixture.h100),
                  field: "spec.resources.gpu.count",
                  message: "the model needs about 156.5Gi (weights 130.4Gi + overhead 26.1Gi) but one instance spans 2 GPUs of 80Gi, which offer 144.0Gi at gpuMemoryUtilization 0.9; use whole GPUs: at least 3 GPUs of 80Gi (NVIDIA-H100-80GB-HBM3) (spec.resources.gpu.count: 3)"),
        Rejection(name: "lower utilization shrinks the slice", spec: Fixture.spec(utilization: 0.5, mig: "1g.20gb", product: Fixture.h100),
                  field: "spec.resources.gpu.mig.profile",
                  message: "the model needs about 17.9Gi (weights 14.9Gi + overhead 3.0Gi) but a 1g.20gb slice offers 10.0Gi at gpuMemoryUtilization 0.5; the smallest profile of NVIDIA-H100-80GB-HBM3 that fits is 3g.40gb"),
    ]

    @Test(arguments: rejections)
    func modelDoesNotFit(row: Rejection) throws {
        let problem = try #require(Fixture.problem(GPUPlanner.place(row.spec)))
        #expect(problem.reason == "ModelDoesNotFit")
        #expect(problem.field == row.field)
        #expect(problem.message == row.message)
    }

    /// Specs that fit: (name, spec, resource, count).
    @Test(arguments: [
        ("8B on one H100", Fixture.spec(count: 1, product: Fixture.h100), "nvidia.com/gpu", 1),
        ("8B on H100 1g.20gb", Fixture.spec(mig: "1g.20gb", product: Fixture.h100), "nvidia.com/mig-1g.20gb", 1),
        ("70B on four H100", Fixture.spec(parameters: "70B", tp: 4, count: 4, product: Fixture.h100), "nvidia.com/gpu", 4),
        ("70B on two H200", Fixture.spec(parameters: "70B", tp: 2, count: 2, product: Fixture.h200), "nvidia.com/gpu", 2),
        ("70B int4 on two 32GB V100 with Ollama", Fixture.spec(parameters: "70B", dtype: "int4", engine: "Ollama", count: 2, product: "Tesla-V100-SXM2-32GB"), "nvidia.com/gpu", 2),
        ("8B on an unknown GPU (141Gi assumed)", Fixture.spec(count: 1, product: "NVIDIA-L4"), "nvidia.com/gpu", 1),
        ("70B on 1g.10gb without size: no check", Fixture.spec(parameters: nil, mig: "1g.10gb", product: Fixture.h100), "nvidia.com/mig-1g.10gb", 1),
    ] as [(String, DifyModelSpec, String, Int32)])
    func fits(name: String, spec: DifyModelSpec, resource: String, count: Int32) throws {
        let p = try GPUPlanner.place(spec).get()
        #expect(p.resourceName == resource, "\(name)")
        #expect(p.count == count, "\(name)")
    }

    @Test func vLLMOnTwo32GBV100WithoutTensorParallelismDoesNotFit() throws {
        let problem = try #require(Fixture.problem(GPUPlanner.place(Fixture.spec(parameters: "70B", dtype: "int4", count: 2, product: "Tesla-V100-SXM2-32GB"))))
        #expect(problem.reason == "ModelDoesNotFit")
        #expect(problem.field == "spec.engine.tensorParallelSize")
    }
}
