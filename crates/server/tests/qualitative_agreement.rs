//! `sammen qualitative agreement`: the JSON shape, and every figure against an independent
//! implementation (nltk, through `scripts/check-agreement.py`) on generated coding files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn sammen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sammen"))
        .args(args)
        .env_remove("SAMMEN_DATABASE_URL")
        .env_remove("SAMMEN_CONFIG")
        .output()
        .expect("run sammen")
}

fn agreement(file: &Path) -> Value {
    let out = sammen(&["qualitative", "agreement", "--input", file.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "sammen failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON from sammen")
}

fn nltk(file: &Path) -> Value {
    let script = sammen_test_support::tools::repo_root().join("scripts/check-agreement.py");
    let out = Command::new(sammen_test_support::tools::python()).arg(script).arg(file).output().expect("run python");
    assert!(out.status.success(), "check-agreement.py failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON from check-agreement.py")
}

/// A small deterministic generator, so the files are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A coding file: `coders` coders over `segments` segments. Code `shared-i` is applied by a
/// first coder with probability `p_i` and copied by each other coder with probability 0.8
/// (else drawn afresh), so agreement is neither perfect nor chance. `everywhere` is applied by
/// every coder to every segment, `rare` by the first coder to one segment; a segment nobody
/// coded is listed with empty codes.
fn generate(seed: u64, coders: &[&str], segments: usize) -> String {
    let mut rng = Lcg(seed);
    let mut csv = String::from("segment,coder,code\n");
    let shared = [0.1, 0.3, 0.5];
    for s in 0..segments {
        let segment = format!("seg-{s:03}");
        let first: Vec<bool> = shared.iter().map(|p| rng.next() < *p).collect();
        for (c, coder) in coders.iter().enumerate() {
            let mut any = false;
            for (i, p) in shared.iter().enumerate() {
                let applied = if c == 0 || rng.next() < 0.8 { first[i] } else { rng.next() < *p };
                if applied && s != 0 {
                    csv.push_str(&format!("{segment},{coder},shared-{i}\n"));
                    any = true;
                }
            }
            if s != 0 {
                csv.push_str(&format!("{segment},{coder},everywhere\n"));
                any = true;
            }
            if s == 1 && c == 0 {
                csv.push_str(&format!("{segment},{coder},rare\n"));
            }
            if !any {
                csv.push_str(&format!("{segment},{coder},\n"));
            }
        }
    }
    csv
}

fn assert_close(ours: &Value, theirs: &Value, what: &str) {
    match (ours, theirs) {
        (Value::Null, Value::Null) => {}
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            assert!((a - b).abs() < 1e-9, "{what}: sammen {a}, nltk {b}");
        }
        _ => panic!("{what}: sammen {ours}, nltk {theirs}"),
    }
}

/// Compares every figure, and checks the shape: exactly the committed keys.
fn compare(ours: &Value, theirs: &Value) -> usize {
    let keys = |v: &Value| {
        let mut keys = v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        keys.sort();
        keys
    };
    assert_eq!(keys(ours), ["coders", "codes", "overall"].map(String::from));
    assert_eq!(ours["coders"], theirs["coders"]);
    assert_eq!(keys(&ours["overall"]), ["krippendorff_alpha"]);
    assert_eq!(keys(&ours["codes"]), keys(&theirs["codes"]));
    let mut figures = 0;
    for (code, figures_of) in ours["codes"].as_object().unwrap() {
        assert_eq!(keys(figures_of), ["cohen_kappa", "krippendorff_alpha", "n_segments", "percent_agreement"].map(String::from));
        assert_eq!(figures_of["n_segments"], theirs["codes"][code]["n_segments"], "{code}");
        for key in ["percent_agreement", "cohen_kappa", "krippendorff_alpha"] {
            assert_close(&figures_of[key], &theirs["codes"][code][key], &format!("{code}.{key}"));
            figures += 1;
        }
    }
    assert_close(&ours["overall"]["krippendorff_alpha"], &theirs["overall"]["krippendorff_alpha"], "overall");
    figures + 1
}

