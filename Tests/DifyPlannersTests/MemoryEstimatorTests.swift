import DifyAPI
import Testing
@testable import DifyPlanners

@Suite("Memory estimate")
struct MemoryEstimatorTests {
    @Test(arguments: [
        ("8B", 8_000_000_000), ("70B", 70_000_000_000), ("1.5B", 1_500_000_000), ("7000M", 7_000_000_000),
        ("137M", 137_000_000), ("0.5B", 500_000_000), ("1.1T", 1_100_000_000_000), ("125K", 125_000),
        ("1.5K", 1_500), ("8b", 8_000_000_000), ("7m", 7_000_000), ("007B", 7_000_000_000), ("3.25B", 3_250_000_000),
        ("7241732096", 7_241_732_096), ("1000T", 1_000_000_000_000_000), ("0.000000001B", 1),
    ] as [(String, Int64)])
    func parsesParameterCounts(text: String, count: Int64) {
        #expect(ParameterCount.parse(text) == count)
    }

    @Test(arguments: [
        "", "B", "8X", "8 B", " 8B", "8B ", "eight", "1.0005K", "0B", "0", "8.B", ".5B", "1..5B", "1.5.2B", "-8B", "+8B",
        "8BB", "1001T", "99999999999999999999B", "1e9", "8GB", "½B", "8ß",
    ])
    func rejectsMalformedParameterCounts(text: String) {
        #expect(ParameterCount.parse(text) == nil)
    }

    @Test(arguments: [
        ("bfloat16", 2.0), ("float16", 2.0), ("float32", 4.0), ("fp8", 1.0), ("int8", 1.0), ("int4", 0.5),
    ])
    func bytesPerParameter(dtype: String, bytes: Double) throws {
        #expect(try #require(WeightDType.parse(dtype)).bytesPerParameter == bytes)
    }

    @Test func dtypeDefaultsToBFloat16AndRejectsOthers() {
        #expect(WeightDType.parse(nil) == .bfloat16)
        #expect(WeightDType.parse("q4_k_m") == nil)
        #expect(WeightDType.parse("BF16") == nil)
        #expect(WeightDType.allCases.map(\.rawValue) == DifyEnums.dtypes)
    }

    /// (parameters, dtype, weights, overhead, quantity)
    @Test(arguments: [
        ("8B", "bfloat16", 16_000_000_000, 3_200_000_000, "17.9Gi"),
        ("70B", "bfloat16", 140_000_000_000, 28_000_000_000, "156.5Gi"),
        ("7B", "int4", 3_500_000_000, 1_073_741_824, "4.3Gi"),
        ("8B", "float32", 32_000_000_000, 6_400_000_000, "35.8Gi"),
        ("8B", "fp8", 8_000_000_000, 1_600_000_000, "9.0Gi"),
        ("1.5B", "float16", 3_000_000_000, 1_073_741_824, "3.8Gi"),
        ("137M", "int8", 137_000_000, 1_073_741_824, "1.2Gi"),
        ("3B", "int4", 1_500_000_000, 1_073_741_824, "2.4Gi"),
        ("7", "int4", 4, 1_073_741_824, "1.1Gi"),
    ] as [(String, String, Int64, Int64, String)])
    func estimates(parameters: String, dtype: String, weights: Int64, overhead: Int64, quantity: String) throws {
        let e = try MemoryEstimator.estimate(ModelSize(parameters: parameters, dtype: dtype)).get()
        #expect(e.weightsBytes == weights)
        #expect(e.overheadBytes == overhead)
        #expect(e.totalBytes == weights + overhead)
        #expect(e.quantityString == quantity)
    }

    @Test func estimateWithoutDTypeIsBFloat16() throws {
        #expect(try MemoryEstimator.estimate(ModelSize(parameters: "8B")).get() == MemoryEstimate(weightsBytes: 16_000_000_000, overheadBytes: 3_200_000_000))
    }

    @Test func badSizeIsASpecProblem() {
        #expect(throws: SpecProblem.self) { try MemoryEstimator.estimate(ModelSize(parameters: "lots")).get() }
        guard case .failure(let p) = MemoryEstimator.estimate(ModelSize(parameters: "lots")) else { Issue.record("accepted"); return }
        #expect(p.field == "spec.size.parameters")
        #expect(p.reason == "InvalidModelSize")
        guard case .failure(let d) = MemoryEstimator.estimate(ModelSize(parameters: "8B", dtype: "q4")) else { Issue.record("accepted"); return }
        #expect(d.field == "spec.size.dtype")
        #expect(d.reason == "InvalidDType")
        #expect(d.message.contains("bfloat16, float16, float32, fp8, int8, int4"))
    }

    @Test(arguments: [
        (0, .up, "0.0Gi"), (1_073_741_824, .up, "1.0Gi"), (1_073_741_825, .up, "1.1Gi"), (1_073_741_825, .down, "1.0Gi"),
        (77_309_411_328, .down, "72.0Gi"), (19_327_352_832, .down, "18.0Gi"),
        (16_000_000_000, .up, "15.0Gi"), (16_000_000_000, .nearest, "14.9Gi"), (16_000_000_000, .down, "14.9Gi"),
        (3_200_000_000, .nearest, "3.0Gi"), (1_127_428_916, .nearest, "1.1Gi"), (1_127_428_915, .nearest, "1.0Gi"),
    ] as [(Int64, MemoryEstimate.Rounding, String)])
    func gibFormatting(bytes: Int64, rounding: MemoryEstimate.Rounding, text: String) {
        #expect(MemoryEstimate.gibString(bytes, rounding: rounding) == text)
    }

    @Test(arguments: [(5, 4_831_838_208), (10, 9_663_676_416), (20, 19_327_352_832), (80, 77_309_411_328), (141, 136_257_837_465)] as [(Int, Int64)])
    func usableMemoryAtDefaultUtilization(memoryGB: Int, usable: Int64) {
        #expect(MemoryFit.usableBytes(memoryGB: memoryGB, utilization: 0.9) == usable)
    }

    @Test(arguments: [
        // (total bytes, GPU GiB, power of two, count)
        (168_000_000_000, 80, true, 4), (168_000_000_000, 80, false, 3), (168_000_000_000, 141, true, 2),
        (19_200_000_000, 80, true, 1), (77_309_411_328, 80, true, 1), (77_309_411_329, 80, true, 2),
        (900_000_000_000, 80, true, 16),
    ] as [(Int64, Int, Bool, Int)])
    func smallestGPUCount(total: Int64, memoryGB: Int, powerOfTwo: Bool, count: Int) {
        let e = MemoryEstimate(weightsBytes: total, overheadBytes: 0)
        #expect(MemoryFit.smallestGPUCount(fitting: e, gpuMemoryGB: memoryGB, utilization: 0.9, powerOfTwo: powerOfTwo) == count)
    }
}
