//! `sammen qualitative ...`: interview studies from the command line.
//!
//! `agreement` computes the agreement between coders from a file of codings, with no
//! database: the same computation (`sammen_evaluation::agreement`) as the study's agreement
//! page.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::Subcommand;
use serde::Serialize;

use crate::config::Config;

/// Interview studies: agreement between coders.
#[derive(Subcommand)]
pub(crate) enum QualitativeCommand {
    /// Agreement between coders per code and overall: percent agreement, Cohen's kappa (two
    /// coders) and Krippendorff's alpha (nominal), over segments.
    /// Columns: segment,coder,code, one row per code a coder applied to a segment (an empty
    /// code only records that the coder read the segment). Every coder in the file is taken to
    /// have read every segment in it. The file: CSV (any delimiter, UTF-8, UTF-16 or
    /// Windows-1252), .xlsx or .ods.
    Agreement {
        #[arg(long)]
        input: PathBuf,
        /// Output format: json or text.
        #[arg(long, default_value = "json")]
        format: String,
        /// Language of the error messages about the file: da or en.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// The interview studies in the database: `[{"id", "name", "interviews", "coders"}]`
    /// (interviews with an active consent).
    Studies {
        #[command(flatten)]
        db: crate::DbArg,
        /// Output format: json.
        #[arg(long, default_value = "json")]
        format: String,
    },
    /// Writes a study as a REFI-QDA project (`.qdpx`) for NVivo, ATLAS.ti or MAXQDA: the
    /// codebook, the pseudonymised transcripts, every coder's codings and the consensus, and
    /// the memos. Audited as an export by system administration.
    Export {
        #[command(flatten)]
        db: crate::DbArg,
        /// The study's id or name.
        #[arg(long)]
        study: String,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
    },
}

/// Runs a `sammen qualitative` command.
pub(crate) fn run(_cfg: &Config, command: QualitativeCommand) -> Result<std::process::ExitCode> {
    match command {
        QualitativeCommand::Agreement { input, format, lang } => agreement(&input, &format, &lang)?,
        QualitativeCommand::Studies { db, format } => studies(_cfg, &db, &format)?,
        QualitativeCommand::Export { db, study, out } => export(_cfg, &db, &study, &out)?,
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// The command's JSON: codes by name (sorted), the overall alpha, the coders (sorted).
#[derive(Serialize)]
struct AgreementJson {
    codes: BTreeMap<String, CodeJson>,
    overall: OverallJson,
    coders: Vec<String>,
}

#[derive(Serialize)]
struct CodeJson {
    n_segments: usize,
    percent_agreement: Option<f64>,
    cohen_kappa: Option<f64>,
    krippendorff_alpha: Option<f64>,
}

#[derive(Serialize)]
struct OverallJson {
    krippendorff_alpha: Option<f64>,
}

fn agreement(input: &Path, format: &str, lang: &str) -> Result<()> {
    if format != "json" && format != "text" {
        bail!("--format {format:?} is not supported; use json or text");
    }
    let lang = crate::evaluate_lang(lang)?;
    let table = sammen_evaluation::coding_table_from_file(&crate::read_bytes(input)?, crate::file_name(input))
        .map_err(|e| crate::evaluate_error(input, e, lang))?;
    let report = sammen_evaluation::agreement(&table);
    let out = if format == "json" {
        let json = AgreementJson {
            codes: report
                .codes
                .iter()
                .map(|c| {
                    let code = CodeJson {
                        n_segments: c.n_segments,
                        percent_agreement: c.percent_agreement,
                        cohen_kappa: c.cohen_kappa,
                        krippendorff_alpha: c.krippendorff_alpha,
                    };
                    (c.code.clone(), code)
                })
                .collect(),
            overall: OverallJson { krippendorff_alpha: report.overall_alpha },
            coders: report.coders.clone(),
        };
        serde_json::to_string_pretty(&json)?
    } else {
        text(&report)
    };
    println!("{out}");
    Ok(())
}

/// A readable table: one line per code, then the overall alpha; "-" where a figure is undefined.
fn text(report: &sammen_evaluation::AgreementReport) -> String {
    let figure = |x: Option<f64>| x.map_or_else(|| "-".to_owned(), |x| format!("{x:.3}"));
    let width = report.codes.iter().map(|c| c.code.chars().count()).chain(["code".len(), "overall".len()]).max().unwrap_or(4);
    let mut out = format!("Coders: {}\nSegments: {}\n\n", report.coders.join(", "), report.n_segments);
    out.push_str(&format!("{:<width$}  {:>8}  {:>8}  {:>8}  {:>8}\n", "code", "segments", "percent", "kappa", "alpha"));
    for c in &report.codes {
        let percent = c.percent_agreement.map_or_else(|| "-".to_owned(), |p| format!("{:.1}%", p * 100.0));
        out.push_str(&format!(
            "{:<width$}  {:>8}  {:>8}  {:>8}  {:>8}\n",
            c.code,
            c.n_segments,
            percent,
            figure(c.cohen_kappa),
            figure(c.krippendorff_alpha)
        ));
    }
    out.push_str(&format!("{:<width$}  {:>8}  {:>8}  {:>8}  {:>8}", "overall", "", "", "", figure(report.overall_alpha)));
    out
}

/// One study in `sammen qualitative studies`.
#[derive(Serialize)]
struct StudyJson {
    id: String,
    name: String,
    interviews: usize,
    coders: usize,
}

fn studies(cfg: &Config, db: &crate::DbArg, format: &str) -> Result<()> {
    crate::json_only(format)?;
    let (_, db) = crate::open(cfg, db, "sqlite:sammen.db")?;
    let app = crate::app_of(cfg, db);
    let list = sammen_app::measurement::qualitative::exchange::list_studies_system(&app).map_err(crate::explain)?;
    let json: Vec<StudyJson> =
        list.into_iter().map(|s| StudyJson { id: s.id.to_string(), name: s.name, interviews: s.interviews, coders: s.coders }).collect();
    println!("{}", serde_json::to_string_pretty(&json)?);
    Ok(())
}

fn export(cfg: &Config, db: &crate::DbArg, study: &str, out: &Path) -> Result<()> {
    let (_, db) = crate::open(cfg, db, "sqlite:sammen.db")?;
    let app = crate::app_of(cfg, db);
    let exchange = |s| sammen_app::measurement::qualitative::exchange::find_study_system(&app, s);
    let Some(id) = exchange(study).map_err(crate::explain)? else { bail!("no interview study {study:?}") };
    let ctx = sammen_app::Ctx::cli("cli qualitative export");
    let (_, bytes) = crate::runtime()?
        .block_on(sammen_app::measurement::qualitative::exchange::export_qdpx_system(&app, &ctx, id))
        .map_err(crate::explain)?;
    std::fs::write(out, &bytes).map_err(|e| anyhow::anyhow!("writing {}: {e}", out.display()))?;
    eprintln!("Wrote {} ({} bytes).", out.display(), bytes.len());
    Ok(())
}
