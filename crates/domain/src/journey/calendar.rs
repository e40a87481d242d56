//! iCalendar (RFC 5545) feeds: a peer worker's sessions as a `text/calendar` document that a
//! calendar app subscribes to through a secret, renewable URL.
//!
//! [`calendar`] writes one VCALENDAR with one VEVENT per [`CalendarEvent`], following RFC 5545
//! to the letter: CRLF line endings, TEXT escaping (`\\`, `\;`, `\,`, `\n`), and lines folded at
//! 75 octets with CRLF and one space, never inside a UTF-8 sequence. Date-times are written in UTC
//! (`20260305T130000Z`). The refresh hint is one hour (`REFRESH-INTERVAL` from RFC 7986 and the
//! older `X-PUBLISHED-TTL`).
//!
//! **Privacy:** the feed leaves Sammen. It is fetched and kept by third-party calendar apps and
//! their cloud services, and anyone holding the URL can read it. The caller must put no health
//! data and nothing from the notes in it: a summary is e.g. "Samtale" and a participant's
//! pseudonym, a location is a meeting place, never a diagnosis, a measurement, a note or a CPR
//! number. The UID must be globally unique and stable for the session (e.g. `<session id>@sammen`),
//! and must not carry personal data either.
//!
//! The domain reads no clock: the feed's `DTSTAMP` is the `now` the caller passes in.
//!
//! [`unfold`], [`parse_content_line`] and [`unescape_text`] read a feed back, for tests.

use crate::time::Timestamp;

/// Whether a session takes place, as the `STATUS` of its VEVENT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventStatus {
    Confirmed,
    Tentative,
    Cancelled,
}

impl EventStatus {
    /// The RFC 5545 value of `STATUS` for a VEVENT.
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Confirmed => "CONFIRMED",
            EventStatus::Tentative => "TENTATIVE",
            EventStatus::Cancelled => "CANCELLED",
        }
    }
}

/// One session in a feed. See the module's privacy note: no health data in any field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Globally unique and stable across versions of the feed, e.g. `<session id>@sammen`.
    pub uid: String,
    pub start: Timestamp,
    /// Written as `DTEND` only if it is at least one second after `start` (RFC 5545 requires
    /// `DTEND` to be later than `DTSTART`); otherwise the event has no duration.
    pub end: Timestamp,
    pub summary: String,
    /// Omitted from the feed when `None` or empty (after dropping control characters).
    pub location: Option<String>,
    /// Omitted from the feed when `None` or empty (after dropping control characters).
    pub description: Option<String>,
    pub status: EventStatus,
    /// Raised by the caller on every change, so that calendar apps take the new version.
    /// Written as at most 2147483647, the largest RFC 5545 INTEGER.
    pub sequence: u32,
    pub last_modified: Timestamp,
}

/// The hint to calendar apps of how often to fetch the feed again.
const REFRESH: &str = "PT1H";

/// Writes the iCalendar document (RFC 5545) named `name` with one VEVENT per event, in order.
///
/// `now` becomes every event's `DTSTAMP` (when the document was made); `product_id` is the
/// `PRODID`, e.g. `-//Sammen//Sammen//DA`. With no events the result is a VCALENDAR with only its
/// properties, which calendar apps read as an empty calendar. (The strict grammar of RFC 5545 3.6
/// asks for at least one component; an empty VCALENDAR is nonetheless what feeds commonly serve
/// for "nothing scheduled", and inventing a placeholder component would be worse.)
pub fn calendar(name: &str, events: &[CalendarEvent], now: Timestamp, product_id: &str) -> String {
    let mut out = String::with_capacity(400 + events.len() * 400);
    let mut line = |s: &str| push_folded(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!("PRODID:{}", escape_text(product_id)));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape_text(name)));
    line(&format!("REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}"));
    line(&format!("X-PUBLISHED-TTL:{REFRESH}"));
    let stamp = utc_date_time(now);
    for e in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape_text(&e.uid)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART:{}", utc_date_time(e.start)));
        if e.end.unix_seconds() > e.start.unix_seconds() {
            line(&format!("DTEND:{}", utc_date_time(e.end)));
        }
        line(&format!("SUMMARY:{}", escape_text(&e.summary)));
        if let Some(l) = e.location.as_deref().map(escape_text).filter(|l| !l.is_empty()) {
            line(&format!("LOCATION:{l}"));
        }
        if let Some(d) = e.description.as_deref().map(escape_text).filter(|d| !d.is_empty()) {
            line(&format!("DESCRIPTION:{d}"));
        }
        line(&format!("STATUS:{}", e.status.as_str()));
        line(&format!("SEQUENCE:{}", e.sequence.min(i32::MAX.unsigned_abs())));
        line(&format!("LAST-MODIFIED:{}", utc_date_time(e.last_modified)));
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// A DATE-TIME in UTC, the "form #2" of RFC 5545 3.3.5: `19980119T070000Z`. Sub-second
/// precision is dropped (floored); years are kept to the four digits the format has.
fn utc_date_time(t: Timestamp) -> String {
    let d = t.to_offset();
    format!("{:04}{:02}{:02}T{:02}{:02}{:02}Z", d.year().clamp(0, 9999), u8::from(d.month()), d.day(), d.hour(), d.minute(), d.second())
}