#[test]
fn figures_match_nltk() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[&str], usize); 5] = [
        ("two-coders", &["anna", "bo"], 40),
        ("two-coders-small", &["Søren", "Aïcha"], 6),
        ("three-coders", &["anna", "bo", "carl"], 35),
        ("four-coders", &["a", "b", "c", "d"], 25),
        ("two-coders-large", &["x", "y"], 150),
    ];
    for (seed, (name, coders, segments)) in cases.into_iter().enumerate() {
        let file = dir.path().join(format!("{name}.csv"));
        std::fs::write(&file, generate(seed as u64 + 7, coders, segments)).unwrap();
        let (ours, theirs) = (agreement(&file), nltk(&file));
        let figures = compare(&ours, &theirs);
        let codes = ours["codes"].as_object().unwrap().len();
        assert!(codes >= 4 && figures == 3 * codes + 1, "{name}: {codes} codes, {figures} figures");

        // The committed conventions, whatever nltk says: kappa only for two coders, and the
        // code every coder applied everywhere has no defined kappa or alpha.
        let mut sorted: Vec<String> = coders.iter().map(|c| c.to_string()).collect();
        sorted.sort();
        assert_eq!(ours["coders"], serde_json::json!(sorted), "{name}");
        for (code, f) in ours["codes"].as_object().unwrap() {
            assert_eq!(f["n_segments"], segments, "{name} {code}");
            if coders.len() != 2 {
                assert!(f["cohen_kappa"].is_null(), "{name} {code}");
            }
        }
        let everywhere = &ours["codes"]["everywhere"];
        assert_eq!(everywhere["percent_agreement"].as_f64(), Some(1.0), "{name}: the segment nobody coded agrees too");
        if segments > 1 {
            assert!(everywhere["krippendorff_alpha"].as_f64().is_some_and(|a| a > 0.0), "{name}: one segment without it is variation");
        }
        // One present value among n: the observed disagreement is what chance predicts, α = 0.
        assert!(ours["codes"]["rare"]["krippendorff_alpha"].as_f64().is_some_and(|a| a.abs() < 1e-12), "{name}");
        if coders.len() == 2 && segments >= 25 {
            assert!(ours["codes"]["shared-2"]["cohen_kappa"].as_f64().is_some_and(|k| k > 0.2 && k < 1.0), "{name}");
        }
    }
}

/// Undefined figures are null in both: a code both coders applied to every segment.
#[test]
fn undefined_figures_are_null() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("all.csv");
    std::fs::write(&file, "segment,coder,code\ns1,anna,hope\ns1,bo,hope\ns2,anna,hope\ns2,bo,hope\ns2,bo,identity\n").unwrap();
    let (ours, theirs) = (agreement(&file), nltk(&file));
    compare(&ours, &theirs);
    assert_eq!(
        ours["codes"]["hope"],
        serde_json::json!({"n_segments": 2, "percent_agreement": 1.0, "cohen_kappa": null, "krippendorff_alpha": null})
    );
    // identity: bo on s2 only; p_o = 0.5, p_e = 0.5 → κ = 0.
    assert_eq!(ours["codes"]["identity"]["cohen_kappa"], serde_json::json!(0.0));
}

/// The reader of every other evaluation file: a semicolon-separated Windows-1252 file from a
/// Danish spreadsheet reads like the UTF-8 one.
#[test]
fn reads_any_encoding_and_delimiter() {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = dir.path().join("utf8.csv");
    let latin = dir.path().join("latin.csv");
    std::fs::write(&utf8, "segment,coder,code\ns1,Søren,håb\ns1,Bo,håb\ns2,Bo,håb\ns3,Søren,\n").unwrap();
    std::fs::write(&latin, b"Segment;Coder;Code\r\ns1;S\xf8ren;h\xe5b\r\ns1;Bo;h\xe5b\r\ns2;Bo;h\xe5b\r\ns3;S\xf8ren;\r\n").unwrap();
    assert_eq!(agreement(&utf8), agreement(&latin));
    compare(&agreement(&utf8), &nltk(&utf8));
}

#[test]
fn bad_input_fails_in_words() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content, words) in [
        ("empty.csv", "", "empty"),
        ("no-code-column.csv", "segment,coder\ns1,anna\ns1,bo\n", "code"),
        ("header-only.csv", "segment,coder,code\n", "no rows"),
        ("one-coder.csv", "segment,coder,code\ns1,anna,hope\ns2,anna,identity\n", "two coders"),
        ("missing-coder.csv", "segment,coder,code\ns1,anna,hope\ns1,,hope\n", "missing"),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, content).unwrap();
        let out = sammen(&["qualitative", "agreement", "--input", file.to_str().unwrap(), "--format", "json"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name}: should fail");
        assert!(out.stdout.is_empty(), "{name}: printed {}", String::from_utf8_lossy(&out.stdout));
        assert!(stderr.to_lowercase().contains(words), "{name}: {stderr}");
    }
    let missing = sammen(&["qualitative", "agreement", "--input", "/nonexistent/coding.csv"]);
    assert!(!missing.status.success());
}

#[test]
fn text_format_and_help() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.csv");
    std::fs::write(&file, "segment,coder,code\ns1,anna,hope\ns1,bo,hope\ns2,anna,hope\ns3,bo,\n").unwrap();
    let out = sammen(&["qualitative", "agreement", "--input", file.to_str().unwrap(), "--format", "text"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(text.contains("Coders: anna, bo") && text.contains("hope") && text.contains("66.7%") && text.contains("overall"), "{text}");
    for args in [vec!["qualitative", "--help"], vec!["qualitative", "agreement", "--help"]] {
        let out = sammen(&args);
        assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("Usage: sammen"), "{args:?}");
    }
}
