import EmulatorTestSupport
import Foundation
import KubeClient
import KubeCore
import Testing

/// client-go sends `DeleteOptions` as protobuf for built-in kinds (Helm's uninstall does, for its
/// release Secret); the emulator reads it as it reads the JSON form.
@Suite struct DeleteOptionsProtobufTests {
    /// A length-delimited protobuf field.
    static func field(_ number: Int, _ bytes: [UInt8]) -> [UInt8] {
        [UInt8(number << 3 | 2), UInt8(bytes.count)] + bytes
    }

    static func deleteOptions(propagationPolicy: String, preconditionUID: String) -> [UInt8] {
        let typeMeta = field(1, Array("v1".utf8)) + field(2, Array("DeleteOptions".utf8))
        let raw = field(2, field(1, Array(preconditionUID.utf8))) + field(4, Array(propagationPolicy.utf8))
        return [0x6B, 0x38, 0x73, 0x00] + field(1, typeMeta) + field(2, raw)
    }

    @Test func aProtobufDeleteOptionsBodyIsHonoured() async throws {
        try await EmulatorHarness.with { h in
            let secrets = h.client.resource(Secret.self)
            let secret = try await secrets.create(Secret(metadata: ObjectMeta(name: "sh.helm.release.v1.x.v1", namespace: "default"), stringData: ["release": "x"]))
            // A wrong precondition uid is refused: the body was read.
            let wrong = try await h.raw(.DELETE, "/api/v1/namespaces/default/secrets/\(secret.metadata.name!)", body: Self.deleteOptions(propagationPolicy: "Background", preconditionUID: "not-the-uid"), contentType: "application/vnd.kubernetes.protobuf")
            #expect(wrong.status == 409)
            let right = try await h.raw(.DELETE, "/api/v1/namespaces/default/secrets/\(secret.metadata.name!)", body: Self.deleteOptions(propagationPolicy: "Background", preconditionUID: secret.metadata.uid!), contentType: "application/vnd.kubernetes.protobuf")
            #expect(right.status == 200)
            #expect(try await secrets.getIfExists(secret.metadata.name!, namespace: "default") == nil)
        }
    }
}