/// Escapes a TEXT value (RFC 5545 3.3.11): `\` `;` `,` get a backslash, a line break (LF, CRLF or
/// a lone CR) becomes `\n`. Other ASCII control characters are not allowed in TEXT and are
/// dropped; HTAB is allowed and kept.
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded (RFC 5545 3.1): no physical line is longer than 75 octets
/// without its CRLF, a continuation starts with one space (which counts towards the 75), and a
/// line is only ever cut between characters, never inside a UTF-8 sequence.
fn push_folded(out: &mut String, line: &str) {
    const MAX: usize = 75;
    let mut rest = line;
    let mut room = MAX;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (head, tail) = rest.split_at(cut);
        out.push_str(head);
        out.push_str("\r\n ");
        rest = tail;
        room = MAX - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// Splits a document into its logical content lines: splits at CRLF and joins every line that
/// starts with a space or a tab to the one before, dropping that one whitespace character
/// (RFC 5545 3.1). Nothing is unescaped. A bare LF or CR is left inside its line, so a check can
/// find it.
pub fn unfold(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    if text.is_empty() {
        return lines;
    }
    let body = text.strip_suffix("\r\n").unwrap_or(text);
    for physical in body.split("\r\n") {
        match (physical.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(continuation), Some(last)) => last.push_str(continuation),
            _ => lines.push(physical.to_owned()),
        }
    }
    lines
}

/// One logical content line split into its parts (RFC 5545 3.1):
/// `name *(";" param) ":" value`. The value is still escaped; see [`unescape_text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentLine {
    pub name: String,
    /// Each parameter's name and its values, with any double quotes removed.
    pub params: Vec<(String, Vec<String>)>,
    pub value: String,
}

/// Parses one unfolded content line, or `None` if it is not one (no colon, an empty name, a
/// parameter without `=`, or an unterminated quote).
pub fn parse_content_line(line: &str) -> Option<ContentLine> {
    let name_end = line.find([';', ':'])?;
    let name = &line[..name_end];
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let mut rest = &line[name_end..];
    let mut params = Vec::new();
    while let Some(after) = rest.strip_prefix(';') {
        let eq = after.find('=')?;
        let param_name = &after[..eq];
        if param_name.is_empty() || param_name.contains([':', ';']) {
            return None;
        }
        let mut values = Vec::new();
        rest = &after[eq..];
        while let Some(after_sep) = rest.strip_prefix(['=', ',']) {
            let (value, tail) = match after_sep.strip_prefix('"') {
                Some(quoted) => {
                    let close = quoted.find('"')?;
                    (&quoted[..close], &quoted[close + 1..])
                }
                None => {
                    let end = after_sep.find([',', ';', ':'])?;
                    after_sep.split_at(end)
                }
            };
            values.push(value.to_owned());
            rest = tail;
        }
        params.push((param_name.to_owned(), values));
    }
    let value = rest.strip_prefix(':')?;
    Some(ContentLine { name: name.to_owned(), params, value: value.to_owned() })
}

