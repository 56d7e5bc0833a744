import KubeClient

/// The message of the `KubeError.configuration` thrown by `body`, or a description of what
/// happened instead (no error, another error), so a `#expect(... == "...")` shows both sides.
func configurationError(_ body: () throws -> some Any) -> String {
    do {
        let value = try body()
        return "no error; got \(value)"
    } catch KubeError.configuration(let message) {
        return message
    } catch {
        return "unexpected error \(error)"
    }
}

/// The message of the `KubeError.authentication` thrown by `body`, or a description of what happened instead.
func authenticationError(_ body: () async throws -> some Any) async -> String {
    do {
        let value = try await body()
        return "no error; got \(value)"
    } catch KubeError.authentication(let message) {
        return message
    } catch {
        return "unexpected error \(error)"
    }
}

/// The message of the `KubeError.tls` (a failed handshake) thrown by `body`, or nil with the outcome recorded in `other`.
func tlsError(_ body: () async throws -> some Any) async -> (message: String?, other: String?) {
    do {
        let value = try await body()
        return (nil, "no error; got \(value)")
    } catch KubeError.tls(let message) {
        return (message, nil)
    } catch {
        return (nil, "unexpected error \(error)")
    }
}
