//! Synthetic data for the partnership-report benchmark (`bench/report.sh`):
//!
//! ```sh
//! cargo run --release -p sammen-app --example report_bench_data -- \
//!     --db sqlite:/tmp/report.db --csv /tmp/report.csv [--participants N] [--sites K] [--seed S]
//! ```
//!
//! Creates, straight through the store (like the demo data set, not through the audited use
//! cases): K organisations "Site 1".."Site K"; the partnership "Benchmark Partnership" with all
//! of them as parties and the data category `aggregate_outcomes` from 2025-01-01; one
//! programme per organisation with a QPR-15 measurement plan (at the start and at closure);
//! N participants spread evenly over the sites (participant i at site i mod K), each closed,
//! with a started and closed course in 2026, a completed baseline response and, for about 80 %
//! of them (drawn from the seed), a completed closure response. Every wave has its invitation
//! (completed, or expired when the closure was not answered), so the report's flow section
//! has the usual shape. Responses are scored with `sammen_instruments::score` and stored the
//! way the app stores them (answers JSON, score, raw, prorated, band, the whole ScoreResult).
//!
//! With `--csv` it also writes every item answer as `participant,site,wave,item,value`
//! (participant = its index 0..N, site = organisation name), the input of
//! `bench/report_duckdb.py`. No audit records are written: this is synthetic data.
//!
//! The default N = 371,000 gives ≥ 10 million item answers: 15 × N baseline items plus
//! 15 × (≈ 0.8 N) closure items ≈ 10.02 million (the run prints the exact count).

use std::io::Write as _;
use std::sync::mpsc;
use std::time::Instant;

use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use sammen_app::measurement::shipped_definition;
use sammen_domain::directory::{DataCategory, DeliveryModel, Mode, OrganisationKind};
use sammen_domain::ids::uuid_v7;
use sammen_domain::measurement::{InvitationStatus, ResponseSource, ResponseStatus, Schedule, due_waves};
use sammen_domain::people::{ParticipantStatus, search_key};
use sammen_domain::time::Timestamp;
use sammen_instruments::{AnswerValue, Answers, Definition, score};
use sammen_store::rows::{InvitationRow, MeasurementPlanRow, OrganisationRow, ParticipantRow, PartnershipRow, ProgrammeRow, ResponseRow};
use sammen_store::{BackendKind, Db, DbOptions, DbUrl, StoreError, Stored, Tx, directory as sd, measurement as sm, people as sp};

const DAY: i64 = 86_400_000_000;
/// 2026-01-01T00:00:00Z in microseconds.
const JAN_2026: i64 = 1_767_225_600 * 1_000_000;
const PARTNERSHIP: &str = "Benchmark Partnership";
const INSTRUMENT: &str = "qpr-15";

type Failure = Box<dyn std::error::Error + Send + Sync>;

struct Args {
    db: String,
    participants: usize,
    sites: usize,
    csv: Option<String>,
    seed: u64,
    batch: usize,
    invitations: bool,
}

const USAGE: &str = "usage: report_bench_data --db URL [--participants N (371000)] [--sites K (3)] \
                     [--csv PATH] [--seed S (1)] [--batch PARTICIPANTS_PER_TRANSACTION (2000)] [--no-invitations]";

fn parse_args() -> Result<Args, String> {
    let mut a = Args { db: String::new(), participants: 371_000, sites: 3, csv: None, seed: 1, batch: 2_000, invitations: true };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        let number = |v: String| v.replace('_', "").parse::<u64>().map_err(|_| format!("{flag}: {v:?} is not a number"));
        match flag.as_str() {
            "--db" => a.db = value()?,
            "--participants" => a.participants = number(value()?)? as usize,
            "--sites" => a.sites = number(value()?)? as usize,
            "--csv" => a.csv = Some(value()?),
            "--seed" => a.seed = number(value()?)?,
            "--batch" => a.batch = number(value()?)? as usize,
            "--no-invitations" => a.invitations = false,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    if a.db.is_empty() {
        return Err(format!("--db is required\n{USAGE}"));
    }
    if a.sites == 0 || a.participants == 0 || a.batch == 0 {
        return Err("--sites, --participants and --batch must be at least 1".into());
    }
    Ok(a)
}

/// Ids: UUIDv7, the random part from the seeded generator. Their time part follows the order
/// of insertion (one millisecond apart, from December 2025), as ids made by a live system do,
/// rather than each row's own date: the data set is written participant by participant, not
/// in time order, and time-ordered ids would scatter every primary-key insert over the index.
struct Ids {
    rng: StdRng,
    next_ms: u64,
}

impl Ids {
    fn new(seed: u64) -> Self {
        Self { rng: StdRng::seed_from_u64(seed ^ 0x1D5), next_ms: u64::try_from((JAN_2026 - 30 * DAY) / 1000).unwrap_or(0) }
    }
    fn next<T: From<uuid::Uuid>>(&mut self) -> Stored<T> {
        let r: [u8; 10] = self.rng.random();
        self.next_ms += 1;
        Stored(T::from(uuid_v7(self.next_ms, r)))
    }
}

/// A standard normal draw (Box–Muller; one of the pair is enough here).
fn normal(rng: &mut StdRng) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>(); // (0, 1]
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A unique pseudonym from the participant's index, in the shape of `people::pseudonym`.
fn pseudonym_of(mut i: usize) -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut c = [b'2'; 6];
    for slot in c.iter_mut().rev() {
        *slot = ALPHABET[i % ALPHABET.len()];
        i /= ALPHABET.len();
    }
    let c: Vec<char> = c.iter().map(|b| char::from(*b)).collect();
    format!("B-{}{}{}{}-{}{}", c[0], c[1], c[2], c[3], c[4], c[5])
}

