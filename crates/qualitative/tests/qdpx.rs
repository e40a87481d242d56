//! REFI-QDA exchange: what `qdpx::write` produces is checked by `scripts/check-qdpx.py` (lxml
//! against the vendored schema, references, positions) and read back unchanged; files in the
//! style other programs export are read; broken and oversized input is refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use sammen_qualitative::qdpx::{self, Code, Coding, Note, Project, QdpxError, Selection, Set, Skipped, TextSource, User};

// ---------------------------------------------------------------------------------------------
// The independent checker

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The python of the checkers' environment: `SAMMEN_PY`, else the default venv that
/// `scripts/py-tools.sh` makes. Fails (never passes unchecked) when neither exists.
fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("SAMMEN_PY").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        assert!(p.exists(), "SAMMEN_PY={} does not exist; run scripts/py-tools.sh", p.display());
        return p;
    }
    let p = PathBuf::from("/tmp/sammen-py-venv/bin/python");
    assert!(p.exists(), "no Python checkers: SAMMEN_PY is not set and {} does not exist; run scripts/py-tools.sh", p.display());
    p
}

struct Checked {
    ok: bool,
    summary: serde_like::Json,
    output: String,
}

/// Runs `scripts/check-qdpx.py --json` on `bytes` with `args`.
fn run_checker(bytes: &[u8], args: &[&str]) -> Checked {
    let dir = std::env::temp_dir().join(format!("qdpx-check-{}-{}", std::process::id(), unique()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("project.qdpx");
    std::fs::write(&file, bytes).unwrap();
    let root = repo_root();
    let out = Command::new(python())
        .arg(root.join("scripts/check-qdpx.py"))
        .arg(&file)
        .arg("--xsd")
        .arg(root.join("crates/qualitative/schema/Project-mrt2019.xsd"))
        .arg("--json")
        .args(args)
        .output()
        .expect("running scripts/check-qdpx.py");
    std::fs::remove_dir_all(&dir).ok();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let output = format!("{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let summary = serde_like::parse(&stdout).unwrap_or_else(|| panic!("the checker printed no JSON:\n{output}"));
    Checked { ok: out.status.success(), summary, output }
}

fn assert_valid(bytes: &[u8], args: &[&str]) -> Checked {
    let c = run_checker(bytes, args);
    assert!(c.ok, "check-qdpx.py rejected the export:\n{}", c.output);
    assert_eq!(c.summary.get("ok"), Some("true"), "{}", c.output);
    c
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// Just enough JSON reading for the checker's flat summary (numbers, booleans, strings).
mod serde_like {
    pub struct Json(Vec<(String, String)>);
    impl Json {
        pub fn get(&self, key: &str) -> Option<&str> {
            self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
        }
        pub fn number(&self, key: &str) -> usize {
            self.get(key).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("no number {key}"))
        }
    }
    pub fn parse(text: &str) -> Option<Json> {
        let start = text.find('{')?;
        let mut pairs = Vec::new();
        for line in text[start..].lines() {
            let line = line.trim().trim_end_matches(',');
            let Some(rest) = line.strip_prefix('"') else { continue };
            let Some((key, value)) = rest.split_once("\": ") else { continue };
            pairs.push((key.to_owned(), value.trim_matches('"').to_owned()));
        }
        Some(Json(pairs))
    }
}

// ---------------------------------------------------------------------------------------------
// A project in the shape Sammen exports

fn guid(kind: u32, n: u64) -> String {
    format!("{kind:08x}-0000-4000-8000-{n:012x}")
}

/// Character positions (code points, end exclusive) of `quote` in `text`.
fn span(text: &str, quote: &str) -> (usize, usize) {
    let byte = text.find(quote).unwrap_or_else(|| panic!("{quote:?} not in the text"));
    let start = text[..byte].chars().count();
    (start, start + quote.chars().count())
}

const ANNE: &str = "I: Hvordan var det at møde din peer første gang?\n\
D: Jeg var nervøs 😬, men hun forstod mig. Vi drak kaffe på Ærø.\n\
I: Hvad har ændret sig?\n\
D: Jeg har fået håb igen 👩‍👩‍👧 og tør prøve nye ting.\n";

/// Combining marks (e + U+0301, a + U+030A), a flag and a skin-tone emoji before the quotes.
const BO: &str = "I: Fortæl om gruppen.\n\
D: Rene\u{301} og jeg mødtes hver uge i Fa\u{30a}borg 🇩🇰 👍🏽.\n\
D: Det svære var at sige noget i gruppen, når jeg havde en dårlig dag.\n";

fn quote_selection(text: &str, quote: &str, id: u64, coder: &str, codes: &[&str], memo: Option<&str>) -> Selection {
    let (start, end) = span(text, quote);
    Selection {
        guid: guid(4, id),
        name: quote.to_owned(),
        start,
        end,
        creating_user: Some(coder.to_owned()),
        creation_date_time: Some("2026-11-30T10:15:00Z".into()),
        codings: codes
            .iter()
            .enumerate()
            .map(|(i, code)| Coding {
                guid: guid(5, id * 10 + i as u64),
                code_guid: code.to_string(),
                creating_user: Some(coder.to_owned()),
                creation_date_time: Some("2026-11-30T10:15:00+01:00".into()),
            })
            .collect(),
        memo: memo.map(str::to_owned),
    }
}

fn code(id: u64, name: &str, description: Option<&str>, children: Vec<Code>) -> Code {
    Code { guid: guid(2, id), name: name.into(), is_codable: true, color: None, description: description.map(str::to_owned), children }
}

fn sample() -> Project {
    let coder_a = guid(1, 1);
    let coder_b = guid(1, 2);
    let connectedness_peer = guid(2, 11);
    let hope = guid(2, 20);
    let new_things = guid(2, 41);
    let difficulties = guid(2, 50);
    let codes = vec![
        Code {
            guid: guid(2, 1),
            name: "CHIME".into(),
            is_codable: false,
            color: Some("#1f6feb".into()),
            description: Some("Recovery processes: connectedness, hope, identity, meaning, empowerment.".into()),
            children: vec![
                code(
                    10,
                    "Forbundethed",
                    Some("Connectedness"),
                    vec![
                        code(11, "Til peeren", Some("Relation to the peer worker, e.g. \"hun forstod mig\" & trust."), vec![]),
                        code(12, "Til andre i gruppen", None, vec![]),
                    ],
                ),
                Code { color: Some("#FC0".into()), ..code(20, "Håb og optimisme", None, vec![]) },
            ],
        },
        code(40, "Konkrete forandringer i livet", None, vec![code(41, "Prøver nye ting", None, vec![])]),
        code(50, "Vanskeligheder og negative oplevelser", Some("Difficulties <and> negative experiences"), vec![]),
    ];
    let anne = TextSource {
        guid: guid(3, 1),
        name: "Interview 1 – deltager".into(),
        text: ANNE.into(),
        creating_user: Some(coder_a.clone()),
        creation_date_time: Some("2026-11-29T09:00:00Z".into()),
        description: Some("Pseudonymiseret udskrift".into()),
        selections: vec![
            quote_selection(
                ANNE,
                "hun forstod mig",
                1,
                &coder_a,
                &[&connectedness_peer],
                Some("Tillid fra første møde.\nSe også interview 2."),
            ),
            quote_selection(ANNE, "Jeg har fået håb igen 👩‍👩‍👧", 2, &coder_a, &[&hope], None),
            quote_selection(ANNE, "tør prøve nye ting", 3, &coder_b, &[&new_things, &hope], Some("Både håb & handling <empowerment>?")),
            quote_selection(ANNE, "kaffe på Ærø", 4, &coder_b, &[&connectedness_peer], None),
        ],
    };
    let bo = TextSource {
        guid: guid(3, 2),
        name: "Interview 2 – deltager".into(),
        text: BO.into(),
        creating_user: None,
        creation_date_time: None,
        description: None,
        selections: vec![
            quote_selection(BO, "mødtes hver uge i Fa\u{30a}borg 🇩🇰 👍🏽", 5, &coder_a, &[&guid(2, 12)], None),
            quote_selection(BO, "Det svære var at sige noget i gruppen", 6, &coder_b, &[&difficulties], Some("Negativ oplevelse")),
            // An empty selection at the very end of the text is within it.
            Selection { guid: guid(4, 7), start: BO.chars().count(), end: BO.chars().count(), ..Selection::default() },
        ],
    };
    Project {
        name: "Interviewstudie: Peer-Støtte 2026".into(),
        origin: Some("Sammen".into()),
        creating_user: Some(coder_a.clone()),
        creation_date_time: Some("2026-12-01T08:00:00Z".into()),
        description: Some("Interviews kodet i CHIME af to kodere.".into()),
        users: vec![User { guid: coder_a.clone(), name: "Koder A".into() }, User { guid: coder_b, name: "Koder B".into() }],
        codes,
        sources: vec![anne, bo],
        notes: vec![Note {
            guid: guid(6, 1),
            name: "Udvælgelse".into(),
            text: "De interviewede havde et positivt forhold til peer-støtten.\r\nDet kan præge resultatet.".into(),
            creating_user: Some(coder_a),
            creation_date_time: Some("2026-12-01T08:30:00.250Z".into()),
        }],
        sets: vec![Set {
            guid: guid(7, 1),
            name: "Deltagere".into(),
            description: Some("Interviews med deltagere".into()),
            member_codes: vec![hope],
            member_sources: vec![guid(3, 1), guid(3, 2)],
        }],
        skipped: Skipped::default(),
    }
}

fn count_codes(codes: &[Code]) -> usize {
    codes.iter().map(|c| 1 + count_codes(&c.children)).sum()
}

fn zip_entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().unwrap().into_owned(), out)
        })
        .collect()
}

