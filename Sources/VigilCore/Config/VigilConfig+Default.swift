extension VigilConfig {
    /// What Vigil runs on when no config file exists: the documented defaults of
    /// `config/vigil.toml` (poll every 30s, state in `/var/lib/vigil`, log in
    /// `/var/log/vigil/alerts.jsonl`, the built-in AI markers, no follow-up command) with no
    /// repositories and no `[checks.<id>]` tables, so every check uses its own defaults.
    public static let builtInDefault = VigilConfig()
}
