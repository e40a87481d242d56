//! Importing participants and peer workers from a spreadsheet: a dry run with every row's
//! problems, then all rows or none.

use sammen_app::people::import::{import_participants, import_peers};
use sammen_app::people::{self as app_people, ParticipantSearch};
use sammen_app::{AppError, directory};
use sammen_domain::directory::ProgrammeInput;
use sammen_domain::people::Role;
use sammen_store::audit::AuditFilter;

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
        let dry = import_participants(&env.app, &coord, bad.clone(), false).await.unwrap();
        assert_eq!((dry.encoding, dry.delimiter, dry.rows), ("windows-1252", ';', 3), "{b}");
        let problems: Vec<(usize, &str, &str)> = dry.problems.iter().map(|p| (p.line, p.field.as_str(), p.message)).collect();
        assert_eq!(problems, [(3, "programme", "err-import-unknown-programme"), (4, "cpr", "err-cpr")], "{b}");
        // A commit of a file with problems writes nothing.
        let refused = import_participants(&env.app, &coord, bad, true).await.unwrap();
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
        let done = import_participants(&env.app, &coord, good, true).await.unwrap();
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
        let done = import_peers(&env.app, &coord, peers.as_bytes().to_vec(), true).await.unwrap();
        assert!(done.committed && done.created == 2, "{b}: {:?}", done.problems);
        let peer = env.staff(org, "peer@importby.test", Role::PeerWorker).await;
        let peer = env.ctx(peer, org).await;
        assert!(matches!(import_participants(&env.app, &peer, b"Navn;Status\nA;aktiv\n".to_vec(), false).await, Err(AppError::Forbidden)), "{b}");
        // A file that is not a spreadsheet at all says so.
        let empty = import_participants(&env.app, &coord, Vec::new(), false).await.unwrap();
        assert_eq!(empty.file_errors.first().map(|e| e.message), Some("err-import-empty"), "{b}");
    })
    .await;
}