struct Site {
    org: OrganisationRow,
    programme: ProgrammeRow,
    plan: MeasurementPlanRow,
    /// The mean item level at baseline (items run 0–4) and the mean gain per item at closure.
    level: f64,
    gain: f64,
}

/// Rows for one transaction, and the CSV lines of the same answers.
#[derive(Default)]
struct Batch {
    participants: Vec<ParticipantRow>,
    invitations: Vec<InvitationRow>,
    responses: Vec<ResponseRow>,
    csv: Vec<u8>,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    participants: usize,
    invitations: usize,
    responses: usize,
    item_answers: usize,
    pairs: usize,
}

/// A completed response as `measurement::apply_answers` leaves it after a finished save.
#[allow(clippy::too_many_arguments)]
fn completed_response(
    ids: &mut Ids,
    def: &Definition,
    p: &ParticipantRow,
    inv: Option<&InvitationRow>,
    wave: &str,
    answers: Answers,
    started: i64,
    completed: i64,
) -> Result<ResponseRow, Failure> {
    let result = score(def, &answers)?;
    Ok(ResponseRow {
        id: ids.next(),
        organisation_id: p.organisation_id,
        participant_id: p.id,
        invitation_id: inv.map(|i| i.id),
        instrument_id: def.id.clone(),
        instrument_version: def.version.clone(),
        wave: Some(wave.to_owned()),
        source: ResponseSource::Link.into(),
        entered_by: None,
        answers: serde_json::to_string(&answers)?,
        status: ResponseStatus::Completed.into(),
        score: Some(result.score),
        raw: Some(result.raw),
        prorated: result.prorated,
        band: result.band.clone(),
        scores: serde_json::to_string(&result)?,
        started_at: started,
        completed_at: Some(completed),
        updated_at: completed,
    })
}

