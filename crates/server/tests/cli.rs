//! The `sammen` binary as an operator uses it: the command shapes outside tools rely on.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn sammen(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sammen"));
    cmd.args(args).env_remove("SAMMEN_DATABASE_URL").env_remove("SAMMEN_PASSWORD").env_remove("SAMMEN_CONFIG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn sammen");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().expect("wait for sammen")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "failed: {}\n{}", text(&o.stdout), text(&o.stderr));
    text(&o.stdout)
}

#[test]
fn every_command_has_help() {
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["migrate", "--help"],
        vec!["demo", "--help"],
        vec!["admin", "--help"],
        vec!["admin", "create-org", "--help"],
        vec!["admin", "create-user", "--help"],
        vec!["admin", "create-token", "--help"],
        vec!["backup", "--help"],
        vec!["audit", "--help"],
        vec!["audit", "verify", "--help"],
        vec!["qualitative", "--help"],
        vec!["qualitative", "agreement", "--help"],
        vec!["qualitative", "studies", "--help"],
        vec!["qualitative", "export", "--help"],
    ] {
        let out = ok(&sammen(&args, &[], None));
        assert!(out.contains("Usage: sammen"), "{args:?}: {out}");
    }
}

#[test]
fn operator_journey_on_every_backend() {
    for backend in sammen_test_support::backends() {
        eprintln!("backend: {}", backend.name);
        let db = match backend.url.kind() {
            sammen_store::BackendKind::Sqlite => format!("sqlite:{}", backend.url.target()),
            sammen_store::BackendKind::Postgres => backend.url.target().to_owned(),
        };
        operator_journey(&db, backend.url.kind() == sammen_store::BackendKind::Sqlite);
    }
}

fn operator_journey(db: &str, sqlite: bool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = db.to_owned();

    assert!(ok(&sammen(&["migrate", "--db", &db], &[], None)).contains("migrated"));

    let org = ok(&sammen(&["admin", "create-org", "--db", &db, "--name", "Testrup Kommune", "--kind", "municipality"], &[], None));
    let org = org.trim();
    assert_eq!(org.len(), 36, "prints the id alone: {org:?}");

    let bad = sammen(&["admin", "create-org", "--db", &db, "--name", "X", "--kind", "planet"], &[], None);
    assert!(!bad.status.success() && text(&bad.stderr).contains("kind"), "bad kind is named: {}", text(&bad.stderr));

    // Password from the environment, organisation by name.
    let env_pw = [("SAMMEN_PASSWORD", "korrekt hest batteri")];
    let user = ok(&sammen(
        &["admin", "create-user", "--db", &db, "--org", "Testrup Kommune", "--role", "coordinator", "--email", "k@testrup.example"],
        &env_pw,
        None,
    ));
    assert_eq!(user.trim().len(), 36);
    // Password from standard input, organisation by id.
    ok(&sammen(
        &["admin", "create-user", "--db", &db, "--org", org, "--role", "administrator", "--email", "a@testrup.example"],
        &[],
        Some("et andet langt kodeord\n"),
    ));
    let short = sammen(
        &["admin", "create-user", "--db", &db, "--org", org, "--role", "evaluator", "--email", "e@testrup.example"],
        &[],
        Some("kort\n"),
    );
    assert!(!short.status.success(), "a short password is refused");
    let dup =
        sammen(&["admin", "create-user", "--db", &db, "--org", org, "--role", "evaluator", "--email", "K@testrup.example"], &env_pw, None);
    assert!(!dup.status.success() && text(&dup.stderr).contains("email"), "duplicate e-mail is named");

    let token = ok(&sammen(&["admin", "create-token", "--db", &db, "--email", "k@testrup.example", "--scope", "read"], &[], None));
    let lines: Vec<&str> = token.lines().collect();
    assert_eq!(lines.len(), 1, "the token alone: {token:?}");
    assert!(lines[0].starts_with("smn_") && lines[0].len() > 40);

    let backup = dir.path().join("copy.db");
    ok(&sammen(&["backup", "--db", &db, "--out", backup.to_str().expect("utf-8")], &[], None));
    assert!(std::fs::metadata(&backup).map(|m| m.len() > 0).unwrap_or(false), "the backup has content");
    let again = sammen(&["backup", "--db", &db, "--out", backup.to_str().expect("utf-8")], &[], None);
    assert!(!again.status.success(), "never overwrites a backup");
    if sqlite {
        let copy = format!("sqlite:{}", backup.display());
        let verified = ok(&sammen(&["audit", "verify", "--db", &copy], &[], None));
        assert!(verified.contains("intact"), "{verified}");
    }

    let verified = ok(&sammen(&["audit", "verify", "--db", &db], &[], None));
    assert!(
        verified.contains("intact: 4 records"),
        "one organisation, two users and one token; refused input leaves no record: {verified}"
    );
}

#[test]
fn a_tampered_audit_trail_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("t.db");
    let db = format!("sqlite:{}", path.display());
    for name in ["A Kommune", "B Kommune", "C Kommune"] {
        ok(&sammen(&["admin", "create-org", "--db", &db, "--name", name, "--kind", "municipality"], &[], None));
    }
    // An attacker with file access drops the append-only trigger and edits record 2.
    let conn = sqlite_exec(&path, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET purpose = 'x' WHERE seq = 2;");
    assert!(conn.status.success(), "{}", text(&conn.stderr));
    let out = sammen(&["audit", "verify", "--db", &db], &[], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).contains("BROKEN at record 2"), "{}", text(&out.stdout));
}

