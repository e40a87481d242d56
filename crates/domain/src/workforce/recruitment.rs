//! Recruitment of peer workers: postings made from a role description, the
//! public application with attachments checked by their content, the pipeline of stages and
//! its allowed moves, interview panels scoring the five peer competences, decisions, and how
//! long an applicant's data is kept after the decision.

use time::Date;

use crate::directory::code_enum;
use crate::people::{Email, optional_choice, parse_phone};
use crate::time::{Timestamp, Zone, parse_date};
use crate::validation::{ValidationErrors, optional_text, required_text};

code_enum!(
    /// Whether a posting is being written, open for applications, or closed.
    PostingStatus { Draft => "draft", Open => "open", Closed => "closed" }
);

code_enum!(
    /// Where an application stands. The last three are decisions.
    Stage {
        Received => "received",
        Screening => "screening",
        Interview => "interview",
        Hired => "hired",
        Rejected => "rejected",
        Withdrawn => "withdrawn",
    }
);

impl Stage {
    /// Hired, rejected or withdrawn: the end of the pipeline.
    pub fn is_decision(self) -> bool {
        matches!(self, Stage::Hired | Stage::Rejected | Stage::Withdrawn)
    }

    /// The stages an application may move to from this one: forward one step, or to a
    /// rejection or a withdrawal at any point before a decision; hiring only after an interview.
    pub fn next(self) -> &'static [Stage] {
        match self {
            Stage::Received => &[Stage::Screening, Stage::Rejected, Stage::Withdrawn],
            Stage::Screening => &[Stage::Interview, Stage::Rejected, Stage::Withdrawn],
            Stage::Interview => &[Stage::Hired, Stage::Rejected, Stage::Withdrawn],
            Stage::Hired | Stage::Rejected | Stage::Withdrawn => &[],
        }
    }
}

/// Whether an application may move from `from` to `to`.
pub fn allowed_move(from: Stage, to: Stage) -> bool {
    from.next().contains(&to)
}

code_enum!(
    /// The five peer competences an interview panel scores (the competence profile of Legere 2011 and Olsen & Grefberg 2001).
    Competence {
        Hope => "hope",
        SelfDetermination => "self_determination",
        SelfExploration => "self_exploration",
        ChangeAgent => "change_agent",
        Listening => "listening",
    }
);

code_enum!(
    /// The language an applicant's letters are written in.
    LetterLanguage { Da => "da", En => "en" }
);

code_enum!(
    /// The kinds of attachment accepted, as detected from the content.
    AttachmentKind { Pdf => "pdf", Docx => "docx", Odt => "odt", Png => "png", Jpeg => "jpeg", Text => "text" }
);

impl AttachmentKind {
    pub fn mime(self) -> &'static str {
        match self {
            AttachmentKind::Pdf => "application/pdf",
            AttachmentKind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            AttachmentKind::Odt => "application/vnd.oasis.opendocument.text",
            AttachmentKind::Png => "image/png",
            AttachmentKind::Jpeg => "image/jpeg",
            AttachmentKind::Text => "text/plain; charset=utf-8",
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            AttachmentKind::Pdf => "pdf",
            AttachmentKind::Docx => "docx",
            AttachmentKind::Odt => "odt",
            AttachmentKind::Png => "png",
            AttachmentKind::Jpeg => "jpg",
            AttachmentKind::Text => "txt",
        }
    }
}

/// At most this many attachments to one application.
pub const MAX_ATTACHMENTS: usize = 3;
/// At most this many bytes in one attachment.
pub const MAX_ATTACHMENT_BYTES: usize = 5 * 1024 * 1024;
/// Months an applicant's data is kept after the decision, unless the organisation says otherwise.
pub const DEFAULT_RETENTION_MONTHS: i64 = 6;

const ODT_MIME: &[u8] = b"application/vnd.oasis.opendocument.text";

