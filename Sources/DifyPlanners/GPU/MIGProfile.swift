/// One MIG profile of a GPU model: a slice with its own compute and memory that a pod gets as
/// one device (NVIDIA MIG User Guide, "Supported MIG Profiles").
///
/// The name encodes the slice: `<compute slices>g.<memory>gb`, plus `+me` for the variant with
/// media extensions (video decoders), of which a GPU holds one. The memory in the name is the
/// slice's memory in GiB rounded up (gpu-feature-discovery names a slice
/// `ceil(MiB / 1024)`gb), so the real slice is slightly smaller; the fit rule's
/// `gpuMemoryUtilization` margin (0.9 by default) absorbs that rounding.
public struct MIGProfile: Equatable, Sendable {
    /// As NVIDIA writes it, e.g. `3g.40gb` or `1g.10gb+me`.
    public var name: String
    /// Compute slices (the `Ng` part), out of 7 on every catalogued GPU.
    public var computeSlices: Int
    /// Memory of the slice in GiB (the `.Mgb` part).
    public var memoryGB: Int
    /// How many slices of this profile one GPU can hold.
    public var maxInstances: Int

    public init(name: String, computeSlices: Int, memoryGB: Int, maxInstances: Int) {
        self.name = name
        self.computeSlices = computeSlices
        self.memoryGB = memoryGB
        self.maxInstances = maxInstances
    }

    /// A profile from its name alone (`3g.40gb`, `1g.10gb+me`); nil when the name does not
    /// have the `<N>g.<M>gb[+me]` shape.
    public init?(name: String, maxInstances: Int) {
        guard let (slices, memory, _) = Self.components(of: name) else { return nil }
        self.init(name: name, computeSlices: slices, memoryGB: memory, maxInstances: maxInstances)
    }

    /// The suffix of profiles with media extensions.
    public static let mediaExtensionsSuffix = "+me"

    /// Whether this is a `+me` profile (media extensions; one per GPU). `profile: auto` and the
    /// "smallest profile that fits" suggestions skip these: they cost a whole media engine for
    /// the memory of the plain profile.
    public var hasMediaExtensions: Bool { name.hasSuffix(Self.mediaExtensionsSuffix) }

    /// The slice's memory in bytes (`memoryGB` GiB).
    public var memoryBytes: Int64 { Int64(memoryGB) * MemoryFit.bytesPerGiB }

    /// The extended resource of the device plugin's `mixed` strategy:
    /// `nvidia.com/mig-<profile>`, with `+me` written `.me` (`nvidia.com/mig-1g.10gb.me`).
    public var resourceName: String { Self.resourceName(forProfile: name) }

    /// ``resourceName`` for a profile name.
    public static func resourceName(forProfile name: String) -> String {
        NVIDIAResources.migResourcePrefix + labelSafe(name)
    }

    /// The profile name with `+` written `.`, as the device plugin spells it in resource
    /// names; also used in the `single` strategy's product label, because `+` is not allowed in
    /// a label value.
    public static func labelSafe(_ name: String) -> String {
        String(name.map { $0 == "+" ? "." : $0 })
    }

    /// The order in which profiles are tried: by memory, then compute slices, plain profiles
    /// before `+me` ones.
    public static func smallerFirst(_ a: MIGProfile, _ b: MIGProfile) -> Bool {
        if a.memoryGB != b.memoryGB { return a.memoryGB < b.memoryGB }
        if a.computeSlices != b.computeSlices { return a.computeSlices < b.computeSlices }
        return !a.hasMediaExtensions && b.hasMediaExtensions
    }

    /// `(compute slices, memory GiB, media extensions)` of a `<N>g.<M>gb[+me]` name.
    static func components(of name: String) -> (Int, Int, Bool)? {
        var rest = Substring(name)
        let me = rest.hasSuffix(mediaExtensionsSuffix)
        if me { rest = rest.dropLast(mediaExtensionsSuffix.count) }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].hasSuffix("g"), parts[1].hasSuffix("gb"),
              let slices = Int(parts[0].dropLast()), let memory = Int(parts[1].dropLast(2)),
              slices > 0, memory > 0,
              parts[0].dropLast().allSatisfy(\.isASCII), parts[1].dropLast(2).allSatisfy(\.isASCII)
        else { return nil }
        return (slices, memory, me)
    }
}