fn make_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn replace_entry(bytes: &[u8], name: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let entries = zip_entries(bytes);
    let edited: Vec<(String, Vec<u8>)> =
        entries.into_iter().map(|(n, b)| if n == name { (n, edit(String::from_utf8(b).unwrap()).into_bytes()) } else { (n, b) }).collect();
    let refs: Vec<(&str, &[u8])> = edited.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    make_zip(&refs)
}

fn qde_of(bytes: &[u8]) -> String {
    let (_, qde) = zip_entries(bytes).into_iter().find(|(n, _)| n == "project.qde").expect("project.qde");
    String::from_utf8(qde).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Writing and reading back

#[test]
fn round_trip_gives_the_same_project_and_the_export_validates() {
    let project = sample();
    let bytes = qdpx::write(&project).unwrap();
    let codings: usize = project.sources.iter().flat_map(|s| &s.selections).map(|s| s.codings.len()).sum();
    let checked = assert_valid(
        &bytes,
        &["--expect-codes", &count_codes(&project.codes).to_string(), "--expect-sources", "2", "--expect-codings", &codings.to_string()],
    );
    assert_eq!(checked.summary.number("selections"), 7);
    assert_eq!(checked.summary.number("notes"), 4, "one project note and three memos");
    assert_eq!(checked.summary.number("users"), 2);
    let back = qdpx::read(&bytes).unwrap();
    assert_eq!(back, project);
    assert_eq!(qdpx::write(&back).unwrap(), bytes, "the same project gives the same bytes");
}

#[test]
fn archive_layout_follows_the_specification() {
    let project = sample();
    let bytes = qdpx::write(&project).unwrap();
    let entries = zip_entries(&bytes);
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["project.qde", &format!("sources/{}.txt", guid(3, 1)), &format!("sources/{}.txt", guid(3, 2))]);
    assert_eq!(entries[1].1, ANNE.as_bytes(), "the text file is the plain UTF-8 text, no byte order mark");
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
    assert_eq!(zip.by_index(0).unwrap().compression(), zip::CompressionMethod::Deflated);
    let qde = qde_of(&bytes);
    assert!(qde.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>"), "{qde}");
    assert!(qde.contains(r#"<Project xmlns="urn:QDA-XML:project:1.0""#), "{qde}");
    assert!(qde.contains(&format!(r#"plainTextPath="internal://{}.txt""#, guid(3, 1))), "{qde}");
    // Attributes in the schema's order.
    let code = qde.lines().find(|l| l.contains("<Code ") && l.contains("Håb og optimisme")).unwrap();
    let order: Vec<usize> = ["guid=", "name=", "isCodable=", "color="].iter().map(|a| code.find(a).unwrap()).collect();
    assert!(order.is_sorted(), "{code}");
    let sel = qde.lines().find(|l| l.contains("<PlainTextSelection ")).unwrap();
    let order: Vec<usize> = ["guid=", "name=", "startPosition=", "endPosition=", "creatingUser=", "creationDateTime="]
        .iter()
        .map(|a| sel.find(a).unwrap())
        .collect();
    assert!(order.is_sorted(), "{sel}");
    // The memo is a note the selection refers to.
    let memo_selection = qde.split("<PlainTextSelection ").nth(1).unwrap().split("</PlainTextSelection>").next().unwrap();
    assert!(memo_selection.contains("<NoteRef targetGUID="), "{memo_selection}");
    assert!(qde.contains("<PlainTextContent>Tillid fra første møde.\nSe også interview 2.</PlainTextContent>"), "{qde}");
    assert!(qde.contains("\"hun forstod mig\" &amp; trust."), "{qde}");
    assert!(qde.contains("&#13;\n"), "a carriage return survives as a reference: {qde}");
}

#[test]
fn positions_count_code_points_in_danish_text_with_emoji_and_combining_marks() {
    let project = sample();
    let bytes = qdpx::write(&project).unwrap();
    // Positions as written: code points, not bytes or UTF-16 units.
    let qde = qde_of(&bytes);
    let (start, end) = span(BO, "Det svære var at sige noget i gruppen");
    let utf16_start = BO[..BO.find("Det svære").unwrap()].encode_utf16().count();
    assert_ne!(start, utf16_start, "the text must tell code points from UTF-16 units apart");
    assert_ne!(start, BO.find("Det svære").unwrap(), "the text must tell code points from bytes apart");
    assert!(qde.contains(&format!(r#"startPosition="{start}" endPosition="{end}""#)), "{qde}");

    // Python (code points too) slices the written text at the written positions.
    let dir = std::env::temp_dir().join(format!("qdpx-slices-{}-{}", std::process::id(), unique()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("p.qdpx");
    std::fs::write(&file, &bytes).unwrap();
    let script = r#"
import sys, zipfile, json
from lxml import etree
z = zipfile.ZipFile(sys.argv[1])
q = "{urn:QDA-XML:project:1.0}"
doc = etree.fromstring(z.read("project.qde"))
out = []
for src in doc.iter(q + "TextSource"):
    text = z.read("sources/" + src.get("plainTextPath")[len("internal://"):]).decode("utf-8")
    for sel in src.iter(q + "PlainTextSelection"):
        out.append(text[int(sel.get("startPosition")):int(sel.get("endPosition"))])
print(json.dumps(out, ensure_ascii=True))
"#;
    let out = Command::new(python()).arg("-c").arg(script).arg(&file).output().unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let expected: Vec<String> = project
        .sources
        .iter()
        .flat_map(|s| s.selections.iter().map(|sel| s.text.chars().skip(sel.start).take(sel.end - sel.start).collect::<String>()))
        .collect();
    let expected_json = format!(
        "[{}]",
        expected.iter().map(|q| format!("\"{}\"", q.chars().map(json_char).collect::<String>())).collect::<Vec<_>>().join(", ")
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), expected_json);
    assert!(expected.contains(&"mødtes hver uge i Fa\u{30a}borg 🇩🇰 👍🏽".to_owned()));
    assert!(expected.contains(&"Jeg har fået håb igen 👩‍👩‍👧".to_owned()));

    // And read back, the same positions give the same quotes.
    let back = qdpx::read(&bytes).unwrap();
    let sel = &back.sources[1].selections[1];
    let quote: String = back.sources[1].text.chars().skip(sel.start).take(sel.end - sel.start).collect();
    assert_eq!(quote, "Det svære var at sige noget i gruppen");
}

/// One character as Python's `json.dumps(ensure_ascii=True)` writes it.
fn json_char(c: char) -> String {
    match c {
        '"' => "\\\"".into(),
        '\\' => "\\\\".into(),
        '\n' => "\\n".into(),
        c if c.is_ascii() && !c.is_ascii_control() => c.to_string(),
        c => c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("\\u{u:04x}")).collect(),
    }
}

#[test]
fn nested_codes_and_memos_survive() {
    let back = qdpx::read(&qdpx::write(&sample()).unwrap()).unwrap();
    let chime = &back.codes[0];
    assert!(!chime.is_codable);
    assert_eq!(chime.children[0].children[1].name, "Til andre i gruppen");
    assert_eq!(chime.children[1].color.as_deref(), Some("#FC0"));
    let memos: Vec<&str> = back.sources.iter().flat_map(|s| &s.selections).filter_map(|s| s.memo.as_deref()).collect();
    assert_eq!(memos, ["Tillid fra første møde.\nSe også interview 2.", "Både håb & handling <empowerment>?", "Negativ oplevelse"]);
    assert_eq!(back.notes.len(), 1, "memo notes become memos again, not project notes");
    assert!(back.notes[0].text.contains("peer-støtten.\r\nDet"));
}

#[test]
fn a_minimal_project_and_brace_guids_validate() {
    let project = Project { name: "Tomt".into(), ..Project::default() };
    let bytes = qdpx::write(&project).unwrap();
    assert_valid(&bytes, &["--expect-codes", "0", "--expect-sources", "0", "--expect-codings", "0"]);
    assert_eq!(qdpx::read(&bytes).unwrap(), project);

    // GUIDs in braces or upper case are written in the canonical form.
    let mut p = sample();
    p.codes[2].guid = format!("{{{}}}", guid(2, 50).to_uppercase());
    let bytes = qdpx::write(&p).unwrap();
    assert_valid(&bytes, &[]);
    assert_eq!(qdpx::read(&bytes).unwrap(), sample());
}

#[test]
fn write_refuses_what_would_not_be_a_valid_project() {
    let err = |edit: &dyn Fn(&mut Project)| {
        let mut p = sample();
        edit(&mut p);
        qdpx::write(&p).unwrap_err().code()
    };
    assert_eq!(err(&|p| p.sources[0].selections[0].end = ANNE.chars().count() + 1), "err-qdpx-position");
    assert_eq!(err(&|p| p.sources[0].selections[0].start = p.sources[0].selections[0].end + 1), "err-qdpx-position");
    assert_eq!(err(&|p| p.sources[0].selections[0].codings[0].code_guid = guid(2, 999)), "err-qdpx-reference");
    assert_eq!(err(&|p| p.sources[0].creating_user = Some(guid(1, 99))), "err-qdpx-reference");
    assert_eq!(err(&|p| p.sets[0].member_sources.push(guid(3, 99))), "err-qdpx-reference");
    assert_eq!(err(&|p| p.sources[1].guid = guid(3, 1)), "err-qdpx-duplicate");
    assert_eq!(err(&|p| p.codes[1].children[0].guid = guid(1, 1)), "err-qdpx-duplicate");
    assert_eq!(err(&|p| p.users[0].guid = "not-a-guid".into()), "err-qdpx-guid");
    assert_eq!(err(&|p| p.users[0].guid = guid(1, 1).replace('-', "")), "err-qdpx-guid");
    assert_eq!(err(&|p| p.creation_date_time = Some("2026-12-01 08:00".into())), "err-qdpx-value");
    assert_eq!(err(&|p| p.creation_date_time = Some("2026-13-01T08:00:00Z".into())), "err-qdpx-value");
    assert_eq!(err(&|p| p.codes[0].color = Some("blue".into())), "err-qdpx-value");
}

#[test]
fn control_characters_cannot_break_the_xml() {
    let mut p = sample();
    p.codes[1].name = "Bell \u{7} and form feed \u{c}".into();
    p.sources[0].selections[0].memo = Some("tab\there, nul \u{0} gone".into());
    let bytes = qdpx::write(&p).unwrap();
    assert_valid(&bytes, &[]);
    let back = qdpx::read(&bytes).unwrap();
    assert_eq!(back.codes[1].name, "Bell \u{fffd} and form feed \u{fffd}");
    assert_eq!(back.sources[0].selections[0].memo.as_deref(), Some("tab\there, nul \u{fffd} gone"));
}

// ---------------------------------------------------------------------------------------------
// The checker can fail

#[test]
fn the_checker_fails_on_broken_files() {
    let good = qdpx::write(&sample()).unwrap();
    let expect_failure = |bytes: &[u8], args: &[&str], needle: &str| {
        let c = run_checker(bytes, args);
        assert!(!c.ok, "the checker passed a broken file ({needle}):\n{}", c.output);
        assert_eq!(c.summary.get("ok"), Some("false"), "{}", c.output);
        assert!(c.output.contains(needle), "expected {needle:?} in:\n{}", c.output);
    };
    // A coding of a code that is not in the codebook.
    let dangling = replace_entry(&good, "project.qde", |q| {
        q.replacen(&format!(r#"<CodeRef targetGUID="{}""#, guid(2, 11)), &format!(r#"<CodeRef targetGUID="{}""#, guid(2, 999)), 1)
    });
    expect_failure(&dangling, &[], "which is not a code");
    // A selection past the end of its text.
    let past = replace_entry(&good, "project.qde", |q| q.replacen("endPosition=\"", "endPosition=\"9999", 1));
    expect_failure(&past, &[], "lies outside its text");
    // A source whose text file is missing.
    let entries = zip_entries(&good);
    let without: Vec<(&str, &[u8])> =
        entries.iter().filter(|(n, _)| !n.ends_with(&format!("{}.txt", guid(3, 2)))).map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    expect_failure(&make_zip(&without), &[], "which is not in the archive");
    // Not valid against the schema (a code without isCodable).
    let invalid = replace_entry(&good, "project.qde", |q| q.replacen(r#" isCodable="true""#, "", 1));
    expect_failure(&invalid, &[], "schema:");
    // A user that is not in Users.
    let stranger = replace_entry(&good, "project.qde", |q| {
        q.replacen(&format!(r#"creatingUser="{}""#, guid(1, 2)), &format!(r#"creatingUser="{}""#, guid(1, 77)), 1)
    });
    expect_failure(&stranger, &[], "is not a user");
    // Counts that do not match.
    expect_failure(&good, &["--expect-codes", "3"], "expected 3 codes");
    expect_failure(&good, &["--expect-codings", "1"], "expected 1 codings");
    // Not an archive.
    expect_failure(b"<Project/>", &[], "not a ZIP archive");
}

// ---------------------------------------------------------------------------------------------
// Files as other programs write them

/// In the style of the programs' exports: upper-case and braced GUIDs, attributes in any
/// order, inline `PlainTextContent`, nested codes, a selection comment as `Description` and an
/// annotation as a `NoteRef`, elements Sammen does not use, and sources of other kinds.
const FOREIGN_QDE: &str = r##"<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<Project xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  origin="Some QDA 24.1" creatingUserGUID="AD68FBE7-E1EE-4A82-A279-23CC698C89EB"
  creationDateTime="2024-03-27T17:46:39Z" modifiedDateTime="2024-03-27T17:46:39Z" name="Frivillige &amp; peers"
  basePath="C:/Projekter">
  <Users>
    <User guid="AD68FBE7-E1EE-4A82-A279-23CC698C89EB" name="Friedrich"/>
    <User guid="{C32A2BD5-537F-4838-8B17-DF9EFBAFDF4B}" name="Søs"/>
  </Users>
  <CodeBook>
    <Codes>
      <Code isCodable="false" name="Temaer" guid="{5215CC69-B628-4E02-AFB9-9BEEAEE55808}">
        <Description>Mappe</Description>
        <NoteRef targetGUID="CE15250D-46AD-42C2-B90F-A509B8D64EC8"/>
        <Code color="#F00082" isCodable="true" name="Håb" guid="85D17F60-7BB0-481E-B742-B4861DD669DF">
          <Description>Hope &lt;and&gt; optimism</Description>
          <Code isCodable="1" name="Fremtid" guid="0F8A1907-7E42-4739-8610-A676B4D1B69F"/>
        </Code>
      </Code>
      <Code name="Tvivl" isCodable="true" guid="D2C1E38E-5220-42FA-A442-908471CC7964" color="red"/>
    </Codes>
  </CodeBook>
  <Variables>
    <Variable guid="A1B2C3D4-0000-4000-8000-000000000001" name="Alder" typeOfVariable="Integer"/>
  </Variables>
  <Cases>
    <Case guid="A1B2C3D4-0000-4000-8000-000000000002" name="Anne">
      <SourceRef targetGUID="17FB9CB8-7858-4291-A162-65424B9942EC"/>
    </Case>
  </Cases>
  <Sources>
    <PictureSource guid="02255470-09E6-400B-9E20-97D71FBEC65D" path="internal://87EAD86F-3112-4537-8A01-01427CAE1C6D.jpg" name="foto.jpg"/>
    <TextSource creationDateTime="2024-03-27T18:01:07Z" creatingUser="AD68FBE7-E1EE-4A82-A279-23CC698C89EB"
      guid="17FB9CB8-7858-4291-A162-65424B9942EC" name="Mabêl 2ième.txt" modifyingUser="AD68FBE7-E1EE-4A82-A279-23CC698C89EB">
      <Description>Interview</Description>
      <PlainTextContent>Jeg fik håb 😊 igen.&#13;
Det var svært.</PlainTextContent>
      <PlainTextSelection endPosition="18" startPosition="8" guid="B49D7982-BB8E-4335-80AF-DC869CCC3F45"
        name="håb 😊 igen" creatingUser="C32A2BD5-537F-4838-8B17-DF9EFBAFDF4B" creationDateTime="2024-03-27T18:49:32Z">
        <Description>En kommentar.</Description>
        <Coding guid="445A6AEC-1400-4502-919D-0867832FF211" creatingUser="AD68FBE7-E1EE-4A82-A279-23CC698C89EB" creationDateTime="2024-03-27T19:29:27Z">
          <CodeRef targetGUID="{85d17f60-7bb0-481e-b742-b4861dd669df}"/>
        </Coding>
        <Coding guid="445A6AEC-1400-4502-919D-0867832FF212">
          <CodeRef targetGUID="0F8A1907-7E42-4739-8610-A676B4D1B69F"/>
        </Coding>
        <Coding guid="445A6AEC-1400-4502-919D-0867832FF213">
          <CodeRef targetGUID="99999999-7E42-4739-8610-A676B4D1B69F"/>
        </Coding>
        <NoteRef targetGUID="E41BE463-FDF3-4ED0-B668-119C53D8D687"/>
        <Extension xmlns="urn:example:vendor"><Anything at="all"/></Extension>
      </PlainTextSelection>
      <PlainTextSelection startPosition="+21" endPosition="35" guid="4191294A-E287-4510-95B0-69BCE4638E56" creatingUser="FFFFFFFF-E1EE-4A82-A279-23CC698C89EB">
        <Coding guid="04EBEC7D-EAB4-43FC-8167-ADB14F921143"><CodeRef targetGUID="D2C1E38E-5220-42FA-A442-908471CC7964"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection startPosition="30" endPosition="36" guid="4191294A-E287-4510-95B0-69BCE4638E57"/>
      <Coding guid="04EBEC7D-EAB4-43FC-8167-ADB14F921144"><CodeRef targetGUID="D2C1E38E-5220-42FA-A442-908471CC7964"/></Coding>
      <VariableValue><VariableRef targetGUID="A1B2C3D4-0000-4000-8000-000000000001"/><IntegerValue>44</IntegerValue></VariableValue>
    </TextSource>
    <TextSource guid="51AD8E46-427A-4E6B-AFE7-BD96C1EFF0AD" name="kun docx" richTextPath="internal://1DDD235C-9E58-4451-8C49-17013D5C3655.docx"/>
    <VideoSource guid="ED105492-356D-4119-A1E2-716CF018AFED" path="relative:///video.mp4"/>
  </Sources>
  <Notes>
    <Note guid="CE15250D-46AD-42C2-B90F-A509B8D64EC8" name="Kodemappe-memo">
      <PlainTextContent>Om temaerne.</PlainTextContent>
    </Note>
    <Note guid="E41BE463-FDF3-4ED0-B668-119C53D8D687" name="Annotation" creatingUser="AD68FBE7-E1EE-4A82-A279-23CC698C89EB">
      <PlainTextContent><![CDATA[Et memo med <tegn> & mere.]]></PlainTextContent>
    </Note>
  </Notes>
  <Links>
    <Link guid="7B56978E-9D9F-4D47-B4EC-436E2F6B8BE5" originGUID="E41BE463-FDF3-4ED0-B668-119C53D8D687" targetGUID="B49D7982-BB8E-4335-80AF-DC869CCC3F45"/>
  </Links>
  <Sets>
    <Set guid="C29B5DB8-2ED6-406B-BFD2-68E8E273C1E9" name="Mabel">
      <MemberSource targetGUID="17FB9CB8-7858-4291-A162-65424B9942EC"/>
      <MemberSource targetGUID="02255470-09E6-400B-9E20-97D71FBEC65D"/>
      <MemberCode targetGUID="85D17F60-7BB0-481E-B742-B4861DD669DF"/>
    </Set>
  </Sets>
  <Graphs>
    <Graph guid="2BD17780-DA8D-4F9E-835A-5FA8CF02EF11" name="Netværk"/>
  </Graphs>
  <Description>Et projekt fra et andet program.</Description>
</Project>
"##;

fn check_foreign(p: &Project) {
    let lower = |s: &str| s.to_lowercase();
    assert_eq!(p.name, "Frivillige & peers");
    assert_eq!(p.origin.as_deref(), Some("Some QDA 24.1"));
    assert_eq!(p.creating_user.as_deref(), Some(lower("AD68FBE7-E1EE-4A82-A279-23CC698C89EB").as_str()));
    assert_eq!(p.description.as_deref(), Some("Et projekt fra et andet program."));
    assert_eq!(p.users[1], User { guid: "c32a2bd5-537f-4838-8b17-df9efbafdf4b".into(), name: "Søs".into() });
    // Nested codes, canonical GUIDs, tolerant booleans, an invalid colour dropped.
    assert_eq!(p.codes.len(), 2);
    let folder = &p.codes[0];
    assert_eq!((folder.guid.as_str(), folder.is_codable), ("5215cc69-b628-4e02-afb9-9beeaee55808", false));
    let hope = &folder.children[0];
    assert_eq!(
        (hope.name.as_str(), hope.color.as_deref(), hope.description.as_deref()),
        ("Håb", Some("#F00082"), Some("Hope <and> optimism"))
    );
    assert!(hope.children[0].is_codable);
    assert_eq!(p.codes[1].color, None);
    // One text source: the docx-only one, the picture and the video are left out.
    assert_eq!(p.sources.len(), 1);
    let s = &p.sources[0];
    assert_eq!(s.text, "Jeg fik håb 😊 igen.\r\nDet var svært.");
    assert_eq!(s.description.as_deref(), Some("Interview"));
    assert_eq!(s.selections.len(), 2, "the selection past the end of the text is left out");
    let first = &s.selections[0];
    assert_eq!(s.text.chars().skip(first.start).take(first.end - first.start).collect::<String>(), "håb 😊 igen");
    assert_eq!(first.creating_user.as_deref(), Some("c32a2bd5-537f-4838-8b17-df9efbafdf4b"));
    let coded: Vec<&str> = first.codings.iter().map(|c| c.code_guid.as_str()).collect();
    assert_eq!(coded, ["85d17f60-7bb0-481e-b742-b4861dd669df", "0f8a1907-7e42-4739-8610-a676b4d1b69f"]);
    assert_eq!(first.memo.as_deref(), Some("En kommentar.\n\nEt memo med <tegn> & mere."));
    let second = &s.selections[1];
    assert_eq!(s.text.chars().skip(second.start).take(second.end - second.start).collect::<String>(), "Det var svært.");
    assert_eq!(second.creating_user, None, "a user the project does not list is dropped");
    // The annotation became a memo; the code's note stays a note.
    assert_eq!(p.notes.len(), 1);
    assert_eq!((p.notes[0].name.as_str(), p.notes[0].text.as_str()), ("Kodemappe-memo", "Om temaerne."));
    assert_eq!(p.sets[0].member_sources, ["17fb9cb8-7858-4291-a162-65424b9942ec"]);
    assert_eq!(p.sets[0].member_codes, ["85d17f60-7bb0-481e-b742-b4861dd669df"]);
    assert_eq!(p.skipped, Skipped { sources: 3, selections: 1, codings: 2 });
    assert_eq!(p.skipped.total(), 6);
}

#[test]
fn reads_a_bare_qde_in_the_style_other_programs_export() {
    let p = qdpx::read(FOREIGN_QDE.as_bytes()).unwrap();
    check_foreign(&p);
    // What was read can be written again, and that validates.
    let bytes = qdpx::write(&p).unwrap();
    assert_valid(&bytes, &["--expect-codes", "4", "--expect-sources", "1", "--expect-codings", "3"]);
    let mut again = qdpx::read(&bytes).unwrap();
    again.skipped = p.skipped;
    assert_eq!(again, p);
}

#[test]
fn reads_an_archive_with_capitalised_names_and_text_files() {
    // `Project.qde` and `Sources/…TXT` as in the specification's own example; the text as a
    // file with a byte order mark instead of inline.
    let qde = FOREIGN_QDE.replace(
        r#"guid="17FB9CB8-7858-4291-A162-65424B9942EC" name="Mabêl 2ième.txt""#,
        r#"guid="17FB9CB8-7858-4291-A162-65424B9942EC" name="Mabêl 2ième.txt" plainTextPath="internal://88293C71-CB70-4AB7-8413-C24110A19C2E.txt""#,
    );
    let qde = qde.replace("<PlainTextContent>Jeg fik håb 😊 igen.&#13;\nDet var svært.</PlainTextContent>", "");
    let text = "\u{feff}Jeg fik håb 😊 igen.\r\nDet var svært.";
    let bytes = make_zip(&[
        ("Project.qde", qde.as_bytes()),
        ("Sources/88293C71-CB70-4AB7-8413-C24110A19C2E.TXT", text.as_bytes()),
        ("Sources/87EAD86F-3112-4537-8A01-01427CAE1C6D.jpg", b"\xff\xd8 not read"),
    ]);
    check_foreign(&qdpx::read(&bytes).unwrap());

    // UTF-16 text with its byte order mark is read too.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.trim_start_matches('\u{feff}').encode_utf16().flat_map(u16::to_le_bytes));
    let bytes = make_zip(&[("project.qde", qde.as_bytes()), ("sources/88293C71-CB70-4AB7-8413-C24110A19C2E.txt", &utf16)]);
    check_foreign(&qdpx::read(&bytes).unwrap());

    // A text file that is missing is an error, not an empty source.
    let bytes = make_zip(&[("project.qde", qde.as_bytes())]);
    assert_eq!(qdpx::read(&bytes).unwrap_err().code(), "err-qdpx-source");
}

#[test]
fn reads_a_codebook() {
    let qdc = r##"<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0">
<Codes>
<Code guid="{5215cc69-b628-4e02-afb9-9beeaee55808}" name="Topics" isCodable="false">
  <Code guid="{d7aa29da-519b-4946-9b90-253b6db8fd0a}" name="Economy" isCodable="true" color="#ffff00">
    <Description>Anything about jobs or taxes or business</Description>
  </Code>
</Code>
</Codes>
</CodeBook>"##;
    let p = qdpx::read(qdc.as_bytes()).unwrap();
    assert_eq!(p.codes.len(), 1);
    assert_eq!(p.codes[0].children[0].guid, "d7aa29da-519b-4946-9b90-253b6db8fd0a");
    assert_eq!(p.codes[0].children[0].description.as_deref(), Some("Anything about jobs or taxes or business"));
}

// ---------------------------------------------------------------------------------------------
// Refusals and limits

#[test]
fn refuses_what_is_not_a_project() {
    let code = |bytes: &[u8]| qdpx::read(bytes).unwrap_err().code();
    assert_eq!(code(b"%PDF-1.7 not a project"), "err-qdpx-not-zip");
    assert_eq!(code(b""), "err-qdpx-not-zip");
    assert_eq!(code(b"PK\x03\x04 truncated"), "err-qdpx-not-zip");
    assert_eq!(code(&make_zip(&[("readme.txt", b"hello")])), "err-qdpx-no-project");
    assert_eq!(code(&make_zip(&[("project.qde", b"<Project name='x'><Users></Project>")])), "err-qdpx-xml");
    assert_eq!(code(&make_zip(&[("project.qde", b"<Project name='x'/><Project name='y'/>")])), "err-qdpx-xml");
    assert_eq!(code(&make_zip(&[("project.qde", b"<Project name='&unknown;'/>")])), "err-qdpx-xml");
    assert_eq!(code(&make_zip(&[("project.qde", b"<Project name='\xff'/>")])), "err-qdpx-xml");
    assert_eq!(code(b"<html><body>not QDA-XML</body></html>"), "err-qdpx-no-project");
    let bad_guid = r#"<Project name="x"><CodeBook><Codes><Code guid="1234" name="a" isCodable="true"/></Codes></CodeBook></Project>"#;
    assert_eq!(code(bad_guid.as_bytes()), "err-qdpx-guid");
}

#[test]
fn refuses_zip_bombs_and_deep_nesting() {
    // project.qde that inflates past the limit (a few hundred kilobytes compressed).
    let mut qde = b"<Project name=\"x\">".to_vec();
    qde.resize(qdpx::MAX_QDE_BYTES as usize + 10, b' ');
    qde.extend_from_slice(b"</Project>");
    let bomb = make_zip(&[("project.qde", &qde)]);
    assert!(bomb.len() < 1024 * 1024, "the archive itself is small: {}", bomb.len());
    assert_eq!(qdpx::read(&bomb).unwrap_err().code(), "err-qdpx-too-large");

    // A source text that inflates past its limit.
    let qde = format!(
        r#"<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource guid="{}" plainTextPath="internal://big.txt"/></Sources></Project>"#,
        guid(3, 1)
    );
    let big = vec![b'a'; qdpx::MAX_SOURCE_BYTES as usize + 1];
    let bomb = make_zip(&[("project.qde", qde.as_bytes()), ("sources/big.txt", &big)]);
    assert_eq!(qdpx::read(&bomb).unwrap_err().code(), "err-qdpx-too-large");

    // Codes nested deeper than the limit.
    let depth = qdpx::MAX_DEPTH + 5;
    let mut xml = String::from(r#"<Project name="x"><CodeBook><Codes>"#);
    for i in 0..depth {
        xml.push_str(&format!(r#"<Code guid="{}" name="c" isCodable="true">"#, guid(2, i as u64)));
    }
    xml.push_str(&"</Code>".repeat(depth));
    xml.push_str("</Codes></CodeBook></Project>");
    assert_eq!(qdpx::read(xml.as_bytes()).unwrap_err().code(), "err-qdpx-too-large");

    // Within the limit, deep codebooks are fine.
    let depth = qdpx::MAX_DEPTH - 10;
    let mut xml = String::from(r#"<Project name="x"><CodeBook><Codes>"#);
    for i in 0..depth {
        xml.push_str(&format!(r#"<Code guid="{}" name="c" isCodable="true">"#, guid(2, i as u64)));
    }
    xml.push_str(&"</Code>".repeat(depth));
    xml.push_str("</Codes></CodeBook></Project>");
    let p = qdpx::read(xml.as_bytes()).unwrap();
    let mut levels = 0;
    let mut c = p.codes.first();
    while let Some(code) = c {
        levels += 1;
        c = code.children.first();
    }
    assert_eq!(levels, depth);
}

#[test]
fn every_error_has_a_message_in_both_languages() {
    let errors = [
        QdpxError::NotZip,
        QdpxError::NoProject,
        QdpxError::Xml { position: 0 },
        QdpxError::TooLarge,
        QdpxError::Source { guid: String::new() },
        QdpxError::Guid { value: String::new() },
        QdpxError::Duplicate { guid: String::new() },
        QdpxError::Reference { guid: String::new() },
        QdpxError::Position { selection: String::new() },
        QdpxError::Value { value: String::new() },
    ];
    for lang in ["da", "en"] {
        let path = repo_root().join(format!("crates/i18n/locales/{lang}/measurement/qualitative-exchange.ftl"));
        let ftl = std::fs::read_to_string(&path).unwrap();
        let ids: Vec<&str> = ftl.lines().filter_map(|l| l.split_once(" = ").map(|(id, _)| id.trim())).collect();
        for e in &errors {
            assert!(ids.contains(&e.code()), "{} has no message {}", path.display(), e.code());
        }
        assert_eq!(ids.len(), errors.len(), "{}: every message belongs to an error", path.display());
    }
}

#[test]
fn windows_line_breaks_can_be_normalised_with_the_selections() {
    let mut p = qdpx::read(FOREIGN_QDE.as_bytes()).unwrap();
    let source = &mut p.sources[0];
    let quotes = |s: &TextSource| -> Vec<String> {
        s.selections.iter().map(|sel| s.text.chars().skip(sel.start).take(sel.end - sel.start).collect()).collect()
    };
    let before = quotes(source);
    source.normalise_line_breaks();
    assert_eq!(source.text, "Jeg fik håb 😊 igen.\nDet var svært.");
    assert_eq!(quotes(source), before);
    assert_eq!((source.selections[1].start, source.selections[1].end), (20, 34));

    // A lone `\r` becomes `\n`; a selection of the `\r\n` pair keeps the `\n`, one of only
    // the `\r` in it becomes empty.
    let sel = |start, end| Selection { start, end, ..Selection::default() };
    let mut lone =
        TextSource { text: "a\r\rb\r\nc".into(), selections: vec![sel(2, 6), sel(4, 6), sel(4, 5), sel(6, 7)], ..TextSource::default() };
    lone.normalise_line_breaks();
    assert_eq!(lone.text, "a\n\nb\nc");
    assert_eq!(quotes(&lone), ["\nb\n", "\n", "", "c"]);
}

#[test]
fn reads_an_archive_wrapped_in_a_folder() {
    let project = sample();
    let bytes = qdpx::write(&project).unwrap();
    let entries = zip_entries(&bytes);
    let wrapped: Vec<(String, Vec<u8>)> = entries.into_iter().map(|(n, b)| (format!("Eksport/{n}"), b)).collect();
    let refs: Vec<(&str, &[u8])> = wrapped.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    assert_eq!(qdpx::read(&make_zip(&refs)).unwrap(), project);
}

#[test]
fn guids_date_times_and_colours_in_the_schema_forms() {
    let g = "85D17F60-7BB0-481E-B742-B4861DD669DF";
    assert_eq!(qdpx::canonical_guid(g).as_deref(), Some("85d17f60-7bb0-481e-b742-b4861dd669df"));
    assert_eq!(qdpx::canonical_guid(&format!("{{{g}}}")).as_deref(), Some("85d17f60-7bb0-481e-b742-b4861dd669df"));
    for bad in [
        "",
        "85D17F607BB0481EB742B4861DD669DF",
        "urn:uuid:85d17f60-7bb0-481e-b742-b4861dd669df",
        "{85D17F60-7BB0-481E-B742-B4861DD669DF",
        "85D17F60-7BB0-481E-B742-B4861DD669DG",
    ] {
        assert_eq!(qdpx::canonical_guid(bad), None, "{bad}");
    }
    for good in [
        "2026-12-07T19:17:40Z",
        "2026-12-07T19:17:40",
        "2026-12-07T19:17:40.123+01:00",
        "2024-02-29T00:00:00-05:30",
        "2026-12-07T24:00:00Z",
        "-0044-03-15T12:00:00Z",
    ] {
        assert!(qdpx::is_date_time(good), "{good}");
    }
    for bad in [
        "2026-12-07",
        "2026-12-07 19:17:40",
        "2026-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z",
        "2026-12-07T19:17Z",
        "2026-12-07T19:17:40+1:00",
        "2026-12-07T25:00:00Z",
        "26-12-07T19:17:40Z",
        "2026-12-07T19:17:40.Z",
    ] {
        assert!(!qdpx::is_date_time(bad), "{bad}");
    }
    assert!(qdpx::is_color("#a1B2c3") && qdpx::is_color("#FC0"));
    assert!(!qdpx::is_color("a1b2c3") && !qdpx::is_color("#abcd") && !qdpx::is_color("#ggg"));
}
