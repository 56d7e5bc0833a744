import Testing
@testable import DifyPlanners

@Suite("MIG catalogue")
struct MIGCatalogueTests {
    /// Every row of gpu-and-mig.md's three tables: (model, profile, compute, memory, max instances).
    static let rows: [(String, String, Int, Int, Int)] = [
        ("A100-40GB", "1g.5gb", 1, 5, 7), ("A100-40GB", "1g.5gb+me", 1, 5, 1), ("A100-40GB", "1g.10gb", 1, 10, 4),
        ("A100-40GB", "2g.10gb", 2, 10, 3), ("A100-40GB", "3g.20gb", 3, 20, 2), ("A100-40GB", "4g.20gb", 4, 20, 1),
        ("A100-40GB", "7g.40gb", 7, 40, 1),
        ("A100-80GB", "1g.10gb", 1, 10, 7), ("A100-80GB", "1g.10gb+me", 1, 10, 1), ("A100-80GB", "1g.20gb", 1, 20, 4),
        ("A100-80GB", "2g.20gb", 2, 20, 3), ("A100-80GB", "3g.40gb", 3, 40, 2), ("A100-80GB", "4g.40gb", 4, 40, 1),
        ("A100-80GB", "7g.80gb", 7, 80, 1),
        ("H100-80GB", "1g.10gb", 1, 10, 7), ("H100-80GB", "1g.10gb+me", 1, 10, 1), ("H100-80GB", "1g.20gb", 1, 20, 4),
        ("H100-80GB", "2g.20gb", 2, 20, 3), ("H100-80GB", "3g.40gb", 3, 40, 2), ("H100-80GB", "4g.40gb", 4, 40, 1),
        ("H100-80GB", "7g.80gb", 7, 80, 1),
        ("H200-141GB", "1g.18gb", 1, 18, 7), ("H200-141GB", "1g.18gb+me", 1, 18, 1), ("H200-141GB", "1g.35gb", 1, 35, 4),
        ("H200-141GB", "2g.35gb", 2, 35, 3), ("H200-141GB", "3g.71gb", 3, 71, 2), ("H200-141GB", "4g.71gb", 4, 71, 1),
        ("H200-141GB", "7g.141gb", 7, 141, 1),
    ]

    @Test(arguments: rows)
    func catalogueRow(model: String, profile: String, compute: Int, memory: Int, maxInstances: Int) throws {
        let gpu = try #require(MIGCatalogue.models.first { $0.name == model })
        #expect(gpu.profile(named: profile) == MIGProfile(name: profile, computeSlices: compute, memoryGB: memory, maxInstances: maxInstances))
    }

    @Test func everyTableHasSevenProfilesAndItsMemory() {
        #expect(MIGCatalogue.models.map(\.name) == ["A100-40GB", "A100-80GB", "H100-80GB", "H200-141GB"])
        #expect(MIGCatalogue.models.map(\.memoryGB) == [40, 80, 80, 141])
        #expect(MIGCatalogue.models.map(\.migProfiles.count) == [7, 7, 7, 7])
        #expect(Self.rows.count == 28)
        #expect(MIGCatalogue.a100_80GB.migProfiles == MIGCatalogue.h100_80GB.migProfiles)
        // The largest profile of each GPU is the whole GPU.
        #expect(MIGCatalogue.models.allSatisfy { $0.migProfiles.last?.memoryGB == $0.memoryGB && $0.migProfiles.last?.computeSlices == 7 })
    }

