import Crypto
import Foundation
import X509

/// A certificate and its private key, both as PEM text.
struct TestIdentity: Sendable {
    let certificatePEM: String
    let keyPEM: String
    var certificateBytes: [UInt8] { Array(certificatePEM.utf8) }
    var keyBytes: [UInt8] { Array(keyPEM.utf8) }
}

/// A throw-away certificate authority (P-256) that issues server and client certificates for tests.
struct TestCA: Sendable {
    let name: DistinguishedName
    let key: P256.Signing.PrivateKey
    let identity: TestIdentity
    var certificatePEM: String { identity.certificatePEM }
    var certificateBytes: [UInt8] { identity.certificateBytes }

    init(commonName: String = "kube-test-ca") throws {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName(commonName) }
        let now = Date()
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(24 * 3600),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(key)
        )
        self.name = name
        self.key = key
        self.identity = TestIdentity(certificatePEM: try certificate.serializeAsPEM().pemString, keyPEM: key.pemRepresentation)
    }

    /// The IPv6 loopback address `::1` as the 16 bytes of an IP subject alternative name.
    static let ipv6Loopback: [UInt8] = Array(repeating: 0, count: 15) + [1]

    /// A server certificate for the given DNS names and IP addresses (4 or 16 bytes each).
    func issueServer(commonName: String = "kube-test-server", dnsNames: [String] = ["localhost"], ipAddresses: [[UInt8]] = [[127, 0, 0, 1]]) throws -> TestIdentity {
        var names: [GeneralName] = dnsNames.map { .dnsName($0) }
        names += ipAddresses.map { .ipAddress(.init(contentBytes: $0[...])) }
        return try issue(commonName: commonName, usage: .serverAuth, alternativeNames: names)
    }

    /// A client certificate (CN = user name, O = group), as kube-apiserver's x509 authenticator reads it.
    func issueClient(user: String = "test-user") throws -> TestIdentity {
        try issue(commonName: user, usage: .clientAuth, alternativeNames: [])
    }

    private func issue(commonName: String, usage: ExtendedKeyUsage.Usage, alternativeNames: [GeneralName]) throws -> TestIdentity {
        let key = P256.Signing.PrivateKey()
        let now = Date()
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(24 * 3600),
            issuer: name,
            subject: try DistinguishedName { CommonName(commonName) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([usage])
                if !alternativeNames.isEmpty {
                    SubjectAlternativeNames(alternativeNames)
                }
            },
            issuerPrivateKey: .init(self.key)
        )
        return TestIdentity(certificatePEM: try certificate.serializeAsPEM().pemString, keyPEM: key.pemRepresentation)
    }
}
