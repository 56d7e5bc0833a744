import Foundation

/// Benchmarks that print figures (run through `hack/bench-client` and `hack/bench-emulator`).
///
///     KubeBench client [events] [listItems]
///     KubeBench emulator [objects] [watchers]
///     KubeBench runtime [events] [cachedObjects]
///     KubeBench operator <dify-operator binary> [difyDeployments]
let args = Array(CommandLine.arguments.dropFirst())
switch args.first {
case "runtime":
    try await RuntimeBench.run(events: args.count > 1 ? Int(args[1]) ?? 100_000 : 100_000, cached: args.count > 2 ? Int(args[2]) ?? 5_000 : 5_000)
case "operator":
    guard args.count > 1 else { fatalError("usage: KubeBench operator <dify-operator binary> [count]") }
    try await OperatorBench.run(count: args.count > 2 ? Int(args[2]) ?? 1_000 : 1_000, operatorBinary: args[1])
case "emulator":
    try await EmulatorBench.run(objects: args.count > 1 ? Int(args[1]) ?? 2_000 : 2_000, watchers: args.count > 2 ? Int(args[2]) ?? 50 : 50)
default:
    let rest = args.first == "client" ? Array(args.dropFirst()) : args
    try await ClientBench.run(eventCount: rest.count > 0 ? Int(rest[0]) ?? 50_000 : 50_000, listCount: rest.count > 1 ? Int(rest[1]) ?? 5_000 : 5_000)
}