/// The names of the entries of a ZIP archive, read from its local headers and its central
/// directory (the content is never unpacked).
fn zip_entries(b: &[u8]) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let u16_at = |i: usize| -> Option<usize> { Some(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?]) as usize) };
    let mut i = 0;
    while i + 4 <= b.len() {
        let sig = &b[i..i + 4];
        // Local file header: name at 30; central directory header: name at 46.
        let (name_len_at, name_at) = if sig == b"PK\x03\x04" {
            (i + 26, i + 30)
        } else if sig == b"PK\x01\x02" {
            (i + 28, i + 46)
        } else {
            i += 1;
            continue;
        };
        if let Some(n) = u16_at(name_len_at)
            && let Some(name) = b.get(name_at..name_at + n)
        {
            let extra = if sig == b"PK\x03\x04" { u16_at(i + 28).unwrap_or(0) } else { 0 };
            out.push((String::from_utf8_lossy(name).into_owned(), name_at + n + extra));
        }
        i += 4;
    }
    out
}

/// What a file is, from its first bytes and (for office documents) its ZIP entries; `None`
/// for anything not accepted. The file's name and the browser's content type play no part.
pub fn sniff(b: &[u8]) -> Option<AttachmentKind> {
    if b.starts_with(b"%PDF-") {
        return Some(AttachmentKind::Pdf);
    }
    if b.starts_with(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]) {
        return Some(AttachmentKind::Png);
    }
    if b.starts_with(&[0xff, 0xd8, 0xff]) {
        return Some(AttachmentKind::Jpeg);
    }
    if b.starts_with(b"PK\x03\x04") {
        let entries = zip_entries(b);
        // ODF: the first entry is `mimetype`, stored, holding exactly the document's type.
        let size = b.get(18..22).and_then(|s| <[u8; 4]>::try_from(s).ok()).map_or(0, |s| u32::from_le_bytes(s) as usize);
        if let Some((name, data_at)) = entries.first()
            && name == "mimetype"
            && b.get(*data_at..data_at.saturating_add(size)) == Some(ODT_MIME)
        {
            return Some(AttachmentKind::Odt);
        }
        let has = |n: &str| entries.iter().any(|(e, _)| e == n);
        if has("[Content_Types].xml") && entries.iter().any(|(e, _)| e.starts_with("word/")) {
            return Some(AttachmentKind::Docx);
        }
        return None;
    }
    // Plain text: UTF-8 without control characters other than tab, line breaks and form feed.
    let text = std::str::from_utf8(b).ok()?;
    if !text.trim().is_empty() && !text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) {
        return Some(AttachmentKind::Text);
    }
    None
}

/// An attachment accepted for storing.
#[derive(Clone, PartialEq)]
pub struct Attachment {
    /// A safe file name for downloading: the sent name's letters and digits, with the
    /// extension of the detected kind.
    pub file_name: String,
    pub kind: AttachmentKind,
    pub content: Vec<u8>,
}

impl std::fmt::Debug for Attachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attachment").field("kind", &self.kind).field("bytes", &self.content.len()).finish_non_exhaustive()
    }
}

fn safe_stem(name: &str, n: usize) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let clean: String = stem
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .take(60)
        .collect::<String>()
        .trim_matches('_')
        .to_owned();
    if clean.is_empty() { format!("bilag-{n}") } else { clean }
}

/// Checks the files sent with an application: empty parts (no file chosen) are skipped; at
/// most [`MAX_ATTACHMENTS`], each at most [`MAX_ATTACHMENT_BYTES`], each of an accepted kind
/// by its content. Any problem refuses them all.
pub fn check_attachments(files: Vec<(String, Vec<u8>)>) -> Result<Vec<Attachment>, ValidationErrors> {
    let files: Vec<(String, Vec<u8>)> = files.into_iter().filter(|(_, b)| !b.is_empty()).collect();
    if files.len() > MAX_ATTACHMENTS {
        return Err(ValidationErrors::single("attachments", "err-attachment-count"));
    }
    let mut out = Vec::new();
    for (i, (name, content)) in files.into_iter().enumerate() {
        if content.len() > MAX_ATTACHMENT_BYTES {
            return Err(ValidationErrors::single("attachments", "err-attachment-size"));
        }
        let Some(kind) = sniff(&content) else {
            return Err(ValidationErrors::single("attachments", "err-attachment-type"));
        };
        out.push(Attachment { file_name: format!("{}.{}", safe_stem(&name, i + 1), kind.extension()), kind, content });
    }
    Ok(out)
}

