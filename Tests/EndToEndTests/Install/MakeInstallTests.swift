import Foundation
import Testing
import VigilTestSupport

/// `make install` and `make uninstall` into a scratch DESTDIR, with the binary under test
/// (`VIGIL_BIN`): every file where the units expect it, an edited config kept, state and log kept.
///
/// The man page comes from swift-argument-parser's generate-manual, which `make test` builds
/// before the tests run (a build from inside `swift test` would wait on its lock).
@Suite(.serialized, .enabled(if: MakeInstall.toolsBuilt, "needs generate-manual, built by `make test`"))
struct MakeInstallTests {
    @Test func installLaysEveryFileWhereTheUnitsExpectIt() async throws {
        let root = try ScratchFolder().path
        let result = try await MakeInstall.run(["install"], destination: root)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")

        let unit = try MakeInstall.read(root, "/usr/local/lib/systemd/system/vigil.service")
        let execStart = try #require(MakeInstall.values(unit, "ExecStart").first)
        #expect(execStart == "/usr/local/bin/vigil run --config /etc/vigil/vigil.toml")
        let binary = root + "/usr/local/bin/vigil"
        #expect(FileManager.default.isExecutableFile(atPath: binary))
        #expect(MakeInstall.mode(binary) == 0o755)
        for name in ["vigil-rescan@.service", "vigil-rescan-all.service", "vigil-rescan-all.timer"] {
            let text = try MakeInstall.read(root, "/usr/local/lib/systemd/system/" + name)
            #expect(!text.contains("@bindir@"), "\(name)")
            for command in MakeInstall.values(text, "ExecStart") {
                #expect(command.hasPrefix("/usr/local/bin/vigil rescan --config /etc/vigil/vigil.toml"), "\(command)")
            }
        }

        // The config the units name, as shipped; its folders are the units' StateDirectory and
        // LogsDirectory, which the tmpfiles snippet creates for the user sysusers creates.
        let config = try MakeInstall.read(root, "/etc/vigil/vigil.toml")
        #expect(config == (try String(contentsOfFile: VigilBinary.packageRoot + "/config/vigil.toml", encoding: .utf8)))
        #expect(try MakeInstall.read(root, "/etc/vigil/vigil.toml.example") == config)
        #expect(config.contains("\nstate_dir = \"/var/lib/vigil\"\n"))
        #expect(config.contains("\nalert_log = \"/var/log/vigil/alerts.jsonl\"\n"))
        #expect(MakeInstall.values(unit, "StateDirectory") == ["vigil"])
        #expect(MakeInstall.values(unit, "LogsDirectory") == ["vigil"])
        #expect(MakeInstall.values(unit, "ConfigurationDirectory") == ["vigil"])
        #expect(MakeInstall.values(unit, "User") == ["vigil"])
        let sysusers = try MakeInstall.read(root, "/usr/local/lib/sysusers.d/vigil.conf")
        #expect(sysusers.split(separator: "\n").contains { $0.hasPrefix("u vigil ") })
        let tmpfiles = try MakeInstall.read(root, "/usr/local/lib/tmpfiles.d/vigil.conf")
        #expect(tmpfiles.contains("d /var/lib/vigil 0750 vigil vigil"))
        #expect(tmpfiles.contains("d /var/log/vigil 0750 vigil vigil"))
        let logrotate = try MakeInstall.read(root, "/etc/logrotate.d/vigil")
        #expect(logrotate.contains("/var/log/vigil/alerts.jsonl {"))
        #expect(!logrotate.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "copytruncate" })

        // Man page and completions, generated from the binary by swift-argument-parser, without
        // the hidden options.
        let manual = try MakeInstall.read(root, "/usr/local/share/man/man1/vigil.1")
        #expect(manual.contains(".Dt VIGIL 1") || manual.contains(".TH"), "\(manual.prefix(200))")
        #expect(manual.contains("rescan"))
        let bash = try MakeInstall.read(root, "/usr/local/share/bash-completion/completions/vigil")
        let zsh = try MakeInstall.read(root, "/usr/local/share/zsh/site-functions/_vigil")
        let fish = try MakeInstall.read(root, "/usr/local/share/fish/vendor_completions.d/vigil.fish")
        #expect(bash.contains("--log-level"))
        #expect(zsh.hasPrefix("#compdef vigil"))
        #expect(fish.contains("complete -c 'vigil'"))
        for text in [manual, bash, zsh, fish] {
            #expect(!text.contains("test-hang-poll-file"))
        }
    }

