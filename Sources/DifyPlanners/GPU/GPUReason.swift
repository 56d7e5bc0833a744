/// The `reason`s of the ``SpecProblem``s the GPU planner reports.
public enum GPUReason {
    /// `resources.gpu` sets both `count` and `mig`, or neither.
    public static let gpuCountAndMIG = "GPUCountAndMIG"
    /// `resources.gpu.count` below 1.
    public static let invalidGPUCount = "InvalidGPUCount"
    /// `resources.gpu.product` is not a valid label value, or names a MIG slice.
    public static let invalidGPUProduct = "InvalidGPUProduct"
    /// The MIG profile is not in the product's catalogue (or in any, without a product).
    public static let unknownMIGProfile = "UnknownMIGProfile"
    /// `mig.strategy` is neither `mixed` nor `single`.
    public static let invalidMIGStrategy = "InvalidMIGStrategy"
    /// `mig.strategy: single` without `product` (the node selector needs it).
    public static let migProductRequired = "MIGProductRequired"
    /// `profile: auto` without a catalogued `product`.
    public static let migAutoNeedsProduct = "MIGAutoNeedsProduct"
    /// `profile: auto` without `size`.
    public static let migAutoNeedsSize = "MIGAutoNeedsSize"
    /// `engine.tensorParallelSize` other than 1 on a MIG slice.
    public static let tensorParallelOnMIG = "TensorParallelOnMIG"
    /// `engine.tensorParallelSize` above `resources.gpu.count`.
    public static let tensorParallelExceedsGPUs = "TensorParallelExceedsGPUs"
    /// `engine.tensorParallelSize` below 1.
    public static let invalidTensorParallelSize = "InvalidTensorParallelSize"
    /// `engine.gpuMemoryUtilization` outside (0, 1].
    public static let invalidGPUMemoryUtilization = "InvalidGPUMemoryUtilization"
    /// The memory estimate exceeds what the requested slice or GPUs offer.
    public static let modelDoesNotFit = "ModelDoesNotFit"
    /// `size.parameters` is not a parameter count.
    public static let invalidModelSize = "InvalidModelSize"
    /// `size.dtype` is not one of `DifyEnums.dtypes`.
    public static let invalidDType = "InvalidDType"
    /// `resources.cpu` or `resources.memory` is not a positive quantity.
    public static let invalidQuantity = "InvalidQuantity"
}