/// A posting as entered: the role it is for (its key), an intro, place, deadline, start and status.
#[derive(Debug, Clone, PartialEq)]
pub struct PostingInput {
    pub role_key: String,
    pub intro: String,
    pub place: String,
    pub deadline: Date,
    pub starts_on: Date,
    pub status: PostingStatus,
}

impl PostingInput {
    pub fn parse(
        role_key: &str,
        intro: &str,
        place: &str,
        deadline: &str,
        starts_on: &str,
        status: &str,
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let role_key = e.check("role_key", required_text(role_key, 100));
        let intro = e.check("intro", required_text(intro, 4000));
        let place = e.check("place", required_text(place, 300));
        let deadline = e.check("deadline", parse_date(deadline));
        let starts_on = e.check("starts_on", parse_date(starts_on));
        let status = e.check("status", PostingStatus::parse(status));
        if let (Some(d), Some(s)) = (deadline, starts_on)
            && s < d
        {
            e.add("starts_on", "err-start-before-deadline");
        }
        match (role_key, intro, place, deadline, starts_on, status) {
            (Some(role_key), Some(intro), Some(place), Some(deadline), Some(starts_on), Some(status)) if e.is_empty() => {
                Ok(Self { role_key, intro, place, deadline, starts_on, status })
            }
            _ => Err(e),
        }
    }

    /// Whether the public sees the posting on `today`: open, and the deadline not passed.
    pub fn is_public(&self, today: Date) -> bool {
        self.status == PostingStatus::Open && today <= self.deadline
    }
}

/// An application from the public form.
#[derive(Clone, PartialEq)]
pub struct ApplicationInput {
    pub name: String,
    pub email: Email,
    pub phone: Option<String>,
    pub language: LetterLanguage,
    pub motivation: String,
}

impl std::fmt::Debug for ApplicationInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApplicationInput").field("language", &self.language).finish_non_exhaustive()
    }
}

impl ApplicationInput {
    /// The form's fields; `consent` is the required tick to process the application.
    pub fn parse(
        name: &str,
        email: &str,
        phone: Option<&str>,
        language: &str,
        motivation: &str,
        consent: bool,
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let name = e.check("name", required_text(name, 200));
        let email = e.check("email", Email::parse(email));
        let phone = e.check("phone", optional_choice(phone, parse_phone));
        let language = e.check("language", LetterLanguage::parse(language));
        let motivation = e.check("motivation", required_text(motivation, 8000));
        if !consent {
            e.add("consent", "err-consent-required");
        }
        match (name, email, phone, language, motivation) {
            (Some(name), Some(email), Some(phone), Some(language), Some(motivation)) if e.is_empty() => {
                Ok(Self { name, email, phone, language, motivation })
            }
            _ => Err(e),
        }
    }
}

/// An interview to schedule: Danish local date and time, a place or an online link, and the
/// panel's user ids (two or more; checked against the organisation's staff where it is stored).
#[derive(Debug, Clone, PartialEq)]
pub struct InterviewInput {
    pub starts_at: Timestamp,
    pub place: String,
    pub online: bool,
    pub panel: Vec<String>,
}

impl InterviewInput {
    /// Reads the date and time on the default zone's clock (Europe/Copenhagen); handlers
    /// use [`Self::parse_in`] with the organisation's zone.
    pub fn parse(date: &str, time: &str, place: &str, online: bool, panel: &[String]) -> Result<Self, ValidationErrors> {
        Self::parse_in(&Zone::default(), date, time, place, online, panel)
    }

