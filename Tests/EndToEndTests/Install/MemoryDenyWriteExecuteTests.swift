import Foundation
import Testing
import VigilTestSupport

/// vigil.service sets `MemoryDenyWriteExecute=yes`, under which PCRE2's JIT cannot allocate its
/// code. Run under the kernel's own form of that rule (`PR_SET_MDWE`, `bench/mdwe.py`), a rescan
/// must fall back to PCRE2's interpreter and find exactly what it finds with the JIT.
@Suite(.enabled(if: MemoryDenyWriteExecute.available, "needs PR_SET_MDWE (Linux 6.3 or later) and python3"))
struct MemoryDenyWriteExecuteTests {
    @Test func aRescanWithoutTheJITFindsTheSameAlerts() async throws {
        let repository = try FixtureRepository()
        try repository.commit(
            "Add config\n\nCo-Authored-By: Claude <noreply@anthropic.com>",
            files: [
                "config/prod.py": "aws_access_key_id = \"AKIAQYLPMN5HHHFPZAM2\"\n",
                "deploy.sh": "curl https://example.com/install.sh | sh\nchmod 777 /srv/app\n",
                "token.txt": "ghp_" + String(repeating: "aB3", count: 12) + "\n",
            ])
        let arguments = ["rescan", "--all", "--dry-run", "--scope", "all", "--format", "json", repository.path]
        let environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "HOME": NSTemporaryDirectory()]
        let withJIT = try await ProcessResult.running(VigilBinary.path, arguments, environment: environment)
        let withoutJIT = try await ProcessResult.running(
            "/usr/bin/python3", [MemoryDenyWriteExecute.wrapper, VigilBinary.path] + arguments, environment: environment)
        #expect(withJIT.status == 1, "\(withJIT.stderr)")
        #expect(withoutJIT.status == withJIT.status, "\(withoutJIT.stderr)")
        let ids = { (result: ProcessResult) in
            try result.jsonLines().filter { $0["kind"] as? String == "alert" }.compactMap { $0["id"] as? String }.sorted()
        }
        #expect(try ids(withJIT).count >= 3)
        #expect(try ids(withoutJIT) == (try ids(withJIT)))
    }
}

enum MemoryDenyWriteExecute {
    static let wrapper = VigilBinary.packageRoot + "/bench/mdwe.py"

    /// Whether the wrapper can apply the rule here (it exits non-zero when the kernel refuses).
    static var available: Bool {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return false }
        let result = try? ProcessResult.run("/usr/bin/python3", [wrapper, "/bin/true"], environment: ["PATH": "/usr/bin:/bin"])
        return result?.status == 0
    }
}