fn generate(a: &Args, def: &Definition, sites: &[Site], ids: &mut Ids, out: &mpsc::SyncSender<Batch>) -> Result<Counts, Failure> {
    let mut rng = StdRng::seed_from_u64(a.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5EED);
    let schedule = Schedule { at_start: true, every_weeks: None, at_closure: true, followup_months: None };
    let now = Timestamp(JAN_2026 + 325 * DAY); // 2026-11-22: every wave has fallen due
    let mut counts = Counts::default();
    let mut batch = Batch::default();
    for i in 0..a.participants {
        let site = &sites[i % sites.len()];
        // A course of 60–180 days, started in the first four months of 2026 (closed by November).
        let started = JAN_2026 + rng.random_range(0..120) * DAY + rng.random_range(0..DAY);
        let closed = started + rng.random_range(60..=180) * DAY + rng.random_range(0..DAY);
        let pseudonym = pseudonym_of(i);
        let p = ParticipantRow {
            id: ids.next(),
            organisation_id: site.org.id,
            programme_id: Some(site.programme.id),
            search_key: search_key(&[&pseudonym]),
            pseudonym,
            name: None,
            cpr: None,
            birth_year: Some(1950 + rng.random_range(0..55)),
            gender: None,
            phone: None,
            email: None,
            status: ParticipantStatus::Closed.into(),
            languages: "da".into(),
            assigned_peer_id: None,
            created_at: started,
            updated_at: closed,
            started_at: Some(started),
            closed_at: Some(closed),
        };
        // The person's own level and gain around the site's; each item scatters around it.
        let person = site.level + 0.45 * normal(&mut rng);
        let gain = site.gain + 0.35 * normal(&mut rng);
        let answers_closure = rng.random_bool(0.8);
        for w in due_waves(&schedule, Some(Timestamp(started)), Some(Timestamp(closed)), now, &sammen_domain::time::Zone::default()) {
            let answered = w.label == "baseline" || answers_closure;
            let expires = w.due.0 + site.plan.valid_days * DAY;
            let inv = a.invitations.then(|| InvitationRow {
                id: ids.next(),
                organisation_id: p.organisation_id,
                participant_id: p.id,
                plan_id: site.plan.id,
                instrument_id: def.id.clone(),
                instrument_version: def.version.clone(),
                wave: w.label.clone(),
                wave_order: w.order,
                due_at: w.due.0,
                expires_at: expires,
                token_hash: None,
                status: Stored(if answered { InvitationStatus::Completed } else { InvitationStatus::Expired }),
                reminders_sent: if answered { 0 } else { 2 },
                last_notified_at: None,
                created_at: w.due.0,
                updated_at: w.due.0,
            });
            if answered {
                let level = if w.label == "baseline" { person } else { person + gain };
                let mut answers = Answers::new();
                for item in &def.items {
                    let v = (level + 0.8 * normal(&mut rng)).round().clamp(0.0, 4.0) as i64;
                    answers.insert(item.link_id.clone(), AnswerValue::Code(v.to_string()));
                    writeln!(batch.csv, "{i},{},{},{},{v}", site.org.name, w.label, item.link_id)?;
                    counts.item_answers += 1;
                }
                let opened = w.due.0 + rng.random_range(0..5 * DAY);
                let done = opened + rng.random_range(60_000_000..1_800_000_000); // 1–30 minutes
                batch.responses.push(completed_response(ids, def, &p, inv.as_ref(), &w.label, answers, opened, done)?);
                counts.responses += 1;
            }
            if let Some(inv) = inv {
                batch.invitations.push(inv);
                counts.invitations += 1;
            }
        }
        counts.pairs += usize::from(answers_closure);
        counts.participants += 1;
        batch.participants.push(p);
        if batch.participants.len() == a.batch {
            out.send(std::mem::take(&mut batch))?;
        }
    }
    if !batch.participants.is_empty() {
        out.send(batch)?;
    }
    Ok(counts)
}

fn insert_batch(tx: &mut Tx<'_>, b: &Batch) -> Result<(), StoreError> {
    for p in &b.participants {
        sp::insert_participant(tx.conn(), p)?;
    }
    for inv in &b.invitations {
        sm::insert_invitation(tx.conn(), inv)?;
    }
    for r in &b.responses {
        sm::insert_response(tx.conn(), r)?;
    }
    Ok(())
}

