//! `sammen`: the one binary. Serves the UI and API, migrates, seeds the demo, administers
//! accounts, backs up, verifies the audit chain, and runs reports, evaluation, matching and
//! the recruitment purge from the command line.
//!
//! Owns: configuration (flags, environment, a TOML file), logging and process lifecycle.
//! Everything else it asks of `sammen_app` and `sammen_web`.

mod config;
mod qualitative;
mod smtp;

use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Parser, Subcommand};
use sammen_app::access::auth;
use sammen_app::{App, AppError, Ctx, OsRandom, SystemClock, access::audit, directory, people};
use sammen_demo as demo;
use sammen_domain::directory::OrganisationInput;
use sammen_domain::people::{Email, Password, StaffInput};
use sammen_store::{BackendKind, Db, DbOptions, DbUrl};

use crate::config::Config;

/// Sammen: peer support in mental health, from referral to evaluation.
#[derive(Parser)]
#[command(name = "sammen", version, about, long_about = None)]
struct Cli {
    /// A TOML configuration file (also SAMMEN_CONFIG). Flags and environment override it.
    #[arg(long, global = true, env = "SAMMEN_CONFIG")]
    config: Option<std::path::PathBuf>,
    /// Log format: text or json (also SAMMEN_LOG_FORMAT). Levels come from SAMMEN_LOG or RUST_LOG.
    #[arg(long, global = true, env = "SAMMEN_LOG_FORMAT", default_value = "text")]
    log_format: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DbArg {
    /// The database: sqlite:PATH (the default kind, a file) or postgres://USER@HOST:PORT/DB.
    /// Also SAMMEN_DATABASE_URL or `database_url` in the config file.
    #[arg(long, env = "SAMMEN_DATABASE_URL")]
    db: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web UI and the REST API.
    Serve {
        #[command(flatten)]
        db: DbArg,
        /// Address to listen on, e.g. 127.0.0.1:8080 (also SAMMEN_ADDR).
        #[arg(long, env = "SAMMEN_ADDR")]
        addr: Option<String>,
    },
    /// Apply pending database migrations and exit.
    Migrate {
        #[command(flatten)]
        db: DbArg,
    },
    /// Create the demo data set if the database is empty, print the demo logins, then serve.
    Demo {
        #[command(flatten)]
        db: DbArg,
        /// Address to listen on (default 127.0.0.1:8080).
        #[arg(long, env = "SAMMEN_ADDR")]
        addr: Option<String>,
    },
    /// Administer organisations, accounts and tokens.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Write a consistent copy of the database while the server runs.
    Backup {
        #[command(flatten)]
        db: DbArg,
        /// The file to write (must not exist). SQLite: a database file; PostgreSQL: a pg_dump custom-format archive.
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Work with the audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Propose an optimal matching of participants to peers from a JSON file (the same engine
    /// the coordinator uses). Schema: docs/matching-input.md.
    Match {
        #[arg(long)]
        input: std::path::PathBuf,
        /// Also list the score of every eligible pair.
        #[arg(long)]
        all_scores: bool,
        /// Output format (json).
        #[arg(long, default_value = "json")]
        format: String,
    },
    /// An evaluation report from the database (the same report as the web page): JSON, PDF, XLSX or CSV.
    Report {
        #[command(flatten)]
        db: DbArg,
        /// A partnership's name or id: its parties are the sites.
        #[arg(long, conflicts_with = "organisation")]
        partnership: Option<String>,
        /// An organisation's name or id: its programmes are the sites.
        #[arg(long)]
        organisation: Option<String>,
        /// The instrument's id, e.g. qpr-15.
        #[arg(long)]
        instrument: String,
        /// A subscale's id (default: the total score).
        #[arg(long)]
        scale: Option<String>,
        /// The follow-up wave: closure, week-N or followup-Mm.
        #[arg(long)]
        wave: String,
        /// Courses started on or after this date (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// ... and on or before this date.
        #[arg(long)]
        to: Option<String>,
        /// Pooling method: reml (default) or dl.
        #[arg(long, default_value = "reml")]
        method: String,
        /// Use a z-based confidence interval for the pooled effect instead of Hartung-Knapp.
        #[arg(long)]
        no_hartung_knapp: bool,
        /// json, pdf, xlsx or csv (the figures, in the language's dialect).
        #[arg(long, default_value = "json")]
        format: String,
        /// Language of the PDF, XLSX and CSV: da or en.
        #[arg(long, default_value = "da")]
        lang: String,
        /// Where to write (default: standard output).
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Evaluate outcomes from CSV files (the same code as the reports).
    Evaluate {
        #[command(subcommand)]
        command: EvaluateCommand,
    },
    /// Interview studies: agreement between coders.
    Qualitative {
        #[command(subcommand)]
        command: qualitative::QualitativeCommand,
    },
    /// Recruitment of peer workers: applicants' data.
    Recruitment {
        #[command(subcommand)]
        command: RecruitmentCommand,
    },
}

/// Recruitment of peer workers.
#[derive(Subcommand)]
enum RecruitmentCommand {
    /// Delete the applications whose decision is older than their organisation's retention
    /// period (the server also does this in its periodic loop).
    Purge {
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Subcommand)]
enum EvaluateCommand {
    /// Paired change from baseline to follow-up, per site and overall.
    /// Columns: participant,site,wave,score (wave = baseline | followup).
    /// The file: CSV (any delimiter, UTF-8, UTF-16 or Windows-1252), .xlsx or .ods.
    Change {
        #[arg(long)]
        input: std::path::PathBuf,
        /// Output format (json).
        #[arg(long, default_value = "json")]
        format: String,
        /// Language of the error messages: da or en.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Random-effects meta-analysis of per-site effects. Columns: site,yi,vi.
    /// The file: CSV (any delimiter, UTF-8, UTF-16 or Windows-1252), .xlsx or .ods.
    Pool {
        #[arg(long)]
        input: std::path::PathBuf,
        /// Language of the error messages: da or en.
        #[arg(long, default_value = "en")]
        lang: String,
        /// reml (default) or dl.
        #[arg(long, default_value = "reml")]
        method: String,
        /// Hartung-Knapp confidence interval (t with k-1 df).
        #[arg(long)]
        hartung_knapp: bool,
        /// Output format (json).
        #[arg(long, default_value = "json")]
        format: String,
    },
}

// The command names are a commitment (`admin create-org`, …); clap derives them from these.
#[allow(clippy::enum_variant_names)]
#[derive(Subcommand)]
enum AdminCommand {
    /// Create an organisation; prints its id.
    CreateOrg {
        #[command(flatten)]
        db: DbArg,
        #[arg(long)]
        name: String,
        /// municipality, region, association or other.
        #[arg(long)]
        kind: String,
        /// Require TOTP for the organisation's staff.
        #[arg(long)]
        require_totp: bool,
        /// The tz database zone its days are counted in (default Europe/Copenhagen).
        #[arg(long)]
        time_zone: Option<String>,
    },
    /// Create an account. The password comes from SAMMEN_PASSWORD or standard input.
    CreateUser {
        #[command(flatten)]
        db: DbArg,
        /// The organisation's id or exact name (not needed for system_administrator).
        #[arg(long)]
        org: Option<String>,
        /// administrator, coordinator, supervisor, peer_worker, referrer, evaluator, or system_administrator.
        #[arg(long)]
        role: String,
        #[arg(long)]
        email: String,
        /// The name shown in the UI (default: the part of the e-mail before @).
        #[arg(long)]
        name: Option<String>,
    },
    /// Create a personal API token for an account; prints the token alone on standard output.
    CreateToken {
        #[command(flatten)]
        db: DbArg,
        #[arg(long)]
        email: String,
        /// read or write.
        #[arg(long)]
        scope: String,
        /// Days until it expires (default 90, at most 365).
        #[arg(long)]
        days: Option<i64>,
        /// A name to recognise the token by.
        #[arg(long, default_value = "command line")]
        name: String,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the hash chain of the whole audit trail; report the first broken link.
    Verify {
        #[command(flatten)]
        db: DbArg,
    },
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    init_logging(&cli.log_format);
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sammen: {e:#}");
            std::process::ExitCode::from(1)
        }
    }
}

fn init_logging(format: &str) {
    let filter = std::env::var("SAMMEN_LOG").or_else(|_| std::env::var("RUST_LOG")).unwrap_or_else(|_| "info".into());
    let filter = tracing_subscriber::EnvFilter::try_new(filter).unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the async runtime")
}

fn open(cfg: &Config, db: &DbArg, default: &str) -> Result<(DbUrl, Db)> {
    let raw = db.db.clone().or_else(|| cfg.database_url.clone()).unwrap_or_else(|| default.to_owned());
    let url = DbUrl::parse(&raw).map_err(|e| anyhow!("{e}"))?;
    let opts = DbOptions { read_pool_size: cfg.read_pool_size.unwrap_or(8), writers: cfg.writers.unwrap_or(2), ..DbOptions::default() };
    let db = Db::open(&url, &opts).map_err(|e| anyhow!("opening {}: {e}", url.redacted()))?;
    Ok((url, db))
}

fn app_of(cfg: &Config, db: Db) -> App {
    App::new(db, Arc::new(SystemClock), Arc::new(OsRandom), cfg.security())
}

/// Shows an AppError from the command line in plain words (English: operators' language of logs).
fn explain(e: AppError) -> anyhow::Error {
    match e {
        AppError::Validation(v) => {
            anyhow!("invalid input: {}", v.fields.iter().map(|f| format!("{} ({})", f.field, f.message)).collect::<Vec<_>>().join(", "))
        }
        other => anyhow!("{other}"),
    }
}

fn json_only(format: &str) -> Result<()> {
    if format != "json" {
        bail!("--format {format:?} is not supported; use json");
    }
    Ok(())
}

fn read_input(path: &std::path::Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn evaluate(command: EvaluateCommand) -> Result<()> {
    let out = match command {
        EvaluateCommand::Change { input, format, lang } => {
            json_only(&format)?;
            let lang = evaluate_lang(&lang)?;
            let report = sammen_evaluation::change_from_file(&read_bytes(&input)?, file_name(&input))
                .map_err(|e| evaluate_error(&input, e, lang))?;
            serde_json::to_string_pretty(&report)?
        }
        EvaluateCommand::Pool { input, lang, method, hartung_knapp, format } => {
            json_only(&format)?;
            let lang = evaluate_lang(&lang)?;
            let method: sammen_evaluation::Method = method.parse().map_err(|e| anyhow!("--method: {e}"))?;
            let result = sammen_evaluation::pool_from_file(&read_bytes(&input)?, file_name(&input), method, hartung_knapp)
                .map_err(|e| evaluate_error(&input, e, lang))?;
            serde_json::to_string_pretty(&result)?
        }
    };
    println!("{out}");
    Ok(())
}

fn evaluate_lang(lang: &str) -> Result<sammen_i18n::Lang> {
    sammen_i18n::Lang::parse(lang).ok_or_else(|| anyhow!("--lang: da or en"))
}

fn read_bytes(path: &std::path::Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

/// The file's name, whose extension tells a damaged workbook from text.
fn file_name(path: &std::path::Path) -> Option<&str> {
    path.file_name().and_then(|n| n.to_str())
}

/// A bad input file in the words of the web page ("Line 7, column 3 (score): …"); the other
/// evaluation errors in the statistics' own words.
fn evaluate_error(input: &std::path::Path, e: sammen_evaluation::EvalError, lang: sammen_i18n::Lang) -> anyhow::Error {
    let sammen_evaluation::EvalError::Input(table) = &e else { return anyhow!("{}: {e}", input.display()) };
    let Ok(i18n) = sammen_i18n::I18n::new() else { return anyhow!("{}: {e}", input.display()) };
    let words = table.describe(|id, args| {
        let args: Vec<(&str, sammen_i18n::Arg<'_>)> = args.iter().map(|(k, v)| (*k, sammen_i18n::Arg::from(v.as_str()))).collect();
        i18n.t_args(lang, id, &args)
    });
    anyhow!("{}: {words}", input.display())
}

fn run(cli: Cli) -> Result<std::process::ExitCode> {
    let cfg = Config::load(cli.config.as_deref())?;
    match cli.command {
        // Files in, JSON out: no database.
        Command::Evaluate { command } => evaluate(command)?,
        Command::Qualitative { command } => return qualitative::run(&cfg, command),
        Command::Match { input, all_scores, format } => {
            json_only(&format)?;
            let parsed = sammen_matching::parse_input(&read_input(&input)?).map_err(|e| anyhow!("{}: {e}", input.display()))?;
            println!("{}", sammen_matching::to_json(&sammen_matching::run(&parsed, all_scores)));
        }
        Command::Serve { db, addr } => {
            let started = Instant::now();
            let (url, db) = open(&cfg, &db, "sqlite:sammen.db")?;
            let addr = addr.or(cfg.addr.clone()).unwrap_or_else(|| "127.0.0.1:8080".into());
            serve(&cfg, app_of(&cfg, db), &url, &addr, started)?;
        }
        Command::Migrate { db } => {
            let (url, _db) = open(&cfg, &db, "sqlite:sammen.db")?;
            println!("migrated {}", url.redacted());
        }
        Command::Demo { db, addr } => {
            let started = Instant::now();
            let (url, db) = open(&cfg, &db, "sqlite:sammen-demo.db")?;
            let app = app_of(&cfg, db);
            match demo::seed(&app).map_err(explain)? {
                Some(_) => println!("Created the demo data set in {}.", url.redacted()),
                None => println!("The database already holds data; the demo data set was not added again."),
            }
            println!("\nDemo logins (password for all: {}):", demo::DEMO_PASSWORD);
            for l in demo::logins() {
                println!("  {:<38} {:<22} {}", l.email, l.role, l.organisation);
            }
            let addr = addr.or(cfg.addr.clone()).unwrap_or_else(|| "127.0.0.1:8080".into());
            serve(&cfg, app, &url, &addr, started)?;
        }
        Command::Admin { command } => admin(&cfg, command)?,
        Command::Report {
            db,
            partnership,
            organisation,
            instrument,
            scale,
            wave,
            from,
            to,
            method,
            no_hartung_knapp,
            format,
            lang,
            out,
        } => {
            let (_, db) = open(&cfg, &db, "sqlite:sammen.db")?;
            let app = app_of(&cfg, db);
            let scope = match (partnership, organisation) {
                (Some(p), _) => sammen_app::measurement::report::ReportScope::Partnership(
                    sammen_app::measurement::report::find_partnership_blocking(&app, &p)
                        .map_err(explain)?
                        .ok_or_else(|| anyhow!("no partnership {p:?}"))?,
                ),
                (None, Some(o)) => sammen_app::measurement::report::ReportScope::Organisation(
                    sammen_app::directory::find_org_blocking(&app, &o)
                        .map_err(explain)?
                        .ok_or_else(|| anyhow!("no organisation {o:?}"))?
                        .id,
                ),
                (None, None) => return Err(anyhow!("give --partnership or --organisation")),
            };
            let date = |d: Option<String>, flag: &str| -> Result<Option<time::Date>> {
                d.map(|d| sammen_domain::time::parse_date(&d).map_err(|_| anyhow!("{flag}: {d:?} is not a date (YYYY-MM-DD)"))).transpose()
            };
            let req = sammen_app::measurement::report::ReportRequest {
                scope,
                instrument,
                scale,
                wave,
                from: date(from, "--from")?,
                to: date(to, "--to")?,
                method: method.parse().map_err(|e| anyhow!("--method: {e}"))?,
                hartung_knapp: !no_hartung_knapp,
                rules: sammen_evaluation::SuppressionRules::default(),
                cost: None,
            };
            let lang = sammen_i18n::Lang::parse(&lang).ok_or_else(|| anyhow!("--lang: da or en"))?;
            let ctx = sammen_app::Ctx::cli("cli report");
            // A refused choice (an unknown wave, say) is told in the chosen language, naming the option.
            let data = runtime()?.block_on(sammen_app::measurement::report::compute(&app, &ctx, req)).map_err(|e| match e {
                sammen_app::AppError::Validation(v) => match sammen_i18n::I18n::new() {
                    Ok(i18n) => anyhow!(
                        "{}",
                        v.fields
                            .iter()
                            .map(|f| format!("--{}: {}", f.field.replace('_', "-"), i18n.t(lang, f.message)))
                            .collect::<Vec<_>>()
                            .join("\n")
                    ),
                    Err(_) => explain(sammen_app::AppError::Validation(v)),
                },
                other => explain(other),
            })?;
            let bytes = match format.as_str() {
                "json" => {
                    let mut s = serde_json::to_string_pretty(&data)?;
                    s.push('\n');
                    s.into_bytes()
                }
                "pdf" | "xlsx" => {
                    let i18n = sammen_i18n::I18n::new().map_err(|e| anyhow!("loading translations: {e}"))?;
                    let doc = sammen_app::measurement::report::document(&data, &i18n, lang);
                    if format == "pdf" { sammen_reports::pdf(&doc) } else { sammen_reports::xlsx(&doc)? }
                }
                "csv" => {
                    let style = if lang == sammen_i18n::Lang::Da {
                        sammen_reports::NumberStyle::Danish
                    } else {
                        sammen_reports::NumberStyle::English
                    };
                    sammen_app::measurement::report_csv::report_csv(&data, style)?
                }
                other => return Err(anyhow!("--format: json, pdf, xlsx or csv, not {other:?}")),
            };
            match out {
                Some(path) => std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?,
                None => std::io::Write::write_all(&mut std::io::stdout(), &bytes)?,
            }
        }
        Command::Backup { db, out } => {
            let (url, db) = open(&cfg, &db, "sqlite:sammen.db")?;
            match url.kind() {
                BackendKind::Sqlite => db.backup_sqlite(&out).map_err(|e| anyhow!("{e}"))?,
                BackendKind::Postgres => pg_dump(url.target(), &out)?,
            }
            println!("backed up {} to {}", url.redacted(), out.display());
        }
        // Recruitment.
        Command::Recruitment { command: RecruitmentCommand::Purge { db } } => {
            let (_, db) = open(&cfg, &db, "sqlite:sammen.db")?;
            let app = app_of(&cfg, db);
            let n = runtime()?.block_on(sammen_app::workforce::recruitment::purge_expired(&app)).map_err(explain)?;
            println!("deleted {n} applications past their retention period");
        }
        Command::Audit { command: AuditCommand::Verify { db } } => {
            let (_, db) = open(&cfg, &db, "sqlite:sammen.db")?;
            let started = Instant::now();
            let interactive = std::io::stderr().is_terminal();
            let result = audit::verify_chain(&db, |n| {
                if interactive {
                    eprint!("\rchecked {n} records");
                }
            })
            .map_err(|e| anyhow!("{e}"))?;
            if interactive {
                eprintln!();
            }
            match result {
                audit::Verification::Intact { records } => {
                    println!("audit chain intact: {records} records verified in {:.2} s", started.elapsed().as_secs_f64());
                }
                audit::Verification::Broken(b) => {
                    println!("audit chain BROKEN at record {}: {}", b.seq, b.reason);
                    return Ok(std::process::ExitCode::from(2));
                }
            }
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}

fn pg_dump(url: &str, out: &std::path::Path) -> Result<()> {
    if out.exists() {
        bail!("{} exists already; choose a new file", out.display());
    }
    // pg_dump takes one snapshot, so the copy is consistent while the server writes.
    let status = std::process::Command::new("pg_dump")
        .arg("--format=custom")
        .arg("--file")
        .arg(out)
        .arg("--dbname")
        .arg(url)
        .status()
        .context("running pg_dump (install PostgreSQL's client tools)")?;
    if !status.success() {
        bail!("pg_dump failed with {status}");
    }
    Ok(())
}

fn read_password() -> Result<Password> {
    let raw = match std::env::var("SAMMEN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            if std::io::stdin().is_terminal() {
                eprint!("Password (at least {} characters): ", Password::MIN_CHARS);
            }
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line).context("reading the password from standard input")?;
            line.trim_end_matches(['\n', '\r']).to_owned()
        }
    };
    Password::parse(&raw).map_err(|m| anyhow!("the password is not acceptable ({m}): use at least {} characters", Password::MIN_CHARS))
}

fn admin(cfg: &Config, command: AdminCommand) -> Result<()> {
    let rt = runtime()?;
    match command {
        AdminCommand::CreateOrg { db, name, kind, require_totp, time_zone } => {
            let (_, db) = open(cfg, &db, "sqlite:sammen.db")?;
            let app = app_of(cfg, db);
            let input =
                OrganisationInput::parse(&name, &kind, require_totp, time_zone.as_deref()).map_err(|v| explain(AppError::Validation(v)))?;
            let o = rt.block_on(directory::create_org(&app, &Ctx::cli("cli admin create-org"), input)).map_err(explain)?;
            println!("{}", o.id);
        }
        AdminCommand::CreateUser { db, org, role, email, name } => {
            let (_, db) = open(cfg, &db, "sqlite:sammen.db")?;
            let app = app_of(cfg, db);
            let display = name.unwrap_or_else(|| email.split('@').next().unwrap_or("").to_owned());
            let ctx = Ctx::cli("cli admin create-user");
            if role == "system_administrator" {
                let email = Email::parse(&email).map_err(|m| anyhow!("invalid e-mail address ({m})"))?;
                let password = read_password()?;
                let id = rt.block_on(people::create_system_admin(&app, &ctx, email, display, password)).map_err(explain)?;
                println!("{id}");
                return Ok(());
            }
            let org = org.ok_or_else(|| anyhow!("--org is required for the role {role}"))?;
            let org = directory::find_org_blocking(&app, &org)
                .map_err(explain)?
                .ok_or_else(|| anyhow!("no organisation with the id or name {org:?}"))?;
            let input = StaffInput::parse(&email, &display, &role).map_err(|v| explain(AppError::Validation(v)))?;
            let password = read_password()?;
            let (s, _) = rt.block_on(people::create_staff(&app, &ctx, org.id, input, Some(password))).map_err(explain)?;
            println!("{}", s.id);
        }
        AdminCommand::CreateToken { db, email, scope, days, name } => {
            let (_, db) = open(cfg, &db, "sqlite:sammen.db")?;
            let app = app_of(cfg, db);
            let sec = &app.security;
            let days_s = days.map(|d| d.to_string());
            let (name, scope, days) =
                auth::parse_token_request(&name, &scope, days_s.as_deref(), sec.token_max_days, sec.token_default_days)
                    .map_err(|v| explain(AppError::Validation(v)))?;
            let (user, org) = find_user(&app, &email)?;
            let (_, secret) =
                rt.block_on(auth::create_token(&app, user, org, name, scope, days, "cli admin create-token")).map_err(explain)?;
            println!("{secret}");
        }
    }
    Ok(())
}

fn find_user(app: &App, email: &str) -> Result<(sammen_domain::UserId, Option<sammen_domain::OrgId>)> {
    let email = Email::parse(email).map_err(|m| anyhow!("invalid e-mail address ({m})"))?;
    let key = email.as_str().to_owned();
    let found = app
        .db
        .read_blocking(|c| -> Result<Option<(sammen_domain::UserId, Option<sammen_domain::OrgId>)>, sammen_store::StoreError> {
            let Some(u) = sammen_store::access::user_by_email(c, &key)? else { return Ok(None) };
            let first = sammen_store::access::memberships_of(c, *u.id)?.into_iter().next().map(|m| *m.organisation_id);
            Ok(Some((*u.id, first)))
        })
        .map_err(|e| anyhow!("{e}"))?;
    found.ok_or_else(|| anyhow!("no account with that e-mail address"))
}

fn serve(cfg: &Config, app: App, url: &DbUrl, addr: &str, started: Instant) -> Result<()> {
    let i18n = Arc::new(sammen_i18n::I18n::new().map_err(|e| anyhow!("loading translations: {e}"))?);
    let addr: SocketAddr = addr.parse().with_context(|| format!("--addr {addr:?} is not HOST:PORT"))?;
    let public_url = std::env::var("SAMMEN_PUBLIC_URL").ok().or_else(|| cfg.public_url.clone());
    let every = std::time::Duration::from_secs(cfg.schedule_seconds.unwrap_or(60).clamp(5, 86_400));
    let web_cfg = cfg.web();
    let smtp = cfg.smtp();
    let rt = runtime()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("listening on {addr}"))?;
        let local = listener.local_addr()?;
        let app = app.with_public_url(&public_url.unwrap_or_else(|| format!("http://{local}")));
        tokio::spawn(run_jobs(app.clone(), every));
        if let Some(cfg) = smtp.clone() {
            tracing::info!(relay = %cfg.relay, "sending the outbox by SMTP");
            tokio::spawn(smtp::sender(app.clone(), cfg, std::time::Duration::from_secs(15)));
        }
        let state = sammen_web::AppState::new(app, i18n, web_cfg);
        let router = sammen_web::router(state);
        tracing::info!(database = %url.redacted(), address = %local, ready_ms = started.elapsed().as_millis() as u64, "Sammen is ready");
        println!("Sammen is ready at http://{local}/ (database {})", url.redacted());
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown())
            .await
            .context("serving")
    })
}

/// Runs every area's background jobs now and then every `every` (`sammen_app::background_jobs`): the
/// measurement schedule, reminders, retention. A failed run is logged and tried again next time.
async fn run_jobs(app: App, every: std::time::Duration) {
    let jobs = sammen_app::background_jobs();
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        for job in &jobs {
            match (job.run)(&app).await {
                Ok(r) if !r.is_empty() => tracing::info!(job = job.name, done = %r, "background job"),
                Ok(_) => {}
                Err(e) => tracing::error!(job = job.name, error = %e, "background job failed"),
            }
        }
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
