import Foundation
import Testing
import VigilCore
import VigilStore

/// `vigil queue`'s renderings and its `--since` argument.
@Suite struct QueueOutputTests {
    func queued(_ record: AlertRecord, by: String? = nil, note: String? = nil) -> QueuedAlert {
        QueuedAlert(
            seq: 7, record: record, state: by == nil ? .open : .acked, updated: "2026-12-01T10:00:00Z", by: by,
            note: note, followUp: FollowUpStatus(state: .none))
    }

    @Test func jsonIsTheRecordWithItsSeqAndQueueFields() throws {
        let line = QueuedAlertJSON.line(queued(QueueFixtures.record("j1"), by: "dana\u{1b}", note: "n\u{202e}"))
        #expect(!line.contains("\n") && !line.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x202e })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["seq"] as? Int == 7)
        #expect(object["id"] as? String == "j1")
        #expect(object["state"] as? String == "acked")
        #expect(object["by"] as? String == "dana\u{1b}")
        #expect(object["note"] as? String == "n\u{202e}")
        #expect(line.hasPrefix("{\"schema\":\"vigil.alert/1\",\"id\":\"j1\",\"seq\":7,"))
    }

    @Test func aDamagedStoredRecordStillGivesAValidLine() throws {
        var record = QueueFixtures.record("j2")
        for broken in ["", "not json", "{", "}", "{}"] {
            record.json = broken
            let line = QueuedAlertJSON.line(queued(record))
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["state"] as? String == "open", "\(broken): \(line)")
        }
    }

    @Test func textEscapesEverythingFromRepositoriesAndPeople() {
        let record = QueueFixtures.record(
            "t\u{1b}[2J1", repo: "/srv/\u{1b}]0;x\u{7}", check: "c\u{9b}1m", tools: ["\u{202e}x"],
            title: "title\r\n\u{1b}[31m")
        let alert = queued(record, by: "by\u{1b}[8m", note: "note\u{1b}[5m")
        let history = [AlertStateChange(time: "t", from: .open, to: .acked, by: "by\u{1b}", note: "\u{7}")]
        for text in [QueuedAlertText.list([alert]), QueuedAlertText.detail(alert, history: history)] {
            #expect(!text.unicodeScalars.contains { TerminalTextProbe.isRaw($0) }, "\(text)")
            #expect(text.contains("\\x1b"))
        }
    }

    @Test func theListingShortensLongNotesAndShowPrintsThemWhole() {
        let note = String(repeating: "n", count: 1 << 20)
        let alert = queued(QueueFixtures.record("l1"), by: "dana", note: note)
        let list = QueuedAlertText.list([alert])
        #expect(list.count < 2000)
        #expect(list.contains("[acked by dana: " + String(repeating: "n", count: 79) + "…]"))
        #expect(QueuedAlertText.detail(alert, history: []).contains(note))
    }

    @Test func sinceTakesRFC3339AndDurations() {
        let now: Int64 = 1_764_583_200  // 2025-12-01T10:00:00Z
        #expect(QueueSince.parse("24h", nowSeconds: now) == "2025-11-30T10:00:00Z")
        #expect(QueueSince.parse("90s", nowSeconds: now) == "2025-12-01T09:58:30Z")
        #expect(QueueSince.parse("7d", nowSeconds: now) == "2025-11-24T10:00:00Z")
        #expect(QueueSince.parse("2026-11-29T19:00:00Z", nowSeconds: now) == "2026-11-29T19:00:00Z")
        #expect(QueueSince.parse("2026-11-29T20:30:00+01:30", nowSeconds: now) == "2026-11-29T19:00:00Z")
        #expect(QueueSince.parse("2026-11-29t19:00:00.250z", nowSeconds: now) == "2026-11-29T19:00:01Z")
        #expect(QueueSince.parse("99999999999999d", nowSeconds: now) == nil)
        for bad in [
            "", "h", "24", "-1h", "1.5h", "24H", "2026-11-29", "2026-11-29T19:00:00", "2026-02-30T00:00:00Z",
            "2026-11-29T25:00:00Z", "2026-11-29T19:00:00+1", "2026-11-29T19:00:00.Z", "２４h",
            "2026-11-29T19:00:00Zjunk",
        ] {
            #expect(QueueSince.parse(bad, nowSeconds: now) == nil, "\(bad)")
        }
    }
}

/// What a terminal would act on: the characters `TerminalText` must have escaped.
enum TerminalTextProbe {
    static func isRaw(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x0A) || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }
}