fn run(a: &Args) -> Result<(), Failure> {
    let t0 = Instant::now();
    let def = shipped_definition(INSTRUMENT, None).map_err(|e| format!("{INSTRUMENT}: {e}"))?;
    let url = DbUrl::parse(&a.db)?;
    if url.kind() == BackendKind::Sqlite && std::path::Path::new(url.target()).exists() {
        return Err(format!("{} exists already; the benchmark data goes into a new database", url.target()).into());
    }
    let db = Db::open(&url, &DbOptions::default())?;
    if db.read_blocking(sd::count_orgs)? > 0 {
        return Err(format!("{} already holds organisations; use an empty database", url.redacted()).into());
    }
    eprintln!("opened and migrated {} in {:.2} s", url.redacted(), t0.elapsed().as_secs_f64());

    // The sites, their programmes and plans, and the partnership.
    let mut ids = Ids::new(a.seed);
    let set_up = JAN_2026 - 30 * DAY;
    let mut sites = Vec::new();
    for k in 0..a.sites {
        let org = OrganisationRow {
            id: ids.next(),
            name: format!("Site {}", k + 1),
            kind: OrganisationKind::Municipality.into(),
            require_totp: false,
            created_at: set_up,
            updated_at: set_up,
            time_zone: sammen_domain::time::DEFAULT_ZONE.into(),
        };
        let programme = ProgrammeRow {
            id: ids.next(),
            organisation_id: org.id,
            name: format!("Peerforløb – Site {}", k + 1),
            description: None,
            delivery: DeliveryModel::Individual.code().into(),
            modes: [Mode::InPerson, Mode::Phone].iter().map(|m| m.code()).collect::<Vec<_>>().join(","),
            locations: String::new(),
            active: true,
            created_at: set_up,
            updated_at: set_up,
        };
        let plan = MeasurementPlanRow {
            id: ids.next(),
            organisation_id: org.id,
            programme_id: programme.id,
            instrument_id: def.id.clone(),
            instrument_version: def.version.clone(),
            at_start: true,
            every_weeks: None,
            at_closure: true,
            followup_months: None,
            reminder_days: 7,
            valid_days: 28,
            active: true,
            created_at: set_up,
            updated_at: set_up,
            target_percent: 80,
        };
        // Sites differ a little: in where people start and in how much they gain.
        let level = 1.6 + 0.1 * (k % 4) as f64;
        let gain = 0.25 + 0.07 * (k % 5) as f64;
        sites.push(Site { org, programme, plan, level, gain });
    }
    let partnership = PartnershipRow {
        id: ids.next(),
        name: PARTNERSHIP.into(),
        purpose: "Benchmark of the partnership report (synthetic data).".into(),
        legal_basis: "Synthetic data; no person is real".into(),
        data_categories: DataCategory::AggregateOutcomes.code().into(),
        valid_from: Stored(time::macros::date!(2025 - 01 - 01)),
        valid_to: None,
        created_at: set_up,
        updated_at: set_up,
    };
    let rows: Vec<(OrganisationRow, ProgrammeRow, MeasurementPlanRow)> =
        sites.iter().map(|s| (s.org.clone(), s.programme.clone(), s.plan.clone())).collect();
    let parties: Vec<sammen_domain::OrgId> = sites.iter().map(|s| *s.org.id).collect();
    db.write_blocking(move |tx: &mut Tx<'_>| -> Result<(), StoreError> {
        for (o, _, _) in &rows {
            sd::insert_org(tx.conn(), o)?;
        }
        sd::insert_partnership(tx.conn(), &partnership, &parties)?;
        for (_, p, plan) in &rows {
            sd::insert_programme(tx.conn(), p)?;
            sm::insert_plan(tx.conn(), plan)?;
        }
        Ok(())
    })?;

    // Participants, invitations and responses: generated on one thread, written in one
    // transaction per batch by the store's writer, the two overlapping.
    let mut csv = match &a.csv {
        Some(path) => {
            let mut f = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
            f.write_all(b"participant,site,wave,item,value\n")?;
            Some(f)
        }
        None => None,
    };
    let started = Instant::now();
    let (send, receive) = mpsc::sync_channel::<Batch>(2);
    let (counts, write_secs) = std::thread::scope(|s| -> Result<(Counts, f64), Failure> {
        let sites = &sites;
        // The sender moves into the generator: when it is done (or fails) the loop below ends;
        // when the loop fails, the receiver is dropped and the generator's next send fails.
        let generator = s.spawn(move || generate(a, def, sites, &mut ids, &send));
        let mut write_secs = 0.0;
        let mut written = 0usize;
        let mut last_report = Instant::now();
        for mut batch in receive {
            if let Some(f) = csv.as_mut() {
                f.write_all(&batch.csv)?;
            }
            batch.csv = Vec::new();
            let n = batch.participants.len();
            let t = Instant::now();
            db.write_blocking(move |tx: &mut Tx<'_>| insert_batch(tx, &batch))?;
            write_secs += t.elapsed().as_secs_f64();
            written += n;
            if last_report.elapsed().as_secs() >= 10 {
                eprintln!("  {written} of {} participants written ({:.0} s)", a.participants, started.elapsed().as_secs_f64());
                last_report = Instant::now();
            }
        }
        let counts = generator.join().map_err(|_| "the generator thread panicked")??;
        Ok((counts, write_secs))
    })?;
    if let Some(mut f) = csv {
        f.flush()?;
    }
    let total = started.elapsed().as_secs_f64();

    // Leave a SQLite file without a write-ahead log behind, as a server at rest would.
    if url.kind() == BackendKind::Sqlite {
        let t = Instant::now();
        db.read_blocking(|c| {
            diesel::RunQueryDsl::execute(diesel::sql_query("PRAGMA wal_checkpoint(TRUNCATE)"), c).map_err(StoreError::from)
        })?;
        eprintln!("checkpointed the write-ahead log in {:.2} s", t.elapsed().as_secs_f64());
    }

    eprintln!(
        "generated and wrote {} participants, {} invitations, {} responses ({} item answers, {} pairs) \
         in {total:.1} s ({write_secs:.1} s waiting for the writer); {:.1} s in all",
        counts.participants,
        counts.invitations,
        counts.responses,
        counts.item_answers,
        counts.pairs,
        t0.elapsed().as_secs_f64()
    );
    // One machine-readable line on stdout for bench/report.sh.
    println!(
        "{{\"participants\":{},\"invitations\":{},\"responses\":{},\"item_answers\":{},\"pairs\":{},\"sites\":{},\"seconds\":{:.3}}}",
        counts.participants,
        counts.invitations,
        counts.responses,
        counts.item_answers,
        counts.pairs,
        a.sites,
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(m) => {
            eprintln!("{m}");
            return std::process::ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("report_bench_data: {e}");
            std::process::ExitCode::from(1)
        }
    }
}