/// Runs SQL on a SQLite file with the sqlite3 shell if present, else through python3.
fn sqlite_exec(path: &std::path::Path, sql: &str) -> Output {
    let script = "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()";
    Command::new("python3").args(["-c", script, path.to_str().expect("utf-8"), sql]).output().expect("python3")
}

#[test]
fn evaluate_change_and_pool_from_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    let change = dir.path().join("change.csv");
    std::fs::write(
        &change,
        "participant,site,wave,score\np1,A,baseline,10\np1,A,followup,14\np2,A,baseline,12\np2,A,followup,13\np3,A,baseline,9\np3,A,followup,15\np4,A,baseline,11\n",
    )
    .expect("write");
    let out = ok(&sammen(&["evaluate", "change", "--input", change.to_str().expect("utf-8"), "--format", "json"], &[], None));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["sites"][0]["site"], "A");
    assert_eq!(v["overall"]["n"], 3, "only pairs with both waves count: {out}");
    assert!((v["overall"]["mean_change"].as_f64().unwrap_or(0.0) - 11.0 / 3.0).abs() < 1e-12);
    for key in ["mean_pre", "mean_post", "sd_change", "ci_low", "ci_high", "t", "df", "p", "r", "d_z", "d_av", "g_av", "smcr", "smcr_var"] {
        assert!(v["overall"].get(key).is_some(), "{key} in {out}");
    }

    std::fs::write(&change, "participant,site,wave,score\np1,A,baseline,10\np1,A,later,14\n").expect("write");
    let bad = sammen(&["evaluate", "change", "--input", change.to_str().expect("utf-8")], &[], None);
    assert!(!bad.status.success());
    let msg = text(&bad.stderr);
    assert!(msg.contains(r#"Line 3, column 3 (wave): "later" must be "baseline" or "followup"."#), "names line and column: {msg}");

    // Danish Excel's "CSV (semikolonsepareret)": Windows-1252, semicolons, decimal commas.
    let danish = dir.path().join("ændring.csv");
    std::fs::write(&danish, b"participant;site;wave;score\r\np1;\xC6r\xF8;baseline;10,5\r\np1;\xC6r\xF8;followup;14\r\np2;\xC6r\xF8;baseline;12\r\np2;\xC6r\xF8;followup;13,5\r\n")
        .expect("write");
    let out = ok(&sammen(&["evaluate", "change", "--input", danish.to_str().expect("utf-8")], &[], None));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["sites"][0]["site"], "Ærø", "{out}");
    assert!((v["overall"]["mean_change"].as_f64().unwrap_or(0.0) - 2.5).abs() < 1e-12, "{out}");
    std::fs::write(&danish, b"participant;site;wave;score\r\np1;\xC6r\xF8;baseline;10,5\r\np1;\xC6r\xF8;followup;x\r\n").expect("write");
    let bad = sammen(&["evaluate", "change", "--input", danish.to_str().expect("utf-8"), "--lang", "da"], &[], None);
    assert!(!bad.status.success());
    let msg = text(&bad.stderr);
    assert!(msg.contains("Linje 3, kolonne 4 (score): »x« er ikke et tal."), "in Danish: {msg}");

    let pool = dir.path().join("pool.csv");
    std::fs::write(&pool, "site,yi,vi\nA,-0.9,0.03\nB,-1.5,0.02\nC,-0.2,0.05\n").expect("write");
    for method in ["reml", "dl"] {
        let out =
            ok(&sammen(&["evaluate", "pool", "--input", pool.to_str().expect("utf-8"), "--method", method, "--hartung-knapp"], &[], None));
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        assert_eq!(v["k"], 3);
        for key in ["estimate", "se", "ci_low", "ci_high", "tau2", "i2", "q", "q_p", "pi_low", "pi_high"] {
            assert!(v.get(key).is_some(), "{key} in {out}");
        }
    }
    std::fs::write(&pool, "site,yi,vi\nA,-0.9,0.03\nB,-1.5,0.02\n").expect("write");
    let two = sammen(&["evaluate", "pool", "--input", pool.to_str().expect("utf-8"), "--method", "reml"], &[], None);
    assert!(!two.status.success() && text(&two.stderr).contains("3 sites"), "{}", text(&two.stderr));
}

#[test]
fn match_proposes_an_assignment_and_names_bad_entries() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../matching/examples/small.json");
    let out = ok(&sammen(&["match", "--input", example, "--all-scores", "--format", "json"], &[], None));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let assignments = v["assignments"].as_array().expect("assignments");
    assert!(!assignments.is_empty(), "{out}");
    for a in assignments {
        assert!(a["participant"].is_string() && a["peer"].is_string() && a["score"].is_number(), "{a}");
    }
    assert!(v["pair_scores"].as_array().is_some_and(|p| p.len() >= assignments.len()), "--all-scores lists eligible pairs");
    assert!(v["unmatched"].is_array());
    let plain = ok(&sammen(&["match", "--input", example], &[], None));
    let plain: serde_json::Value = serde_json::from_str(&plain).expect("json");
    assert!(plain.get("pair_scores").is_none_or(|p| p.as_array().is_some_and(|a| a.is_empty())), "no pair scores unless asked");

    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"participants":[{"id":"p-1","languages":["da"],"modes":["bus"],"topics":[],"waiting_days":3,"peer_gender":"any","excluded_peers":[]}],"peers":[]}"#,
    )
    .expect("write");
    let res = sammen(&["match", "--input", bad.to_str().expect("utf-8")], &[], None);
    assert!(!res.status.success());
    let msg = text(&res.stderr);
    assert!(msg.contains("participants[0]") && msg.contains("bus"), "names the entry: {msg}");
}
