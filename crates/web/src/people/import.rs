//! Importing participants or peer workers from a spreadsheet (CSV, `.xlsx` or `.ods`): upload,
//! a check of every row, then all rows or none. Every problem names its line and column. The upload shows its progress (htmx reports it; `sammen.js` draws
//! it); without JavaScript the form posts as usual.

use askama::Template;
use axum::extract::Multipart;
use sammen_app::AppError;
use sammen_app::people::import::{ImportOutcome, import_participants, import_peers};
use sammen_domain::ValidationErrors;
use sammen_domain::people::import::{Source, TableError};
use sammen_i18n::Arg;

use crate::form::FormData;
use crate::i18n::Tr;
use crate::session::Authed;
use crate::ui::{Chrome, Errs, OrPage, Page, render};

/// The largest file accepted: 10,000 rows of a wide spreadsheet.
pub const IMPORT_MAX_BYTES: usize = 4 * 1024 * 1024;

pub struct ProblemRow {
    pub line: String,
    /// "3 (Fødselsår)": the column's position and its header as written, when the field was
    /// read from a column.
    pub column: String,
    pub field: String,
    pub message: String,
}

/// A file's problem in words, "Linje 7, kolonne 3 (Fødselsår): …", in the reader's language.
pub(crate) fn describe(tr: &Tr, e: &TableError) -> String {
    e.describe(|id, args| {
        let args: Vec<(&str, Arg<'_>)> = args.iter().map(|(k, v)| (*k, Arg::from(v.as_str()))).collect();
        tr.i18n.t_args(tr.lang, id, &args)
    })
}

/// How the file was read, for the summary: "CSV, windows-1252, adskilt med semikolon".
fn format_of(tr: &Tr, source: Source) -> String {
    match source {
        Source::Delimited { encoding, delimiter } => {
            let delimiter = match delimiter.as_char() {
                ';' => tr.t("table-delimiter-semicolon"),
                '\t' => tr.t("table-delimiter-tab"),
                _ => tr.t("table-delimiter-comma"),
            };
            tr.i18n.t_args(tr.lang, "table-format-csv", &[("encoding", Arg::from(encoding.code())), ("delimiter", Arg::from(delimiter))])
        }
        Source::Xlsx => tr.t("table-format-xlsx"),
        Source::Ods => tr.t("table-format-ods"),
    }
}

#[derive(Template)]
#[template(path = "people/import.html")]
pub struct ImportPage {
    pub c: Chrome,
    pub f: FormData,
    pub e: Errs,
    pub kinds: Vec<(String, String)>,
    /// After a check or an import: the summary line, file-level errors and row problems.
    pub done: bool,
    pub summary: String,
    pub file_errors: Vec<String>,
    pub problems: Vec<ProblemRow>,
    pub committed: bool,
    pub clean: bool,
}

fn field_label(tr: &Tr, field: &str) -> String {
    let key = format!("field-{}", field.replace('_', "-"));
    if tr.i18n.has(tr.lang, &key) { tr.t(&key) } else { field.to_owned() }
}

fn page(a: &Authed, f: FormData, e: Errs, result: Option<&ImportOutcome>) -> ImportPage {
    let tr = &a.web.tr;
    let mut p = ImportPage {
        c: Chrome::new(a, tr.t("import-title")),
        kinds: vec![("participants".into(), tr.t("nav-participants")), ("peers".into(), tr.t("nav-peer-workers"))],
        f,
        e,
        done: false,
        summary: String::new(),
        file_errors: Vec::new(),
        problems: Vec::new(),
        committed: false,
        clean: false,
    };
    if let Some(o) = result {
        p.done = true;
        p.committed = o.committed;
        p.clean = o.is_clean();
        p.summary = match (o.committed, o.source) {
            (true, _) => tr.n("import-created", "n", o.created as i64),
            (false, Some(source)) => tr.i18n.t_args(
                tr.lang,
                "import-checked",
                &[("rows", Arg::from(o.rows)), ("valid", Arg::from(o.valid)), ("format", Arg::from(format_of(tr, source)))],
            ),
            (false, None) => tr.t("import-unread"),
        };
        p.file_errors = o.file_errors.iter().map(|e| describe(tr, e)).collect();
        p.problems = o
            .problems
            .iter()
            .map(|pr| ProblemRow {
                line: pr.line.to_string(),
                column: match (pr.column, &pr.header) {
                    (Some(c), Some(h)) if !h.is_empty() => format!("{c} ({h})"),
                    (Some(c), _) => c.to_string(),
                    _ => String::new(),
                },
                field: field_label(tr, &pr.field),
                message: tr.i18n.t_args(tr.lang, pr.message, &[("line", Arg::from(pr.other_line.unwrap_or(pr.line)))]),
            })
            .collect();
    }
    p
}

/// `GET /import`.
pub async fn form(a: Authed) -> Page {
    let f = FormData::from_vec(vec![("kind".into(), "participants".into())]);
    Ok(render(&page(&a, f, Errs::none(), None)))
}

/// `POST /import` (multipart): `csrf`, `kind`, `file` (CSV, `.xlsx` or `.ods`; its bytes say
/// which, its name only helps to refuse a damaged workbook), and `go` = `check` or `import`.
pub async fn upload(a: Authed, mut multipart: Multipart) -> Page {
    let (mut csrf, mut kind, mut go, mut file) = (String::new(), String::new(), String::new(), Vec::new());
    let mut file_name: Option<String> = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                if name == "file" {
                    file_name = field.file_name().map(str::to_owned);
                }
                let Ok(bytes) = field.bytes().await else { return Err(a.fail(&AppError::TooLarge)) };
                match name.as_str() {
                    "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
                    "kind" => kind = String::from_utf8_lossy(&bytes).into_owned(),
                    "go" => go = String::from_utf8_lossy(&bytes).into_owned(),
                    "file" => file = bytes.to_vec(),
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(_) => return Err(a.fail(&AppError::TooLarge)),
        }
    }
    if !crate::session::same_secret(&csrf, a.csrf()) {
        return Err(a.fail(&AppError::Validation(ValidationErrors::single("csrf", "err-csrf"))));
    }
    let f = FormData::from_vec(vec![("kind".into(), kind.clone())]);
    if file.is_empty() {
        // Shown in the result area too, which is what htmx swaps in.
        let e = Errs::from(&a.web.tr, &ValidationErrors::single("file", "err-import-no-file"));
        let mut p = page(&a, f, e, None);
        p.done = true;
        p.file_errors = vec![a.web.tr.t("err-import-no-file")];
        return Ok(render(&p));
    }
    // A check that finds problems is a check that worked: 200, so that htmx shows its result.
    let commit = go == "import";
    let result = if kind == "peers" {
        import_peers(&a.web.state.app, &a.ctx(), file, file_name.as_deref(), commit).await
    } else {
        import_participants(&a.web.state.app, &a.ctx(), file, file_name.as_deref(), commit).await
    };
    let o = result.or_page(&a)?;
    Ok(render(&page(&a, f, Errs::none(), Some(&o))))
}
