//! Importing participants and peer workers from a spreadsheet (CSV, .xlsx, .ods): a dry run
//! with every row's problems by line and column, then all rows or none.

use sammen_app::people::import::{import_participants, import_peers};
use sammen_app::people::{self as app_people, ParticipantSearch};
use sammen_app::{AppError, directory};
use sammen_domain::directory::ProgrammeInput;
use sammen_domain::people::Role;
use sammen_domain::people::import::Source;
use sammen_store::audit::AuditFilter;
use sammen_tabular::{Delimiter, Encoding};

use crate::harness::*;

/// Windows-1252 bytes of a text (Danish letters are single bytes there), as Excel saves
/// "CSV (semikolonsepareret)".
fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'æ' => 0xE6,
            'ø' => 0xF8,
            'å' => 0xE5,
            'Æ' => 0xC6,
            'Ø' => 0xD8,
            'Å' => 0xC5,
            c if c.is_ascii() => c as u8,
            other => panic!("not in the test's table: {other}"),
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_danish_spreadsheet_is_checked_row_by_row_and_imported_all_or_nothing() {
    on_every_backend("import", |env| async move {
        let b = env.backend;
        let org = env.org("Importby Kommune", false).await;
        let coord = env.staff(org, "koordinator@importby.test", Role::Coordinator).await;
        let coord = env.ctx(coord, org).await;
        let programme = ProgrammeInput::parse("Peerstøtte Importby", None, &["individual".into()], &["phone".into()], "", true).unwrap();
        directory::save_programme(&env.app, &coord, None, programme).await.unwrap();
        let before = env.participant_count(org).await;

        // Line 3 names a programme that does not exist and line 4 has a bad CPR number.
        let bad = cp1252(
            "Navn;Status;Sprog;Program;CPR\r\n\
             Søren Ærø;aktiv;dansk;Peerstøtte Importby;\r\n\
             Åse Østergård;venteliste;dansk, engelsk;Ukendt program;\r\n\
             Bo Berg;aktiv;da;;1234\r\n",
        );
        let dry = import_participants(&env.app, &coord, bad.clone(), Some("deltagere.csv"), false).await.unwrap();
        let windows = Source::Delimited { encoding: Encoding::Windows1252, delimiter: Delimiter::Semicolon };
        assert_eq!((dry.source, dry.rows), (Some(windows), 3), "{b}");
        let problems: Vec<(usize, Option<usize>, Option<&str>, &str)> =
            dry.problems.iter().map(|p| (p.line, p.column, p.header.as_deref(), p.message)).collect();
        assert_eq!(problems, [(3, Some(4), Some("Program"), "err-import-unknown-programme"), (4, Some(5), Some("CPR"), "err-cpr")], "{b}");
        // A commit of a file with problems writes nothing.
        let refused = import_participants(&env.app, &coord, bad, None, true).await.unwrap();
        assert!(!refused.committed && refused.created == 0, "{b}");
        assert_eq!(env.participant_count(org).await, before, "{b}");

        // Fixed: all three are created in one go, each audited.
        let good = cp1252(
            "Navn;Status;Sprog;Program\r\n\
             Søren Ærø;aktiv;dansk;Peerstøtte Importby\r\n\
             Åse Østergård;venteliste;dansk, engelsk;\r\n\
             Bo Berg;aktiv;da;peerstøtte importby\r\n",
        );
        let head = env.audit_head().await;
        let done = import_participants(&env.app, &coord, good, None, true).await.unwrap();
        assert!(done.committed && done.created == 3, "{b}: {:?}", done.problems);
        assert_eq!(env.participant_count(org).await, before + 3, "{b}");
        let found = app_people::search_participants(
            &env.app,
            &coord,
            ParticipantSearch { text: Some("Østergård".into()), status: None, programme: None },
            ALL,
        )
        .await
        .unwrap()
        .0;
        assert_eq!(found.len(), 1, "{b}: Danish letters survive Windows-1252");
        assert_eq!(found[0].languages, ["da", "en"], "{b}");
        let created = env.audit_records(AuditFilter { action: Some("create".into()), ..Default::default() }).await;
        assert_eq!(created.iter().filter(|r| r.seq > head && r.event.subject_type == "participant").count(), 3, "{b}");

        // Peer workers, in English and UTF-8; a peer worker may not import.
        let peers = "name,email,engagement,status,languages,modes\nPia Peer,pia@importby.test,volunteer,active,da,phone\nOle Olsen,,paid,active,da,\"in_person, phone\"\n";
        let done = import_peers(&env.app, &coord, peers.as_bytes().to_vec(), None, true).await.unwrap();
        assert!(done.committed && done.created == 2, "{b}: {:?}", done.problems);
        let peer = env.staff(org, "peer@importby.test", Role::PeerWorker).await;
        let peer = env.ctx(peer, org).await;
        assert!(matches!(import_participants(&env.app, &peer, b"Navn;Status\nA;aktiv\n".to_vec(), None, false).await, Err(AppError::Forbidden)), "{b}");
        // A file that is not a spreadsheet at all says so.
        let empty = import_participants(&env.app, &coord, Vec::new(), None, false).await.unwrap();
        assert_eq!(empty.file_errors.first().map(|e| e.message), Some("err-table-empty"), "{b}");
        let renamed = import_participants(&env.app, &coord, b"Navn;Status\nA;aktiv\n".to_vec(), Some("deltagere.xlsx"), false).await.unwrap();
        assert_eq!((renamed.source, renamed.file_errors.first().map(|e| e.message)), (None, Some("err-table-damaged")), "{b}");
    })
    .await;
}

