import Testing

@testable import VigilCore

/// `--config FILE`, then `$VIGIL_CONFIG`, then the system file if present, then the built-in default.
@Suite struct ConfigResolutionTests {
    let folder: TemporaryFolder
    let explicitFile: String
    let environmentFile: String
    let systemFile: String

    init() throws {
        folder = try TemporaryFolder()
        explicitFile = try folder.write("explicit.toml", "[daemon]\npoll_interval = \"1s\"\n")
        environmentFile = try folder.write("environment.toml", "[daemon]\npoll_interval = \"2s\"\n")
        systemFile = try folder.write("system.toml", "[daemon]\npoll_interval = \"3s\"\n")
    }

    @Test func explicitPathWinsOverEverything() throws {
        let environment = ["VIGIL_CONFIG": environmentFile]
        let source = ConfigLoader.source(explicit: explicitFile, environment: environment, systemPath: systemFile)
        #expect(source == .explicit(explicitFile))
        let config = try ConfigLoader.resolve(explicit: explicitFile, environment: environment, systemPath: systemFile)
        #expect(config.daemon.pollInterval == .seconds(1))
        #expect(config.source == explicitFile)
    }

    @Test func environmentComesNext() throws {
        let environment = ["VIGIL_CONFIG": environmentFile, "OTHER": "x"]
        #expect(
            ConfigLoader.source(explicit: nil, environment: environment, systemPath: systemFile)
                == .environment(environmentFile))
        let config = try ConfigLoader.resolve(explicit: nil, environment: environment, systemPath: systemFile)
        #expect(config.daemon.pollInterval == .seconds(2))
    }

    @Test func emptyEnvironmentVariableIsUnset() throws {
        let config = try ConfigLoader.resolve(explicit: nil, environment: ["VIGIL_CONFIG": ""], systemPath: systemFile)
        #expect(config.daemon.pollInterval == .seconds(3))
    }

    @Test func systemFileWhenItExists() throws {
        #expect(ConfigLoader.source(explicit: nil, environment: [:], systemPath: systemFile) == .system(systemFile))
        let config = try ConfigLoader.resolve(explicit: nil, environment: [:], systemPath: systemFile)
        #expect(config.daemon.pollInterval == .seconds(3))
        #expect(config.source == systemFile)
    }

    @Test func builtInDefaultWhenThereIsNoFile() throws {
        let absent = folder.path + "/absent.toml"
        #expect(ConfigLoader.source(explicit: nil, environment: [:], systemPath: absent) == .builtIn)
        let config = try ConfigLoader.resolve(explicit: nil, environment: [:], systemPath: absent)
        #expect(config.source == nil)
        #expect(config.repos.isEmpty)
        #expect(config.daemon == VigilConfig.builtInDefault.daemon)
    }

    @Test func namedFilesThatAreMissingAreErrorsNotFallbacks() {
        let absent = folder.path + "/absent.toml"
        #expect(throws: ConfigProblems.self) {
            try ConfigLoader.resolve(explicit: absent, environment: [:], systemPath: systemFile)
        }
        #expect(throws: ConfigProblems.self) {
            try ConfigLoader.resolve(explicit: nil, environment: ["VIGIL_CONFIG": absent], systemPath: systemFile)
        }
    }

    @Test func brokenSystemFileIsReportedNotSkipped() throws {
        let broken = try folder.write("broken.toml", "[daemon\n")
        #expect(throws: ConfigProblems.self) {
            try ConfigLoader.resolve(explicit: nil, environment: [:], systemPath: broken)
        }
    }

    @Test func sourcesDescribeThemselves() {
        #expect(ConfigSource.explicit("/a").path == "/a")
        #expect(ConfigSource.environment("/b").description.contains("$VIGIL_CONFIG"))
        #expect(ConfigSource.builtIn.path == nil)
        #expect(ConfigLoader.systemPath == "/etc/vigil/vigil.toml")
    }
}
