import Foundation
import Testing
import VigilCore
import VigilTestSupport

/// Finding the repository a path is in, upward, where git would find it and nowhere else.
@Suite struct RepositoryDiscoveryTests {
    private func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    private func found(_ path: String, _ environment: [String: String] = [:]) -> String? {
        try? RepositoryIdentity.discover(path, environment: environment).get()
    }

    private func failure(_ path: String, _ environment: [String: String] = [:]) -> String? {
        if case .failure(let failure) = RepositoryIdentity.discover(path, environment: environment) {
            return failure.description
        }
        return nil
    }

    @Test func aFolderOrFileInsideAWorkTreeFindsItAsGitDoes() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["src/deep/main.c": "int main;\n"])
        let toplevel = try fixture.git(["rev-parse", "--show-toplevel"], in: fixture.path + "/src/deep")
        #expect(found(fixture.path + "/src/deep") == resolved(toplevel.trimmingCharacters(in: .newlines)))
        #expect(found(fixture.path + "/src/deep/main.c") == resolved(fixture.path))
        #expect(found(fixture.path + "/.git/refs") == resolved(fixture.path))
        #expect(found(fixture.path + "/") == resolved(fixture.path))
    }

    @Test func aBareRepositoryIsFoundFromItsFolders() throws {
        let fixture = try FixtureRepository(bare: true, name: "app.git")
        #expect(found(fixture.path + "/refs/heads") == resolved(fixture.path))
    }

    @Test func aPathThatDoesNotExistOrLoopsIsAnError() throws {
        let folder = try ScratchFolder()
        #expect(failure(folder.path + "/missing")?.contains("does not exist") == true)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/a", withDestinationPath: folder.path + "/b")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/b", withDestinationPath: folder.path + "/a")
        #expect(failure(folder.path + "/a")?.contains("does not exist") == true)
        #expect(failure(folder.path)?.contains("not a git repository (nor any of its parent folders)") == true)
    }

    /// A `.git` file that names no repository stops the search with an error, as in git: moving on
    /// up would scan the enclosing repository instead.
    @Test func aFakeGitFileIsAnErrorNotAReasonToClimb() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["vendor/lib/x.c": "x\n"])
        try fixture.write("vendor/lib/.git", "gitdir: /nonexistent/elsewhere\n")
        let message = try #require(failure(fixture.path + "/vendor/lib"))
        #expect(message.contains("not a git repository"), "\(message)")
        try fixture.write("vendor/lib/.git", "not a gitdir line\n")
        #expect(failure(fixture.path + "/vendor/lib")?.contains("not a valid .git file") == true)
        // Near miss: a `.git` file naming a real repository is a linked work tree or submodule.
        let other = try FixtureRepository()
        try fixture.write("vendor/lib/.git", "gitdir: \(other.path)/.git\n")
        #expect(found(fixture.path + "/vendor/lib") == resolved(fixture.path + "/vendor/lib"))
    }

    @Test func theSearchStopsAtACeiling() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["sub/deeper/x.c": "x\n"])
        let ceiling = ["GIT_CEILING_DIRECTORIES": resolved(fixture.path + "/sub")]
        #expect(failure(fixture.path + "/sub/deeper", ceiling) != nil)
        let result = try ProcessResult.run(
            "/usr/bin/git", ["rev-parse", "--show-toplevel"], in: fixture.path + "/sub/deeper",
            environment: ["PATH": "/usr/bin:/bin", "GIT_CEILING_DIRECTORIES": resolved(fixture.path + "/sub"),
                "HOME": fixture.root, "GIT_CONFIG_NOSYSTEM": "1"])
        #expect(result.status != 0, "git agrees")
        // Near miss: a ceiling elsewhere does not stop it.
        #expect(found(fixture.path + "/sub/deeper", ["GIT_CEILING_DIRECTORIES": "/nonexistent:relative"]) == resolved(fixture.path))
    }
}