/// Undoes TEXT escaping: `\\` `\;` `\,` become the character, `\n` and `\N` a line feed. A
/// backslash before anything else is kept as it is.
pub fn unescape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(e @ ('\\' | ';' | ',')) => out.push(e),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ts(unix_seconds: i64) -> Timestamp {
        Timestamp::from_unix_seconds(unix_seconds)
    }

    fn event(summary: &str) -> CalendarEvent {
        CalendarEvent {
            uid: "0195a1b2-0000-7000-8000-000000000009@sammen".into(),
            start: ts(1_772_715_600),
            end: ts(1_772_721_000),
            summary: summary.into(),
            location: None,
            description: None,
            status: EventStatus::Confirmed,
            sequence: 0,
            last_modified: ts(1_772_442_000),
        }
    }

    /// Reads a feed back: the logical lines as (name, params, unescaped value), or a message
    /// saying which framing rule the text breaks.
    type Parsed = Vec<(String, Vec<(String, Vec<String>)>, String)>;
    fn parse_back(text: &str) -> Result<Parsed, String> {
        check_framing(text)?;
        unfold(text)
            .iter()
            .map(|l| {
                let c = parse_content_line(l).ok_or_else(|| format!("not a content line: {l:?}"))?;
                Ok((c.name, c.params, unescape_text(&c.value)))
            })
            .collect()
    }

    /// Every physical line ends with CRLF, has no other CR or LF, is valid UTF-8 on its own and
    /// is at most 75 octets long.
    fn check_framing(text: &str) -> Result<(), String> {
        let bytes = text.as_bytes();
        if !bytes.ends_with(b"\r\n") {
            return Err("does not end with CRLF".into());
        }
        // Without the last LF, every line (the last one too) ends with its CR.
        let body = &bytes[..bytes.len() - 1];
        for physical in body.split(|&b| b == b'\n') {
            let Some(content) = physical.strip_suffix(b"\r") else {
                return Err(format!("a line ends with a bare LF: {:?}", String::from_utf8_lossy(physical)));
            };
            if content.contains(&b'\r') {
                return Err("a bare CR".into());
            }
            if content.len() > 75 {
                return Err(format!("a line of {} octets", content.len()));
            }
            if std::str::from_utf8(content).is_err() {
                return Err("a line is not valid UTF-8 on its own".into());
            }
        }
        Ok(())
    }

    fn value_of<'a>(parsed: &'a Parsed, name: &str) -> Vec<&'a str> {
        parsed.iter().filter(|(n, _, _)| n == name).map(|(_, _, v)| v.as_str()).collect()
    }

    #[test]
    fn a_known_calendar_byte_for_byte() -> Result<(), String> {
        let events = [
            CalendarEvent {
                uid: "0195a1b2-0000-7000-8000-000000000001@sammen".into(),
                start: ts(1_772_715_600),
                end: ts(1_772_721_000),
                summary: "Samtale med Ørn".into(),
                location: Some("Café Solsikken, Nørrebrogade 12; 2. sal".into()),
                description: Some(
                    "Mødested: indgangen via gården.\nRing på, hvis døren er låst. Spørg efter Åse; \
                     hun har nøglen, og hun ved besked. Tag gerne en ven med, hvis du vil."
                        .into(),
                ),
                status: EventStatus::Confirmed,
                sequence: 0,
                last_modified: ts(1_772_442_000),
            },
            CalendarEvent {
                uid: "0195a1b2-0000-7000-8000-000000000002@sammen".into(),
                start: ts(1_773_320_400),
                end: ts(1_773_324_000),
                summary: "Samtale".into(),
                location: Some("Kontoret\\Lokale 3".into()),
                description: None,
                status: EventStatus::Cancelled,
                sequence: 3,
                last_modified: ts(1_772_534_700),
            },
        ];
        // 2026-03-01 08:15:30.123456 UTC: the microseconds are dropped.
        let now = Timestamp(1_772_352_930 * Timestamp::MICROS_PER_SECOND + 123_456);
        let got = calendar("Sammen, samtaler", &events, now, "-//Sammen//Sammen//DA");
        // Written by hand. The DESCRIPTION is folded: "DESCRIPTION:…døren er l" is 74 octets,
        // because the 75th would be the first byte of "å"; the next line is a space and 74
        // octets, cut between "e" and "n".
        let expected = concat!(
            "BEGIN:VCALENDAR\r\n",
            "VERSION:2.0\r\n",
            "PRODID:-//Sammen//Sammen//DA\r\n",
            "CALSCALE:GREGORIAN\r\n",
            "METHOD:PUBLISH\r\n",
            "X-WR-CALNAME:Sammen\\, samtaler\r\n",
            "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n",
            "X-PUBLISHED-TTL:PT1H\r\n",
            "BEGIN:VEVENT\r\n",
            "UID:0195a1b2-0000-7000-8000-000000000001@sammen\r\n",
            "DTSTAMP:20260301T081530Z\r\n",
            "DTSTART:20260305T130000Z\r\n",
            "DTEND:20260305T143000Z\r\n",
            "SUMMARY:Samtale med Ørn\r\n",
            "LOCATION:Café Solsikken\\, Nørrebrogade 12\\; 2. sal\r\n",
            "DESCRIPTION:Mødested: indgangen via gården.\\nRing på\\, hvis døren er l\r\n",
            " åst. Spørg efter Åse\\; hun har nøglen\\, og hun ved besked. Tag gerne e\r\n",
            " n ven med\\, hvis du vil.\r\n",
            "STATUS:CONFIRMED\r\n",
            "SEQUENCE:0\r\n",
            "LAST-MODIFIED:20260302T090000Z\r\n",
            "END:VEVENT\r\n",
            "BEGIN:VEVENT\r\n",
            "UID:0195a1b2-0000-7000-8000-000000000002@sammen\r\n",
            "DTSTAMP:20260301T081530Z\r\n",
            "DTSTART:20260312T130000Z\r\n",
            "DTEND:20260312T140000Z\r\n",
            "SUMMARY:Samtale\r\n",
            "LOCATION:Kontoret\\\\Lokale 3\r\n",
            "STATUS:CANCELLED\r\n",
            "SEQUENCE:3\r\n",
            "LAST-MODIFIED:20260303T104500Z\r\n",
            "END:VEVENT\r\n",
            "END:VCALENDAR\r\n",
        );
        assert_eq!(got, expected);
        let parsed = parse_back(&got)?;
        assert_eq!(value_of(&parsed, "DESCRIPTION"), [events[0].description.as_deref().unwrap_or_default()]);
        assert_eq!(value_of(&parsed, "LOCATION"), ["Café Solsikken, Nørrebrogade 12; 2. sal", "Kontoret\\Lokale 3"]);
        assert_eq!(value_of(&parsed, "X-WR-CALNAME"), ["Sammen, samtaler"]);
        let refresh = parsed.iter().find(|(n, _, _)| n == "REFRESH-INTERVAL").map(|(_, p, v)| (p.clone(), v.clone()));
        assert_eq!(refresh, Some((vec![("VALUE".to_owned(), vec!["DURATION".to_owned()])], "PT1H".to_owned())));
        Ok(())
    }

    #[test]
    fn an_empty_calendar_has_its_properties_and_no_events() {
        let got = calendar("Samtaler", &[], ts(1_772_352_930), "-//Sammen//Sammen//DA");
        let expected = concat!(
            "BEGIN:VCALENDAR\r\n",
            "VERSION:2.0\r\n",
            "PRODID:-//Sammen//Sammen//DA\r\n",
            "CALSCALE:GREGORIAN\r\n",
            "METHOD:PUBLISH\r\n",
            "X-WR-CALNAME:Samtaler\r\n",
            "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n",
            "X-PUBLISHED-TTL:PT1H\r\n",
            "END:VCALENDAR\r\n",
        );
        assert_eq!(got, expected);
        let names = parse_back(&got).map(|p| p.into_iter().map(|(n, _, _)| n).collect::<Vec<_>>());
        assert_eq!(
            names,
            Ok(vec![
                "BEGIN".to_owned(),
                "VERSION".into(),
                "PRODID".into(),
                "CALSCALE".into(),
                "METHOD".into(),
                "X-WR-CALNAME".into(),
                "REFRESH-INTERVAL".into(),
                "X-PUBLISHED-TTL".into(),
                "END".into(),
            ])
        );
    }

    #[test]
    fn folding_never_splits_a_danish_letter() {
        // "SUMMARY:" is 8 octets; with n ASCII letters before "æøå…", every boundary case
        // around octet 75 (and 75 + 75 for the continuation) comes up.
        for n in 55..=80 {
            for letter in ["æ", "ø", "å", "Æ", "Ø", "Å", "€", "🙂"] {
                let summary = format!("{}{}", "a".repeat(n), letter.repeat(60));
                let got = calendar("x", &[event(&summary)], ts(0), "p");
                assert_eq!(check_framing(&got), Ok(()), "n = {n}, letter = {letter}");
                let back = parse_back(&got).map(|p| value_of(&p, "SUMMARY").into_iter().map(str::to_owned).collect::<Vec<_>>());
                assert_eq!(back, Ok(vec![summary.clone()]), "n = {n}, letter = {letter}");
            }
        }
    }

    #[test]
    fn a_line_is_cut_before_a_letter_that_would_pass_octet_75() {
        // 8 + 66 = 74 octets, and "æ" would be octets 75 and 76: the first line stops at 74.
        let got = calendar("x", &[event(&format!("{}æble", "a".repeat(66)))], ts(0), "p");
        assert!(got.contains(&format!("\r\nSUMMARY:{}\r\n æble\r\n", "a".repeat(66))), "{got}");
        // 8 + 67 = 75 octets fit exactly.
        let got = calendar("x", &[event(&format!("{}æble", "a".repeat(67)))], ts(0), "p");
        assert!(got.contains(&format!("\r\nSUMMARY:{}\r\n æble\r\n", "a".repeat(67))), "{got}");
        // A line of exactly 75 octets is not folded.
        let got = calendar("x", &[event(&"a".repeat(67))], ts(0), "p");
        assert!(got.contains(&format!("\r\nSUMMARY:{}\r\nSTATUS:", "a".repeat(67))), "{got}");
    }

    #[test]
    fn escaping_round_trips() {
        let summary = "a;b,c\\d\ne\\n;,\\\\;\r\nf\rg\th";
        let got = calendar("x", &[event(summary)], ts(0), "p");
        assert!(got.contains("SUMMARY:a\\;b\\,c\\\\d\\ne\\\\n\\;\\,\\\\\\\\\\;\\nf\\ng\th\r\n"), "{got}");
        let back = parse_back(&got).map(|p| value_of(&p, "SUMMARY").into_iter().map(str::to_owned).collect::<Vec<_>>());
        // CRLF and a lone CR are line breaks and come back as LF.
        assert_eq!(back, Ok(vec!["a;b,c\\d\ne\\n;,\\\\;\nf\ng\th".to_owned()]));
    }

    #[test]
    fn control_characters_are_dropped() {
        let got = calendar("x", &[event("a\u{0}b\u{7}c\u{1b}d\u{7f}e")], ts(0), "p");
        assert!(got.contains("\r\nSUMMARY:abcde\r\n"), "{got}");
    }

    #[test]
    fn statuses_sequence_and_dates() {
        let mut e = event("Samtale");
        e.status = EventStatus::Tentative;
        e.sequence = u32::MAX;
        e.end = e.start;
        let got = calendar("x", &[e], ts(0), "p");
        assert!(got.contains("\r\nSTATUS:TENTATIVE\r\n"));
        assert!(got.contains("\r\nSEQUENCE:2147483647\r\n"));
        assert!(got.contains("\r\nDTSTAMP:19700101T000000Z\r\n"));
        assert!(!got.contains("DTEND"), "an end that is not after the start is left out");
        assert_eq!(EventStatus::Confirmed.as_str(), "CONFIRMED");
        assert_eq!(EventStatus::Cancelled.as_str(), "CANCELLED");
    }

    #[test]
    fn unfold_and_parse() {
        assert_eq!(unfold(""), Vec::<String>::new());
        assert_eq!(unfold("\r\n"), [""]);
        assert_eq!(unfold("A:b\r\n c\r\n\td\r\nE:f\r\n"), ["A:bcd", "E:f"]);
        assert_eq!(unfold("A:b\r\n  c"), ["A:b c"]);
        assert_eq!(
            parse_content_line("ATTENDEE;ROLE=REQ-PARTICIPANT;DELEGATED-FROM=\"mailto:a@b\",\"mailto:c@d\":mailto:e@f"),
            Some(ContentLine {
                name: "ATTENDEE".into(),
                params: vec![
                    ("ROLE".into(), vec!["REQ-PARTICIPANT".into()]),
                    ("DELEGATED-FROM".into(), vec!["mailto:a@b".into(), "mailto:c@d".into()]),
                ],
                value: "mailto:e@f".into(),
            })
        );
        assert_eq!(parse_content_line("no colon"), None);
        assert_eq!(parse_content_line(":value"), None);
        assert_eq!(parse_content_line("X;P:v"), None);
        assert_eq!(unescape_text("a\\Nb\\x\\"), "a\nb\\x\\");
        // The checker itself catches what it should.
        assert_eq!(check_framing(&format!("A:{}\r\n", "b".repeat(73))), Ok(()));
        assert!(check_framing(&format!("A:{}\r\n", "b".repeat(74))).is_err(), "76 octets");
        assert!(check_framing("A:b\nC:d\r\n").is_err(), "bare LF");
        assert!(check_framing("A:b\rC:d\r\n").is_err(), "bare CR");
        assert!(check_framing("A:b").is_err(), "no CRLF at the end");
    }

    /// What a summary reads as after the round trip: line breaks as LF, ASCII controls other
    /// than HTAB gone.
    fn as_text(s: &str) -> String {
        s.replace("\r\n", "\n").replace('\r', "\n").chars().filter(|c| !c.is_ascii_control() || *c == '\n' || *c == '\t').collect()
    }

    fn tricky_text() -> impl Strategy<Value = String> {
        let c = prop_oneof![
            4 => any::<char>(),
            2 => prop::sample::select(vec!['æ', 'ø', 'å', 'Æ', 'Ø', 'Å', '€', '🙂']),
            1 => prop::sample::select(vec![';', ',', '\\', '\n', '\r', '\t', ':', '"', ' ', 'n']),
            2 => Just('a'),
        ];
        prop::collection::vec(c, 0..300).prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        #[test]
        fn any_summary_is_framed_and_comes_back(summary in tricky_text(), location in tricky_text(), name in tricky_text()) {
            let mut e = event(&summary);
            e.location = Some(location.clone());
            let got = calendar(&name, &[e.clone(), e], ts(1_772_352_930), "-//Sammen//Sammen//DA");
            prop_assert_eq!(check_framing(&got), Ok(()));
            let parsed = parse_back(&got);
            prop_assert!(parsed.is_ok(), "{:?}", parsed);
            let parsed = parsed.unwrap_or_default();
            let s = as_text(&summary);
            prop_assert_eq!(value_of(&parsed, "SUMMARY"), vec![s.as_str(), s.as_str()]);
            let l = as_text(&location);
            let want_location: Vec<&str> = if l.is_empty() { vec![] } else { vec![l.as_str(), l.as_str()] };
            prop_assert_eq!(value_of(&parsed, "LOCATION"), want_location);
            let n = as_text(&name);
            prop_assert_eq!(value_of(&parsed, "X-WR-CALNAME"), vec![n.as_str()]);
            prop_assert_eq!(value_of(&parsed, "BEGIN"), vec!["VCALENDAR", "VEVENT", "VEVENT"]);
        }

        #[test]
        fn folding_keeps_every_line(line in tricky_text().prop_map(|l| l.replace(['\r', '\n'], ""))) {
            let mut out = String::new();
            push_folded(&mut out, &line);
            prop_assert_eq!(check_framing(&out), Ok(()));
            prop_assert_eq!(unfold(&out), vec![line]);
        }
    }
}
