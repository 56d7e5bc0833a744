import Foundation

/// Files of the repository the tests read (`crds/`, `crds/samples/`), found from this source
/// file's path.
enum RepositoryFiles {
    /// The repository root: three levels above `Tests/DifyAPITests/Support/`, where this file is.
    static func root() -> URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Support
            .deletingLastPathComponent()  // DifyAPITests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()
    }

    /// The text of `relativePath`, or nil when the file does not exist.
    static func text(_ relativePath: String) -> String? {
        let url = root().appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The `.yaml` files of `crds/samples/`, by name, in name order.
    static func samples() throws -> [(name: String, text: String)] {
        let dir = root().appendingPathComponent("crds/samples")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".yaml") }
            .sorted()
        return names.map { name in (name, text("crds/samples/" + name) ?? "") }
    }
}
