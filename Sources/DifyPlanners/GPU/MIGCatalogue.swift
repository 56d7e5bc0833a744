/// The MIG profiles of the MIG-capable GPUs the operator knows (the tables of the NVIDIA MIG
/// User Guide, "Supported MIG Profiles", and of gpu-operator's mig-manager default config):
///
/// | GPU | profiles (max instances per GPU) |
/// | --- | --- |
/// | A100-40GB | 1g.5gb (7), 1g.5gb+me (1), 1g.10gb (4), 2g.10gb (3), 3g.20gb (2), 4g.20gb (1), 7g.40gb (1) |
/// | A100-80GB, H100-80GB | 1g.10gb (7), 1g.10gb+me (1), 1g.20gb (4), 2g.20gb (3), 3g.40gb (2), 4g.40gb (1), 7g.80gb (1) |
/// | H200-141GB | 1g.18gb (7), 1g.18gb+me (1), 1g.35gb (4), 2g.35gb (3), 3g.71gb (2), 4g.71gb (1), 7g.141gb (1) |
public enum MIGCatalogue {
    public static let a100_40GB = GPUModel(name: "A100-40GB", memoryGB: 40, migProfiles: table([
        ("1g.5gb", 7), ("1g.5gb+me", 1), ("1g.10gb", 4), ("2g.10gb", 3), ("3g.20gb", 2), ("4g.20gb", 1), ("7g.40gb", 1),
    ]))

    public static let a100_80GB = GPUModel(name: "A100-80GB", memoryGB: 80, migProfiles: eightyGBProfiles)

    public static let h100_80GB = GPUModel(name: "H100-80GB", memoryGB: 80, migProfiles: eightyGBProfiles)

    public static let h200_141GB = GPUModel(name: "H200-141GB", memoryGB: 141, migProfiles: table([
        ("1g.18gb", 7), ("1g.18gb+me", 1), ("1g.35gb", 4), ("2g.35gb", 3), ("3g.71gb", 2), ("4g.71gb", 1), ("7g.141gb", 1),
    ]))

    /// Every catalogued GPU model.
    public static let models: [GPUModel] = [a100_40GB, a100_80GB, h100_80GB, h200_141GB]

    /// The union of all catalogues' profiles, one per name (the same name means the same slice
    /// size on every GPU; `maxInstances` is that of the first table listing it), smallest
    /// first. Used when `resources.gpu.product` is unset or not catalogued.
    public static let allProfiles: [MIGProfile] = {
        var seen = Set<String>()
        var out: [MIGProfile] = []
        for model in models {
            for profile in model.migProfiles where seen.insert(profile.name).inserted {
                out.append(profile)
            }
        }
        return out.sorted(by: MIGProfile.smallerFirst)
    }()

    /// The profiles valid for `model`, or ``allProfiles`` when the model is unknown.
    public static func profiles(for model: GPUModel?) -> [MIGProfile] {
        model?.migProfiles ?? allProfiles
    }

    /// The catalogued model of a `nvidia.com/gpu.product` label value, or nil.
    ///
    /// Matching rule (case-insensitive): the value is split into `-`/`_`/space-separated
    /// tokens; a `MIG` token and everything after it (the single strategy's `-MIG-<profile>`
    /// suffix) is ignored. The GPU family is the token `A100`, `H100` or `H200` (whole token,
    /// so `GH200` is not an `H200`), and a `<N>GB` token, if any, is the memory:
    /// - `A100` needs the memory token: `40GB` → A100-40GB, `80GB` → A100-80GB
    ///   (`NVIDIA-A100-SXM4-40GB`, `NVIDIA-A100-PCIE-40GB`, `NVIDIA-A100-SXM4-80GB`,
    ///   `NVIDIA-A100-80GB-PCIe`);
    /// - `H100` with `80GB` or no memory token → H100-80GB (`NVIDIA-H100-80GB-HBM3`,
    ///   `NVIDIA-H100-PCIe`); an `NVL` token or other memory (the 94 GB H100 NVL, whose MIG
    ///   profiles differ) → nil;
    /// - `H200` with `141GB` or no memory token → H200-141GB (`NVIDIA-H200`,
    ///   `NVIDIA-H200-NVL`).
    /// Anything else (L4, L40S, T4, GH200...) is not in the catalogue.
    public static func model(forProduct product: String) -> GPUModel? {
        let tokens = productTokens(product)
        let memory = tokens.compactMap(gigabytes(ofToken:)).first
        if tokens.contains("A100") {
            switch memory {
            case 40: return a100_40GB
            case 80: return a100_80GB
            default: return nil
            }
        }
        if tokens.contains("H100") {
            guard !tokens.contains("NVL"), memory == nil || memory == 80 else { return nil }
            return h100_80GB
        }
        if tokens.contains("H200") {
            guard memory == nil || memory == 141 else { return nil }
            return h200_141GB
        }
        return nil
    }

    /// Memory of one whole GPU of `product` in GiB: the catalogued model's, else the value of a
    /// `<N>GB` token in the label (`Tesla-V100-SXM2-16GB` → 16), else nil.
    public static func gpuMemoryGB(forProduct product: String) -> Int? {
        if let model = model(forProduct: product) { return model.memoryGB }
        return productTokens(product).compactMap(gigabytes(ofToken:)).first
    }

    /// Upper-cased tokens of a product label, without a `-MIG-<profile>` suffix.
    static func productTokens(_ product: String) -> [String] {
        let tokens = product.uppercased().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " }).map(String.init)
        if let mig = tokens.firstIndex(of: "MIG") { return Array(tokens[..<mig]) }
        return tokens
    }

    /// `80` for the token `80GB`.
    static func gigabytes(ofToken token: String) -> Int? {
        guard token.hasSuffix("GB") else { return nil }
        let digits = token.dropLast(2)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// The A100-80GB and H100-80GB table.
    private static let eightyGBProfiles = table([
        ("1g.10gb", 7), ("1g.10gb+me", 1), ("1g.20gb", 4), ("2g.20gb", 3), ("3g.40gb", 2), ("4g.40gb", 1), ("7g.80gb", 1),
    ])

    private static func table(_ rows: [(String, Int)]) -> [MIGProfile] {
        rows.map { name, max in
            guard let profile = MIGProfile(name: name, maxInstances: max) else {
                preconditionFailure("malformed MIG profile name in the catalogue: \(name)")
            }
            return profile
        }
    }
}
