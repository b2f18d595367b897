#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a TOML file into a validated `VigilConfig`, and finds which file every command uses.
///
/// Validation is whole: every unknown key, wrong type and bad value in the file is reported at once,
/// each with its key and line, because a daemon that starts with a misspelt option silently ignored
/// has a guardrail silently off. `[checks.<id>]` tables are kept as written and validated by the
/// check catalogue, which knows each check's options.
public enum ConfigLoader {
    /// The system-wide config file, read when neither `--config` nor `$VIGIL_CONFIG` names one.
    public static let systemPath = "/etc/vigil/vigil.toml"

    /// The environment variable that names a config file.
    public static let environmentVariable = "VIGIL_CONFIG"

    // MARK: - Parsing

    /// Parses and validates TOML `text`. An empty text is valid: the built-in defaults, no repositories.
    /// - Parameter file: the file name for problems and `VigilConfig.source`; `nil` for text from elsewhere.
    /// - Parameter catalog: when given, `[checks.*]` tables are validated by it in the same pass, so
    ///   one run lists every problem in the file; without it they are kept as written, unchecked.
    public static func parse(
        _ text: String, file: String?, validatingChecks catalog: CheckCatalog? = nil
    ) throws(ConfigProblems) -> VigilConfig {
        let reading = TOMLDocument.read(text)
        guard let root = reading.root else { throw ConfigProblems(reading.problems.located(in: file)) }
        var reader = ConfigReader(unsupported: reading.unsupported)
        for problem in reading.problems { reader.report(problem) }
        var config = VigilConfig(root: root, source: file, reader: &reader)
        config.sourceText = text
        var found = reader.finish()
        do {
            try catalog?.validate(config)
        } catch {
            found = (found + error.problems).inFileOrder()
        }
        guard found.isEmpty else { throw ConfigProblems(found.located(in: file)) }
        return config
    }

    /// Reads and validates the file at `path`. A missing or unreadable file, a directory, a file over
    /// 4 MiB or one that is not UTF-8 is a problem like any other, never a crash.
    public static func load(path: String, validatingChecks catalog: CheckCatalog? = nil) throws(ConfigProblems)
        -> VigilConfig
    {
        let text: String
        do {
            text = try ConfigFileReader.text(ofFile: path)
        } catch {
            throw ConfigProblems([error])
        }
        return try parse(text, file: path, validatingChecks: catalog)
    }

    // MARK: - Resolution

    /// Which config a command uses: `explicit` (`--config`), else `$VIGIL_CONFIG` when set and not
    /// empty, else `systemPath` when anything is there (a broken file there is reported, not skipped),
    /// else the built-in default.
    public static func source(
        explicit: String?, environment: [String: String], systemPath: String = ConfigLoader.systemPath
    ) -> ConfigSource {
        if let explicit { return .explicit(explicit) }
        if let named = environment[environmentVariable], !named.isEmpty { return .environment(named) }
        var info = stat()
        if lstat(systemPath, &info) == 0 { return .system(systemPath) }
        return .builtIn
    }

    /// Loads the config a source names; `.builtIn` gives `VigilConfig.builtInDefault`.
    public static func load(_ source: ConfigSource, validatingChecks catalog: CheckCatalog? = nil)
        throws(ConfigProblems) -> VigilConfig
    {
        guard let path = source.path else { return .builtInDefault }
        return try load(path: path, validatingChecks: catalog)
    }

    /// The config every command runs on: `load(source(explicit:environment:systemPath:))`.
    public static func resolve(
        explicit: String?, environment: [String: String], systemPath: String = ConfigLoader.systemPath,
        validatingChecks catalog: CheckCatalog? = nil
    ) throws(ConfigProblems) -> VigilConfig {
        let chosen = source(explicit: explicit, environment: environment, systemPath: systemPath)
        return try load(chosen, validatingChecks: catalog)
    }
}
