//! Finds every Fluent file under `locales/<lang>/` (the shared files at the top, each area's in
//! a folder of its own) and writes the list that `lib.rs` embeds, so adding a text file touches
//! no list.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut out = String::new();
    for (lang, name) in [("da", "DA_SOURCES"), ("en", "EN_SOURCES")] {
        let dir = root.join(lang);
        let mut files = Vec::new();
        collect(&dir, &mut files);
        files.sort();
        let _ = writeln!(out, "/// Embedded `{lang}` locale files: `(path under locales/{lang}, contents)`.");
        let _ = writeln!(out, "const {name}: &[(&str, &str)] = &[");
        for f in files {
            let rel = f.strip_prefix(&dir).unwrap_or(&f).to_string_lossy().replace('\\', "/");
            let _ = writeln!(out, "    ({rel:?}, include_str!({:?})),", f.display().to_string());
        }
        let _ = writeln!(out, "];");
    }
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("locales.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        println!("cargo:warning=could not write {}: {e}", dest.display());
        std::process::exit(1);
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, files);
        } else if p.extension().is_some_and(|x| x == "ftl") {
            files.push(p);
        }
    }
}