/// An .xlsx of participants: the header, then rows of (name, birth year, status, programme).
fn xlsx(rows: &[(&str, Option<f64>, &str, &str)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Navn", "Fødselsår", "Status", "Program"].into_iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for (r, (name, year, status, programme)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *name).unwrap();
        if let Some(y) = year {
            sheet.write_number(r, 1, *y).unwrap();
        }
        sheet.write_string(r, 2, *status).unwrap();
        sheet.write_string(r, 3, *programme).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workbooks_are_imported_like_csv_all_or_nothing() {
    on_every_backend("import_workbooks", |env| async move {
        let b = env.backend;
        let org = env.org("Regnearksby Kommune", false).await;
        let coord = env.staff(org, "koordinator@regnearksby.test", Role::Coordinator).await;
        let coord = env.ctx(coord, org).await;
        let programme = ProgrammeInput::parse("Peerstøtte Ark", None, &["individual".into()], &["phone".into()], "", true).unwrap();
        directory::save_programme(&env.app, &coord, None, programme).await.unwrap();
        let before = env.participant_count(org).await;

        // An Excel workbook whose third row has an impossible birth year: nothing is stored.
        let bad = xlsx(&[("Søren Ærø", Some(1980.0), "aktiv", "Peerstøtte Ark"), ("Åse Østergård", Some(1800.0), "venteliste", "")]);
        let refused = import_participants(&env.app, &coord, bad, Some("deltagere.xlsx"), true).await.unwrap();
        assert_eq!(refused.source, Some(Source::Xlsx), "{b}");
        assert!(!refused.committed && refused.created == 0 && refused.valid == 1, "{b}");
        let problems: Vec<(usize, Option<usize>, Option<&str>, &str)> =
            refused.problems.iter().map(|p| (p.line, p.column, p.header.as_deref(), p.message)).collect();
        assert_eq!(problems, [(3, Some(2), Some("Fødselsår"), "err-birth-year")], "{b}");
        assert_eq!(env.participant_count(org).await, before, "{b}: all or nothing");

        // Corrected, the workbook is imported in one go.
        let good = xlsx(&[("Søren Ærø", Some(1980.0), "aktiv", "Peerstøtte Ark"), ("Åse Østergård", Some(1975.0), "venteliste", "")]);
        let done = import_participants(&env.app, &coord, good, Some("deltagere.xlsx"), true).await.unwrap();
        assert!(done.committed && done.created == 2, "{b}: {:?} {:?}", done.problems, done.file_errors);
        assert_eq!(env.participant_count(org).await, before + 2, "{b}");

        // An OpenDocument spreadsheet. A sheet's rows are as wide as its widest, so a row typed
        // shorter reads as ending in an empty cell, not as a short row.
        let short: &[&[&str]] = &[&["Navn", "Status", "Sprog"], &["Bo Berg", "aktiv", "dansk"], &["Carl", "aktiv"]];
        let ods = sammen_tabular::testing::ods(short);
        let done = import_participants(&env.app, &coord, ods, Some("deltagere.ods"), true).await.unwrap();
        assert_eq!(done.source, Some(Source::Ods), "{b}");
        assert!(done.committed && done.created == 2, "{b}: {:?}", done.file_errors);
        assert_eq!(env.participant_count(org).await, before + 4, "{b}");

        // An unknown column in an .ods: named by position and header; nothing stored.
        let rows: &[&[&str]] = &[&["Navn", "Status", "Yndlingsfarve"], &["Dorte", "aktiv", "blå"]];
        let unknown = import_participants(&env.app, &coord, sammen_tabular::testing::ods(rows), Some("deltagere.ods"), true).await.unwrap();
        let e = unknown.file_errors.first().unwrap();
        assert_eq!(
            (e.message, e.line, e.column, e.name.as_deref()),
            ("err-table-unknown-column", 1, Some(3), Some("Yndlingsfarve")),
            "{b}"
        );
        assert!(!unknown.committed, "{b}");
        assert_eq!(env.participant_count(org).await, before + 4, "{b}: all or nothing");
    })
    .await;
}
