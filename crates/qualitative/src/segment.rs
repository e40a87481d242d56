//! Cutting a transcript into segments, the unit coders code and agreement is computed over.
//!
//! When the transcript marks its speakers (lines that begin with a short label and a colon,
//! such as `I:`, `Interviewer:`, `D:`, `[deltager]:` or `Anne:`), a segment is one speaker
//! turn: from the speaker's line up to the next speaker's line, paragraphs in between included.
//! The transcript marks speakers when some label begins at least two of its lines (the same
//! label, compared without regard to case). Then a line starts a turn when its label begins two
//! or more lines, or is a single word (`D:` answering once); so a sentence such as
//! `Det var sådan: ...` that happens to contain a colon does not start a turn. Text before the
//! first turn, and every transcript without speakers, is cut into paragraphs: text between
//! blank lines.
//!
//! Offsets are counted in chars (Unicode scalar values) from 0, the end exclusive. A segment
//! never starts or ends with white space; a turn's segment starts at its label.

use std::collections::HashMap;

/// The most chars a speaker label may have (without the colon).
pub const MAX_LABEL_CHARS: usize = 30;

/// The most words a speaker label may have.
const MAX_LABEL_WORDS: usize = 4;

/// A part of a transcript: a speaker turn (with its speaker's label) or a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Segment {
    /// The char offset of the segment's first char.
    pub start: usize,
    /// The char offset just past the segment's last char.
    pub end: usize,
    /// The speaker's label as written on the turn's first line, without the colon; `None` for a
    /// paragraph.
    pub speaker: Option<String>,
}

impl Segment {
    /// The segment's text, label included.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        slice(text, self.start, self.end)
    }

    /// The number of chars the segment covers.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the segment covers no chars (a segment from [`segments`] never does).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The text between two char offsets (end exclusive), clamped to the text: offsets past the end
/// count as the end, and a start after the end gives an empty slice.
pub fn slice(text: &str, start: usize, end: usize) -> &str {
    if start >= end {
        return "";
    }
    let byte_at = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(b, _)| b);
    let from = byte_at(start);
    let to = from + text[from..].char_indices().nth(end - start).map_or(text.len() - from, |(b, _)| b);
    &text[from..to]
}

/// One line of the text, without its `\n`, with the char offsets of its first and last
/// non-white-space char (`None` for a blank line).
struct Line<'a> {
    text: &'a str,
    /// Char offset of the first non-white-space char and one past the last one.
    content: Option<(usize, usize)>,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut offset = 0usize;
    for line in text.split('\n') {
        let mut first = None;
        let mut last = 0;
        let mut n = 0;
        for (i, c) in line.chars().enumerate() {
            if !c.is_whitespace() {
                first.get_or_insert(offset + i);
                last = offset + i + 1;
            }
            n = i + 1;
        }
        out.push(Line { text: line, content: first.map(|f| (f, last)) });
        offset += n + 1; // the line and its `\n`
    }
    out
}

