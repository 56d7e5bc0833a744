import NIOSSL

/// Builds the NIOSSL client configuration for ``TLSSettings``. With a CA bundle, only that CA is
/// trusted (as client-go does); without one, the system roots. Verification stays on unless
/// `insecureSkipTLSVerify` is set.
public enum TLSConfigurationFactory {
    public static func make(_ settings: TLSSettings) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if settings.insecureSkipTLSVerify {
            tls.certificateVerification = .none
        }
        if let ca = settings.certificateAuthorityPEM {
            let certs: [NIOSSLCertificate]
            do { certs = try NIOSSLCertificate.fromPEMBytes(ca) } catch {
                throw KubeError.configuration("certificate authority is not valid PEM: \(error)")
            }
            guard !certs.isEmpty else { throw KubeError.configuration("certificate authority holds no certificate") }
            tls.trustRoots = .certificates(certs)
        }
        if let certPEM = settings.clientCertificatePEM, let keyPEM = settings.clientKeyPEM {
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(certPEM).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: keyPEM, format: .pem))
            } catch {
                throw KubeError.configuration("client certificate or key is not valid PEM: \(error)")
            }
        }
        return tls
    }
}