    pub fn parse_in(zone: &Zone, date: &str, time: &str, place: &str, online: bool, panel: &[String]) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let date = e.check("date", parse_date(date));
        let hm = e.check("time", parse_time(time));
        let place = e.check("place", required_text(place, 500));
        let mut members: Vec<String> = panel.iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect();
        members.sort();
        members.dedup();
        if members.len() < 2 {
            e.add("panel", "err-panel-two");
        }
        match (date, hm, place) {
            (Some(d), Some((h, m)), Some(place)) if e.is_empty() => {
                Ok(Self { starts_at: zone.to_utc(d, h, m), place, online, panel: members })
            }
            _ => Err(e),
        }
    }
}

/// `HH:MM` on a 24-hour clock.
pub fn parse_time(raw: &str) -> Result<(u8, u8), &'static str> {
    let (h, m) = raw.trim().split_once(':').ok_or("err-time")?;
    match (h.parse::<u8>(), m.parse::<u8>()) {
        (Ok(h), Ok(m)) if h < 24 && m < 60 && m.to_string().len() <= 2 => Ok((h, m)),
        _ => Err("err-time"),
    }
}

/// One interviewer's scores: 1–5 on every competence, each with an optional note.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoresInput {
    pub scores: Vec<(Competence, i64, Option<String>)>,
}

impl ScoresInput {
    /// `get(code)` gives the score field's value, `note(code)` the note's.
    pub fn parse<'a>(score: impl Fn(&str) -> Option<&'a str>, note: impl Fn(&str) -> Option<&'a str>) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let mut scores = Vec::new();
        for c in Competence::ALL {
            let s = e.check(
                &format!("score_{}", c.code()),
                score(c.code()).and_then(|s| s.trim().parse::<i64>().ok()).filter(|s| (1..=5).contains(s)).ok_or("err-score"),
            );
            let n = e.check(&format!("note_{}", c.code()), optional_text(note(c.code()), 2000));
            if let (Some(s), Some(n)) = (s, n) {
                scores.push((*c, s, n));
            }
        }
        e.into_result()?;
        Ok(Self { scores })
    }
}

/// The retention setting: 1 to 60 months.
pub fn parse_retention(raw: &str) -> Result<i64, ValidationErrors> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|m| (1..=60).contains(m))
        .ok_or_else(|| ValidationErrors::single("retention_months", "err-retention"))
}

/// Whether an application decided on `decided` is past its retention of `months` on `today`:
/// the data goes the day after the same date `months` later (the month's last day when it is shorter).
pub fn retention_over(decided: Date, months: i64, today: Date) -> bool {
    today > crate::time::add_months(decided, months)
}

