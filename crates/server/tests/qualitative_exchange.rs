//! `sammen qualitative studies` and `sammen qualitative export` against the demo data set, on
//! every backend: the list's JSON shape exactly, and an export that the independent checker
//! (scripts/check-qdpx.py) validates against the REFI-QDA schema.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Output};
use std::sync::Arc;

use sammen_app::{App, ManualClock, SecurityConfig, SeededRandom};
use sammen_domain::time::Timestamp;
use sammen_store::BackendKind;
use sammen_test_support::{TestDb, backends, tools};

fn sammen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sammen"))
        .args(args)
        .env_remove("SAMMEN_DATABASE_URL")
        .env_remove("SAMMEN_CONFIG")
        .output()
        .expect("run sammen")
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "failed: {}\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn url(db: &TestDb) -> String {
    match db.url.kind() {
        BackendKind::Sqlite => format!("sqlite:{}", db.url.target()),
        BackendKind::Postgres => db.url.target().to_owned(),
    }
}

fn seeded(db: &TestDb) {
    let app = App::new(
        db.open(),
        Arc::new(ManualClock::new(Timestamp::from_unix_seconds(1_780_000_000))),
        Arc::new(SeededRandom::new(7)),
        SecurityConfig::default(),
    );
    sammen_demo::seed(&app).unwrap().expect("an empty database is seeded");
}

#[test]
fn studies_are_listed_and_exported_as_valid_refi_qda() {
    for db in backends() {
        let b = db.name;
        seeded(&db);
        let url = url(&db);
        let out = ok(&sammen(&["qualitative", "studies", "--db", &url, "--format", "json"]));
        let list: serde_json::Value = serde_json::from_str(&out).unwrap();
        let list = list.as_array().unwrap_or_else(|| panic!("{b}: an array: {out}"));
        assert_eq!(list.len(), 1, "{b}: {out}");
        let study = list[0].as_object().unwrap();
        let mut keys: Vec<&str> = study.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["coders", "id", "interviews", "name"], "{b}: exactly these fields");
        assert_eq!(study["name"], "Deltagernes fortællinger 2026", "{b}");
        assert_eq!((study["interviews"].as_u64(), study["coders"].as_u64()), (Some(3), Some(2)), "{b}");
        // A wrong format is refused.
        assert!(!sammen(&["qualitative", "studies", "--db", &url, "--format", "csv"]).status.success(), "{b}");

        let dir = tempfile::tempdir().unwrap();
        for key in [study["id"].as_str().unwrap(), "Deltagernes fortællinger 2026"] {
            let path = dir.path().join("study.qdpx");
            ok(&sammen(&["qualitative", "export", "--db", &url, "--study", key, "--out", path.to_str().unwrap()]));
            let root = tools::repo_root();
            let check = Command::new(tools::python())
                .arg(root.join("scripts/check-qdpx.py"))
                .arg(&path)
                .arg("--xsd")
                .arg(root.join("crates/qualitative/schema/Project-mrt2019.xsd"))
                .args(["--expect-sources", "3", "--json"])
                .output()
                .unwrap();
            let summary = ok(&check);
            assert!(serde_json::from_str::<serde_json::Value>(&summary).is_ok(), "{b}: {summary}");
            let project = sammen_qualitative_read(&std::fs::read(&path).unwrap());
            assert_eq!(project.0, 3, "{b}: three sources");
            assert!(project.1 >= 20, "{b}: both coders' codings and the consensus: {}", project.1);
            assert!(project.2.contains(&"Konsensus".to_owned()), "{b}: {:?}", project.2);
        }
        assert!(
            !sammen(&["qualitative", "export", "--db", &url, "--study", "no such study", "--out", "/dev/null"]).status.success(),
            "{b}"
        );
    }
}

/// Sources, codings and user names of a written project, read by the checker's own parser
/// (lxml) so that the test does not read the file with the code that wrote it.
fn sammen_qualitative_read(bytes: &[u8]) -> (usize, usize, Vec<String>) {
    let (_dir, path) = tools::temp_file("read.qdpx", bytes);
    let script = r#"
import json, sys, zipfile
from lxml import etree
NS = "{urn:QDA-XML:project:1.0}"
root = etree.fromstring(zipfile.ZipFile(sys.argv[1]).read("project.qde"))
print(json.dumps([len(root.findall(f".//{NS}TextSource")), len(root.findall(f".//{NS}Coding")), [u.get("name") for u in root.iter(f"{NS}User")]]))
"#;
    let out = Command::new(tools::python()).args(["-c", script]).arg(&path).output().unwrap();
    let text = ok(&out);
    let v: (usize, usize, Vec<String>) = serde_json::from_str(text.trim()).unwrap();
    v
}