    @Test func aSecondInstallKeepsAnEditedConfigAndUninstallKeepsStateAndLog() async throws {
        let root = try ScratchFolder().path
        #expect(try await MakeInstall.run(["install"], destination: root).status == 0)
        let configPath = root + "/etc/vigil/vigil.toml"
        let edited = try MakeInstall.read(root, "/etc/vigil/vigil.toml") + "\n[[repos]]\npath = \"/srv/git/app.git\"\n"
        try edited.write(toFile: configPath, atomically: true, encoding: .utf8)
        // What the daemon would have written by now.
        try FileManager.default.createDirectory(atPath: root + "/var/lib/vigil", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/var/log/vigil", withIntermediateDirectories: true)
        try "queue".write(toFile: root + "/var/lib/vigil/queue.sqlite", atomically: true, encoding: .utf8)
        try "{}\n".write(toFile: root + "/var/log/vigil/alerts.jsonl", atomically: true, encoding: .utf8)
        try "{}\n".write(toFile: root + "/var/log/vigil/alerts.jsonl.1", atomically: true, encoding: .utf8)

        let again = try await MakeInstall.run(["install"], destination: root)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try MakeInstall.read(root, "/etc/vigil/vigil.toml") == edited, "the edited config is kept")
        #expect(again.stdout.contains("keeping"))

        let removed = try await MakeInstall.run(["uninstall"], destination: root)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try MakeInstall.read(root, "/etc/vigil/vigil.toml") == edited, "an edited config is the operator's")
        for kept in ["/var/lib/vigil/queue.sqlite", "/var/log/vigil/alerts.jsonl", "/var/log/vigil/alerts.jsonl.1"] {
            #expect(FileManager.default.fileExists(atPath: root + kept), "\(kept) is kept")
        }
        let left = MakeInstall.files(under: root).filter { !$0.hasPrefix("/var/") }
        #expect(left == ["/etc/vigil/vigil.toml"], "everything else install laid down is gone: \(left)")
    }

    @Test func anUneditedConfigIsRemovedWithTheRestAndPrefixIsHonoured() async throws {
        let root = try ScratchFolder().path
        #expect(try await MakeInstall.run(["install", "PREFIX=/usr"], destination: root).status == 0)
        let unit = try MakeInstall.read(root, "/usr/lib/systemd/system/vigil.service")
        #expect(MakeInstall.values(unit, "ExecStart") == ["/usr/bin/vigil run --config /etc/vigil/vigil.toml"])
        #expect(FileManager.default.isExecutableFile(atPath: root + "/usr/bin/vigil"))
        #expect(!FileManager.default.fileExists(atPath: root + "/usr/local"))
        #expect(try await MakeInstall.run(["uninstall", "PREFIX=/usr"], destination: root).status == 0)
        #expect(MakeInstall.files(under: root) == [], "\(MakeInstall.files(under: root))")
    }
}

/// Running the Makefile's targets against a scratch root.
enum MakeInstall {
    static var toolsBuilt: Bool {
        ["release", "debug"].contains {
            FileManager.default.isExecutableFile(atPath: VigilBinary.packageRoot + "/.build/\($0)/generate-manual-tool")
        }
    }

    static func run(_ arguments: [String], destination: String) async throws -> ProcessResult {
        try await ProcessResult.running(
            "/usr/bin/make",
            ["--no-print-directory", "-C", VigilBinary.packageRoot] + arguments + [
                "DESTDIR=\(destination)", "VIGIL_BIN=\(VigilBinary.path)",
            ],
            in: nil, environment: ["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "HOME": NSTemporaryDirectory()])
    }

    static func read(_ root: String, _ path: String) throws -> String {
        try String(contentsOfFile: root + path, encoding: .utf8)
    }

    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int
    }

    /// The values of `key=` lines in a unit file.
    static func values(_ unit: String, _ key: String) -> [String] {
        unit.split(separator: "\n").compactMap { line in
            line.hasPrefix(key + "=") ? String(line.dropFirst(key.count + 1)) : nil
        }
    }

    /// Every regular file under `root`, as absolute paths inside it, sorted.
    static func files(under root: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue {
                found.append("/" + relative)
            }
        }
        return found.sorted()
    }
}