    @Test func unionOfCataloguesIsDistinctAndSmallestFirst() {
        #expect(MIGCatalogue.allProfiles.map(\.name) == [
            "1g.5gb", "1g.5gb+me", "1g.10gb", "1g.10gb+me", "2g.10gb", "1g.18gb", "1g.18gb+me", "1g.20gb", "2g.20gb",
            "3g.20gb", "4g.20gb", "1g.35gb", "2g.35gb", "3g.40gb", "4g.40gb", "7g.40gb", "3g.71gb", "4g.71gb",
            "7g.80gb", "7g.141gb",
        ])
        #expect(MIGCatalogue.profiles(for: nil) == MIGCatalogue.allProfiles)
        #expect(MIGCatalogue.profiles(for: MIGCatalogue.h200_141GB) == MIGCatalogue.h200_141GB.migProfiles)
    }

    @Test(arguments: [
        ("3g.40gb", "nvidia.com/mig-3g.40gb"), ("1g.10gb+me", "nvidia.com/mig-1g.10gb.me"),
        ("3g.71gb", "nvidia.com/mig-3g.71gb"), ("7g.141gb", "nvidia.com/mig-7g.141gb"), ("1g.5gb+me", "nvidia.com/mig-1g.5gb.me"),
    ])
    func resourceName(profile: String, resource: String) throws {
        #expect(MIGProfile.resourceName(forProfile: profile) == resource)
        let p = try #require(MIGCatalogue.allProfiles.first { $0.name == profile })
        #expect(p.resourceName == resource)
    }

    @Test(arguments: [
        ("3g.40gb", 3, 40, false), ("1g.10gb+me", 1, 10, true), ("7g.141gb", 7, 141, false),
    ])
    func profileNameParsing(name: String, compute: Int, memory: Int, me: Bool) throws {
        let p = try #require(MIGProfile(name: name, maxInstances: 1))
        #expect(p.computeSlices == compute)
        #expect(p.memoryGB == memory)
        #expect(p.hasMediaExtensions == me)
    }

    @Test(arguments: ["", "3g", "3g.40", "g.40gb", "3g.gb", "3x.40gb", "3g.40gb+mx", "3g.40gb.1", "-3g.40gb"])
    func malformedProfileNames(name: String) {
        #expect(MIGProfile(name: name, maxInstances: 1) == nil)
    }

    /// `nvidia.com/gpu.product` values → catalogued model (nil: not in the catalogue).
    @Test(arguments: [
        ("NVIDIA-H100-80GB-HBM3", "H100-80GB"), ("NVIDIA-H100-PCIe", "H100-80GB"), ("NVIDIA-H100-SXM5-80GB", "H100-80GB"),
        ("nvidia-h100-80gb-hbm3", "H100-80GB"),
        ("NVIDIA-A100-SXM4-40GB", "A100-40GB"), ("NVIDIA-A100-PCIE-40GB", "A100-40GB"),
        ("NVIDIA-A100-SXM4-80GB", "A100-80GB"), ("NVIDIA-A100-80GB-PCIe", "A100-80GB"),
        ("NVIDIA-H200", "H200-141GB"), ("NVIDIA-H200-NVL", "H200-141GB"), ("NVIDIA-H200-141GB-HBM3e", "H200-141GB"),
        ("NVIDIA-A100-SXM4-40GB-MIG-1g.5gb", "A100-40GB"), ("A100-SXM4-40GB-MIG-1g.5gb", "A100-40GB"),
        ("NVIDIA-H100-NVL", nil), ("NVIDIA-H100-94GB", nil), ("NVIDIA-GH200-480GB", nil), ("NVIDIA-A100", nil),
        ("NVIDIA-L4", nil), ("Tesla-T4", nil), ("NVIDIA-L40S", nil), ("", nil), ("NVIDIA-H1000", nil),
    ] as [(String, String?)])
    func productMatching(product: String, model: String?) {
        #expect(MIGCatalogue.model(forProduct: product)?.name == model)
    }

    @Test(arguments: [
        ("NVIDIA-H100-80GB-HBM3", 80), ("NVIDIA-A100-PCIE-40GB", 40), ("NVIDIA-H200", 141),
        ("Tesla-V100-SXM2-16GB", 16), ("Tesla-V100-SXM2-32GB", 32), ("NVIDIA-L4", nil), ("NVIDIA-H100-NVL", nil),
    ] as [(String, Int?)])
    func wholeGPUMemoryByProduct(product: String, memory: Int?) {
        #expect(MIGCatalogue.gpuMemoryGB(forProduct: product) == memory)
    }
}