/// The line after a time stamp it begins with (`00:01:12`, `[00:01:12]`, `(01:12.5)`) and
/// the white space after it; the line itself when it begins with none.
fn after_time_stamp(line: &str) -> &str {
    let (open, rest) = match line.strip_prefix(['[', '(']) {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    fn digits(s: &str, min: usize, max: usize) -> Option<&str> {
        let n = s.chars().take_while(char::is_ascii_digit).count();
        (min..=max).contains(&n).then(|| &s[n..])
    }
    let Some(mut rest) = digits(rest, 1, 2) else { return line };
    let mut parts = 1;
    while let Some(next) = rest.strip_prefix(':').and_then(|r| digits(r, 2, 2)) {
        rest = next;
        parts += 1;
    }
    if parts < 2 {
        return line;
    }
    if let Some(fraction) = rest.strip_prefix(['.', ',']).and_then(|r| digits(r, 1, 3)) {
        rest = fraction;
    }
    if open {
        let Some(closed) = rest.strip_prefix([']', ')']) else { return line };
        rest = closed;
    }
    if !rest.starts_with(char::is_whitespace) {
        return line;
    }
    rest.trim_start()
}

/// The speaker label a line begins with, if it looks like one: at most [`MAX_LABEL_CHARS`]
/// chars and [`MAX_LABEL_WORDS`] words before a colon, starting with a letter, `[` or `(`,
/// without sentence punctuation, and not followed by a digit (as in a time `kl 12:30`). A time
/// stamp before the label (`[00:01:12] I:`) is passed over.
pub fn label(line: &str) -> Option<&str> {
    let line = after_time_stamp(line.trim_start());
    let (colon, _) = line.char_indices().take(MAX_LABEL_CHARS + 2).find(|&(_, c)| c == ':')?;
    let label = line[..colon].trim_end();
    let first = label.chars().next()?;
    if !(first.is_alphabetic() || first == '[' || first == '(') {
        return None;
    }
    if label.chars().count() > MAX_LABEL_CHARS || label.split_whitespace().count() > MAX_LABEL_WORDS {
        return None;
    }
    if label.chars().any(|c| matches!(c, '.' | ',' | ';' | '!' | '?' | '"' | '“' | '”' | '«' | '»' | '/') || c.is_control()) {
        return None;
    }
    if line[colon + 1..].chars().next().is_some_and(|c| c.is_ascii_digit() || c == '/') {
        return None;
    }
    Some(label)
}

/// Cuts text into segments, in order: speaker turns when the text marks speakers, paragraphs
/// otherwise (and before the first turn). Segments do not overlap, are never empty, and together
/// cover every char that is not white space.
pub fn segments(text: &str) -> Vec<Segment> {
    let lines = lines(text);
    let labels: Vec<Option<&str>> = lines.iter().map(|l| l.content.and_then(|_| label(l.text))).collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for l in labels.iter().flatten() {
        *counts.entry(l.to_lowercase()).or_default() += 1;
    }
    let marked = counts.values().any(|&n| n >= 2);
    let speaker_at = |i: usize| {
        labels[i]
            .filter(|l| marked && (counts.get(&l.to_lowercase()).is_some_and(|&n| n >= 2) || !l.contains(char::is_whitespace)))
            .map(str::to_owned)
    };

    let mut out = Vec::new();
    // The segment being built: its start, its end so far, and its speaker.
    let mut open: Option<Segment> = None;
    for (i, line) in lines.iter().enumerate() {
        let Some((first, last)) = line.content else {
            // A blank line ends a paragraph, not a turn.
            if open.as_ref().is_some_and(|s| s.speaker.is_none()) {
                out.extend(open.take());
            }
            continue;
        };
        if let Some(speaker) = speaker_at(i) {
            out.extend(open.take());
            open = Some(Segment { start: first, end: last, speaker: Some(speaker) });
            continue;
        }
        match open.as_mut() {
            Some(segment) => segment.end = last,
            None => open = Some(Segment { start: first, end: last, speaker: None }),
        }
    }
    out.extend(open);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn described(text: &str) -> Vec<(Option<String>, String)> {
        segments(text).iter().map(|s| (s.speaker.clone(), s.text(text).to_owned())).collect()
    }

    fn turn(speaker: &str, text: &str) -> (Option<String>, String) {
        (Some(speaker.to_owned()), text.to_owned())
    }

    fn para(text: &str) -> (Option<String>, String) {
        (None, text.to_owned())
    }

    #[test]
    fn speaker_turns_with_following_paragraphs() {
        let text = "Interview 3, maj\n\nI: Hvordan kom du i gang?\n\nD: Min peer ringede.\nVi gik en tur.\n\nDet hjalp.\nI: Og nu?\nD:\nNu har jeg et job.";
        assert_eq!(
            described(text),
            vec![
                para("Interview 3, maj"),
                turn("I", "I: Hvordan kom du i gang?"),
                turn("D", "D: Min peer ringede.\nVi gik en tur.\n\nDet hjalp."),
                turn("I", "I: Og nu?"),
                turn("D", "D:\nNu har jeg et job."),
            ]
        );
    }

    #[test]
    fn the_example_in_the_documentation() {
        let text = "I: Hvordan kom du i gang?\n\nD: [peer] ringede til mig.\nVi gik en tur ved søen.\n\nDet hjalp.\nI: Og nu?\nD: Nu har jeg et job.";
        let at = |start, end, speaker: &str| Segment { start, end, speaker: Some(speaker.to_owned()) };
        assert_eq!(segments(text), vec![at(0, 25, "I"), at(27, 89, "D"), at(90, 99, "I"), at(100, 121, "D")]);
    }

    #[test]
    fn labels_of_many_shapes() {
        let text = "Interviewer: Hej.\n[deltager]: Hej.\nAnne Holm: Hej.\nDeltager 2 (mand): Ja.\n  Interviewer : Tak.\n[deltager]: Farvel.\nanne holm: Ok.\ndeltager 2 (MAND): Nej.";
        let got = described(text);
        let speakers: Vec<_> = got.iter().map(|(s, _)| s.clone().unwrap_or_default()).collect();
        assert_eq!(
            speakers,
            ["Interviewer", "[deltager]", "Anne Holm", "Deltager 2 (mand)", "Interviewer", "[deltager]", "anne holm", "deltager 2 (MAND)"]
        );
        // Leading white space is not part of the segment.
        assert_eq!(got[4].1, "Interviewer : Tak.");
    }

    #[test]
    fn colons_in_sentences_are_not_speakers() {
        // Each candidate label appears once: the text has no speakers, so paragraphs.
        let text = "Det var sådan: vi mødtes.\n\nHun sagde: kom.\n\nKl 12:30 gik vi.";
        assert_eq!(described(text), vec![para("Det var sådan: vi mødtes."), para("Hun sagde: kom."), para("Kl 12:30 gik vi.")]);
        // A single word with a colon on its own is no speaker either.
        assert_eq!(described("Altså: ja.\n\nNej."), vec![para("Altså: ja."), para("Nej.")]);
        // Once the text marks speakers, a one-word label answering once is a speaker too.
        let text = "I: Hvordan gik det?\nDeltager: Godt.\nI: Tak.";
        assert_eq!(described(text), vec![turn("I", "I: Hvordan gik det?"), turn("Deltager", "Deltager: Godt."), turn("I", "I: Tak.")]);
        // Inside a turn, a sentence with a colon continues the turn.
        let text = "I: Hvad så?\nD: Jeg tænkte: nu.\nMin mor sagde: nej.\nI: Ok.\nD: Ja.";
        assert_eq!(
            described(text),
            vec![turn("I", "I: Hvad så?"), turn("D", "D: Jeg tænkte: nu.\nMin mor sagde: nej."), turn("I", "I: Ok."), turn("D", "D: Ja.")]
        );
    }

    #[test]
    fn label_rules() {
        assert_eq!(label("I: hej"), Some("I"));
        assert_eq!(label("  Interviewer:"), Some("Interviewer"));
        assert_eq!(label("[deltager]: ja"), Some("[deltager]"));
        assert_eq!(label("Åse Ørum: ja"), Some("Åse Ørum"));
        assert_eq!(label("12:30 vi gik"), None, "starts with a digit");
        assert_eq!(label("kl 12:30"), None, "a time");
        assert_eq!(label("Se https://eksempel.dk"), None);
        assert_eq!(label("Ja. Og så: nej"), None, "sentence punctuation");
        assert_eq!(label("En meget lang indledning som bliver ved: x"), None, "too long");
        assert_eq!(label("et to tre fire fem: x"), None, "too many words");
        assert_eq!(label(": x"), None);
        assert_eq!(label("ingen kolon"), None);
        assert_eq!(label(&format!("{}: x", "a".repeat(MAX_LABEL_CHARS))), Some("a".repeat(MAX_LABEL_CHARS).as_str()));
        assert_eq!(label(&format!("{}: x", "a".repeat(MAX_LABEL_CHARS + 1))), None);
    }

    #[test]
    fn time_stamps_before_the_label() {
        assert_eq!(label("[00:01:12] I: hej"), Some("I"));
        assert_eq!(label("00:01:12 Interviewer: hej"), Some("Interviewer"));
        assert_eq!(label("(01:12.5)  D: ja"), Some("D"));
        assert_eq!(label("[0:01:12,25]\t[deltager]: ja"), Some("[deltager]"));
        assert_eq!(label("12:30 vi gik"), None);
        assert_eq!(label("[00:01:12 I: hej"), None, "unclosed bracket");
        assert_eq!(label("[00:01:12]I: hej"), None, "no space after the time stamp");
        let text = "[00:00:05] I: Hvordan gik det?\n[00:00:09] D: Godt.\n[00:00:15] I: Tak.\n[00:00:17] D: Selv tak.";
        assert_eq!(
            described(text),
            vec![
                turn("I", "[00:00:05] I: Hvordan gik det?"),
                turn("D", "[00:00:09] D: Godt."),
                turn("I", "[00:00:15] I: Tak."),
                turn("D", "[00:00:17] D: Selv tak."),
            ]
        );
    }

    #[test]
    fn paragraphs_without_speakers() {
        let text = "  Første afsnit\nfortsætter.\n\n\n\tAndet afsnit.  \n \nTredje.";
        assert_eq!(described(text), vec![para("Første afsnit\nfortsætter."), para("Andet afsnit."), para("Tredje.")]);
        assert_eq!(segments(""), vec![]);
        assert_eq!(segments(" \n\t\n"), vec![]);
    }

    #[test]
    fn offsets_are_chars_not_bytes() {
        let text = "ÆØÅ: første\n\nÆØÅ: æøå 😀 slut";
        let got = segments(text);
        assert_eq!(
            got,
            vec![Segment { start: 0, end: 11, speaker: Some("ÆØÅ".into()) }, Segment { start: 13, end: 28, speaker: Some("ÆØÅ".into()) },]
        );
        assert_eq!(got[1].text(text), "ÆØÅ: æøå 😀 slut");
        assert_eq!(got[1].len(), 15);
        assert!(!got[1].is_empty());
    }

    #[test]
    fn slice_clamps() {
        let text = "æøå😀b";
        assert_eq!(slice(text, 0, 3), "æøå");
        assert_eq!(slice(text, 3, 4), "😀");
        assert_eq!(slice(text, 3, 100), "😀b");
        assert_eq!(slice(text, 100, 200), "");
        assert_eq!(slice(text, 4, 2), "");
        assert_eq!(slice(text, 0, 0), "");
        assert_eq!(slice("", 0, 5), "");
    }

    /// Text made of lines that are speaker lines, sentences (some with colons) and blank lines.
    fn transcript() -> impl Strategy<Value = String> {
        let line = prop_oneof![
            "(\\[00:0[0-9]:[0-5][0-9]\\] )?(I|D|Interviewer|\\[deltager\\]|Anne Holm|æØ):( [a-zæøå😀 ,.:]{0,20})?",
            "[A-Za-zæøå😀 ,.:\t]{1,30}",
            "[ \t]{0,3}",
            "\r",
        ];
        proptest::collection::vec(line, 0..25).prop_map(|lines| lines.join("\n"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn segments_are_ordered_disjoint_and_cover_the_text(text in transcript()) {
            let chars: Vec<char> = text.chars().collect();
            let segs = segments(&text);
            let mut covered = vec![false; chars.len()];
            let mut previous_end = 0;
            for s in &segs {
                prop_assert!(s.start < s.end, "non-empty: {:?}", s);
                prop_assert!(s.end <= chars.len());
                prop_assert!(s.start >= previous_end, "ordered and not overlapping");
                prop_assert!(!chars[s.start].is_whitespace() && !chars[s.end - 1].is_whitespace(), "trimmed: {:?}", s);
                prop_assert_eq!(s.text(&text).chars().count(), s.len());
                if let Some(speaker) = &s.speaker {
                    prop_assert!(s.text(&text).contains(speaker.as_str()));
                    prop_assert!(!speaker.contains(':'));
                }
                for c in &mut covered[s.start..s.end] {
                    *c = true;
                }
                previous_end = s.end;
            }
            for (i, c) in chars.iter().enumerate() {
                prop_assert!(c.is_whitespace() || covered[i], "char {} ({:?}) in no segment", i, c);
            }
        }

        #[test]
        fn slice_agrees_with_chars(text in "[a-zæ😀 ]{0,20}", a in 0usize..25, b in 0usize..25) {
            let chars: Vec<char> = text.chars().collect();
            let want: String = if a < b { chars.iter().skip(a).take(b - a).collect() } else { String::new() };
            prop_assert_eq!(slice(&text, a, b), want.as_str());
        }

        #[test]
        fn normalising_first_keeps_the_segments_texts(text in transcript()) {
            // Segments of normalised text hold the same words as segments of the raw text.
            let raw: Vec<String> = segments(&text).iter().map(|s| s.text(&text).split_whitespace().collect::<Vec<_>>().join(" ")).collect();
            let norm = crate::transcript::normalise(&text);
            let normed: Vec<String> = segments(&norm).iter().map(|s| s.text(&norm).split_whitespace().collect::<Vec<_>>().join(" ")).collect();
            prop_assert_eq!(raw, normed);
        }
    }
}
