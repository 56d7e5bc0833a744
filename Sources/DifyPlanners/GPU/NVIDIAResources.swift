import KubeCore

/// Names the NVIDIA device plugin and gpu-feature-discovery use on Kubernetes.
public enum NVIDIAResources {
    /// Whole GPUs, and MIG slices under the `single` strategy.
    public static let gpuResource = "nvidia.com/gpu"
    /// Prefix of the `mixed` strategy's per-profile resources (`nvidia.com/mig-3g.40gb`).
    public static let migResourcePrefix = "nvidia.com/mig-"
    /// The node label holding the GPU product (`NVIDIA-H100-80GB-HBM3`), or under the `single`
    /// MIG strategy `<product>-MIG-<profile>`.
    public static let productLabel = "nvidia.com/gpu.product"
    /// The separator gpu-feature-discovery puts between product and profile in the `single`
    /// strategy's product label.
    public static let singleStrategyProductInfix = "-MIG-"
    /// The taint GPU nodes usually carry (`nvidia.com/gpu=present:NoSchedule`).
    public static let taintKey = "nvidia.com/gpu"

    /// Tolerates the GPU taint whatever its value.
    public static let gpuToleration = Toleration(key: taintKey, operator: "Exists", effect: "NoSchedule")

    /// The `single` strategy's product label value for `profile` on `product`
    /// (`A100-SXM4-40GB-MIG-1g.5gb`); a `+me` profile is written `.me`, as `+` is not allowed
    /// in label values.
    public static func singleStrategyProduct(_ product: String, profile: String) -> String {
        product + singleStrategyProductInfix + MIGProfile.labelSafe(profile)
    }
}
