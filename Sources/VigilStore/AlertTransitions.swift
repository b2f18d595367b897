import VigilCore

/// Which state changes people may make: open → acked → resolved (or resolved straight from open,
/// for a finding fixed before anyone acknowledged it), dismissed from any other state, and back to
/// open from any state but open. Everything else, including a move to the state an alert is
/// already in, is an invalid transition, so a second `ack` says so instead of rewriting who acked.
enum AlertTransitions {
    static func isAllowed(from: AlertState, to: AlertState) -> Bool {
        switch (from, to) {
        case (.open, .acked), (.open, .resolved), (.acked, .resolved): true
        case (_, .dismissed), (_, .open): from != to
        default: false
        }
    }
}
