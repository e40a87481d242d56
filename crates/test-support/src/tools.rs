//! Independent readers of the files Sammen writes: poppler's `pdftotext` for a PDF's text,
//! and the Python with the checkers (pikepdf, openpyxl) for everything else. A test that
//! needs one and does not find it fails and says how to get it; it never passes unchecked.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The environment variable naming the python of the checkers' virtual environment.
pub const PY_ENV: &str = "SAMMEN_PY";
/// Where `scripts/py-tools.sh` puts that environment when `SAMMEN_PY_VENV` is not set.
pub const DEFAULT_PY: &str = "/tmp/sammen-py-venv/bin/python";

/// The python to run checkers with: `SAMMEN_PY`, else the default venv. Panics with what to
/// do when neither exists.
pub fn python() -> PathBuf {
    if let Some(p) = std::env::var_os(PY_ENV).filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        assert!(p.exists(), "{PY_ENV}={} does not exist; run scripts/py-tools.sh and set {PY_ENV} to the path it prints", p.display());
        return p;
    }
    let p = PathBuf::from(DEFAULT_PY);
    assert!(p.exists(), "no Python checkers: {PY_ENV} is not set and {DEFAULT_PY} does not exist; run scripts/py-tools.sh");
    p
}

/// The repository's root (this crate lives in `crates/test-support`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Writes `bytes` to a fresh temporary file named `name` and returns the directory (kept
/// alive by the caller) and the path.
pub fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("writing the temporary file");
    (dir, path)
}

/// Runs a poppler tool (`pdftotext`, `pdfinfo`, `pdffonts`) and returns its standard output.
/// Panics if the tool is missing, fails, or complains on standard error.
pub fn poppler(tool: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) is needed to read PDFs back and could not run: {e}; install poppler-utils"));
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    // Poppler misreads the boolean /MarkInfo /Suspects that PDF/UA requires; anything else it
    // says on standard error is a problem with the file.
    let complaints: Vec<&str> = std::str::from_utf8(&out.stderr)
        .unwrap_or("(not UTF-8)")
        .lines()
        .filter(|l| !l.contains("Suspects object is wrong type"))
        .collect();
    assert!(complaints.is_empty(), "{tool} complained: {}", complaints.join("\n"));
    String::from_utf8(out.stdout).expect("poppler writes UTF-8 when asked to")
}

/// The text of each page of `pdf`, in order, as poppler's `pdftotext` reads it (UTF-8,
/// reading order, one line per text line).
pub fn pdf_page_texts(pdf: &[u8]) -> Vec<String> {
    let (_dir, path) = temp_file("document.pdf", pdf);
    let text = poppler("pdftotext", &["-enc".as_ref(), "UTF-8".as_ref(), path.as_os_str(), "-".as_ref()]);
    // pdftotext ends every page with a form feed.
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The whole text of `pdf`, pages joined by newlines.
pub fn pdf_text(pdf: &[u8]) -> String {
    pdf_page_texts(pdf).join("\n")
}

/// Runs `scripts/check-pdf.py` (docs/accessible-documents.md) on `files` with `args` and
/// panics with its findings if any file fails.
pub fn check_pdf(files: &[&Path], args: &[&str]) {
    let script = repo_root().join("scripts/check-pdf.py");
    let out = Command::new(python()).arg(&script).args(args).args(files).output().expect("running scripts/check-pdf.py");
    assert!(
        out.status.success(),
        "scripts/check-pdf.py found problems:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
