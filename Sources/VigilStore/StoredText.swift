extension String {
    /// The text as the queue stores it: NUL characters become U+FFFD. SQLite takes bound text up to
    /// its first NUL, so `note\0rest` would be cut to `note` in silence, and two ids differing after
    /// a NUL would become one. Every text the store writes or looks up goes through this, so a
    /// lookup finds what was stored. Nothing Vigil itself produces holds a NUL (JSON escapes it).
    var storable: String {
        guard utf8.contains(0) else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 }))
    }
}

extension String? {
    var storable: String? { map(\.storable) }
}