/// The mean of scores, if any.
pub fn mean(scores: &[i64]) -> Option<f64> {
    if scores.is_empty() { None } else { Some(scores.iter().sum::<i64>() as f64 / scores.len() as f64) }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use time::macros::date;

    /// A minimal ZIP with the named, stored entries.
    fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, data) in entries {
            out.extend_from_slice(b"PK\x03\x04");
            out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&[0, 0, 0, 0]); // crc
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
        }
        out
    }

    #[test]
    fn the_pipeline_moves_forward_one_step_or_ends() {
        use Stage::*;
        assert!(allowed_move(Received, Screening));
        assert!(allowed_move(Screening, Interview));
        assert!(allowed_move(Interview, Hired));
        for s in [Received, Screening, Interview] {
            assert!(allowed_move(s, Rejected) && allowed_move(s, Withdrawn), "{s}");
        }
        assert!(!allowed_move(Received, Hired), "no hiring without an interview");
        assert!(!allowed_move(Received, Interview), "no skipping the screening");
        assert!(!allowed_move(Screening, Received), "no going back");
        for d in [Hired, Rejected, Withdrawn] {
            assert!(d.is_decision());
            assert!(Stage::ALL.iter().all(|t| !allowed_move(d, *t)), "a decision is final: {d}");
        }
        assert!(!allowed_move(Interview, Interview));
    }

    #[test]
    fn files_are_known_by_their_content_not_their_name() {
        let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
        let png = [&[0x89u8, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a][..], &[0u8; 20]].concat();
        let jpeg = vec![0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F'];
        let docx = zip(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")]);
        let odt = zip(&[("mimetype", ODT_MIME), ("content.xml", b"<office:document-content/>")]);
        let ods = zip(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")]);
        let xlsx = zip(&[("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<w/>")]);
        let jar = zip(&[("META-INF/MANIFEST.MF", b"Manifest-Version: 1.0")]);
        let exe = [&b"MZ\x90\x00\x03\x00\x00\x00"[..], &[0u8; 56]].concat();
        assert_eq!(sniff(&pdf), Some(AttachmentKind::Pdf));
        assert_eq!(sniff(&png), Some(AttachmentKind::Png));
        assert_eq!(sniff(&jpeg), Some(AttachmentKind::Jpeg));
        assert_eq!(sniff(&docx), Some(AttachmentKind::Docx));
        assert_eq!(sniff(&odt), Some(AttachmentKind::Odt));
        assert_eq!(sniff("Kære Søby,\nJeg søger.\n".as_bytes()), Some(AttachmentKind::Text));
        for (what, bad) in [("ods", &ods), ("xlsx", &xlsx), ("jar", &jar), ("exe", &exe)] {
            assert_eq!(sniff(bad), None, "{what}");
        }
        assert_eq!(sniff(b"\x00\x01binary"), None);
        assert_eq!(sniff(b"   \n"), None, "blank text is no attachment");

        // A PDF named .png is stored as the PDF it is; an .exe named .pdf is refused.
        let ok = check_attachments(vec![("cv.png".into(), pdf.clone())]).unwrap();
        assert_eq!((ok[0].kind, ok[0].file_name.as_str()), (AttachmentKind::Pdf, "cv.pdf"));
        let e = check_attachments(vec![("ansøgning.pdf".into(), exe)]).unwrap_err();
        assert_eq!(e.message_for("attachments"), Some("err-attachment-type"));
        // Names are cleaned; an empty part (no file chosen) is skipped.
        let ok = check_attachments(vec![("../../etc/pass wd.txt".into(), b"hej".to_vec()), ("".into(), Vec::new())]).unwrap();
        assert_eq!(ok.len(), 1);
        assert_eq!(ok[0].file_name, "pass_wd.txt");
    }

    #[test]
    fn at_most_three_files_of_at_most_five_megabytes() {
        let pdf = b"%PDF-1.7\n".to_vec();
        assert_eq!(check_attachments(vec![("a".into(), pdf.clone()); 3]).unwrap().len(), 3);
        let e = check_attachments(vec![("a".into(), pdf.clone()); 4]).unwrap_err();
        assert_eq!(e.message_for("attachments"), Some("err-attachment-count"));
        let mut big = pdf.clone();
        big.resize(MAX_ATTACHMENT_BYTES, b' ');
        assert!(check_attachments(vec![("big".into(), big.clone())]).is_ok(), "exactly 5 MB is allowed");
        big.push(b' ');
        let e = check_attachments(vec![("big".into(), big)]).unwrap_err();
        assert_eq!(e.message_for("attachments"), Some("err-attachment-size"));
    }

    #[test]
    fn forms_parse_with_their_errors() {
        let a = ApplicationInput::parse("Ane Ansøger", "ANE@example.dk", Some(""), "en", "Jeg vil gerne.", true).unwrap();
        assert_eq!((a.email.as_str(), a.phone.clone(), a.language), ("ane@example.dk", None, LetterLanguage::En));
        let e = ApplicationInput::parse("", "nope", Some("abc"), "de", "", false).unwrap_err();
        for (f, m) in [
            ("name", "err-required"),
            ("email", "err-email"),
            ("language", "err-choice"),
            ("motivation", "err-required"),
            ("consent", "err-consent-required"),
        ] {
            assert_eq!(e.message_for(f), Some(m), "{f}");
        }
        assert!(e.message_for("phone").is_some());

        let p = PostingInput::parse("k", "Vi søger", "Søby", "2026-04-01", "2026-05-01", "open").unwrap();
        assert!(p.is_public(date!(2026 - 04 - 01)) && !p.is_public(date!(2026 - 04 - 02)));
        let e = PostingInput::parse("k", "x", "y", "2026-04-01", "2026-03-01", "sold").unwrap_err();
        assert_eq!(e.message_for("starts_on"), Some("err-start-before-deadline"));
        assert_eq!(e.message_for("status"), Some("err-choice"));

        // 10:00 Danish summer time is 08:00 UTC.
        let i = InterviewInput::parse("2026-06-01", "10:00", "Mødelokale 2", false, &["b".into(), "a".into(), "a".into()]).unwrap();
        assert_eq!(i.starts_at.rfc3339(), "2026-06-01T08:00:00Z");
        assert_eq!(i.panel, ["a", "b"]);
        let e = InterviewInput::parse("x", "25:00", "", true, &["a".into(), "a".into()]).unwrap_err();
        for f in ["date", "time", "place", "panel"] {
            assert!(e.message_for(f).is_some(), "{f}");
        }
        assert_eq!(e.message_for("panel"), Some("err-panel-two"));

        let s = ScoresInput::parse(|c| Some(if c == "listening" { "5" } else { "3" }), |_| None).unwrap();
        assert_eq!(s.scores.len(), 5);
        let e = ScoresInput::parse(|c| Some(if c == "hope" { "6" } else { "3" }), |_| None).unwrap_err();
        assert_eq!(e.message_for("score_hope"), Some("err-score"));
        assert_eq!(mean(&[3, 4]), Some(3.5));
    }

    #[test]
    fn retention_runs_from_the_decision_in_whole_months() {
        assert_eq!(parse_retention("6").unwrap(), 6);
        assert!(parse_retention("0").is_err() && parse_retention("61").is_err() && parse_retention("x").is_err());
        let d = date!(2026 - 01 - 31);
        assert!(!retention_over(d, 1, date!(2026 - 02 - 28)));
        assert!(retention_over(d, 1, date!(2026 - 03 - 01)));
        assert!(!retention_over(date!(2026 - 03 - 02), 6, date!(2026 - 09 - 02)));
        assert!(retention_over(date!(2026 - 03 - 02), 6, date!(2026 - 09 - 03)));
        assert!(retention_over(date!(2026 - 11 - 15), 2, date!(2027 - 01 - 16)));
    }

    #[test]
    fn the_panel_reads_and_scores_managers_manage() {
        use crate::ids::uuid_v7;
        use crate::people::Role;
        use crate::policy::{self, Actor, Basis, Membership};
        let org = crate::OrgId::from_uuid(uuid_v7(1, [1; 10]));
        let other = crate::OrgId::from_uuid(uuid_v7(2, [2; 10]));
        let actor = |o, role| Actor {
            user: crate::UserId::from_uuid(uuid_v7(3, [3; 10])),
            system_admin: false,
            memberships: vec![Membership { org: o, role }],
            peer_worker_ids: Vec::new(),
        };
        for role in Role::ALL {
            let a = actor(org, *role);
            let manager = matches!(role, Role::Administrator | Role::Coordinator);
            assert_eq!(policy::manage_recruitment(&a, org).is_ok(), manager, "{role}");
            assert_eq!(policy::view_application(&a, org, false).is_ok(), manager, "{role}");
            assert!(policy::view_application(&a, org, true).is_ok(), "{role} on the panel");
            assert!(policy::score_interview(&a, org, false).is_err(), "{role} off the panel");
            assert_eq!(policy::edit_recruitment_settings(&a, org).is_ok(), *role == Role::Administrator, "{role}");
            assert!(policy::view_application(&a, other, true).is_err(), "{role}: another organisation");
        }
        let sup = actor(org, Role::Supervisor);
        assert_eq!(policy::view_application(&sup, org, true), Ok(Basis::InterviewPanel));
        assert_eq!(policy::score_interview(&sup, org, true), Ok(Basis::InterviewPanel));
    }
}
