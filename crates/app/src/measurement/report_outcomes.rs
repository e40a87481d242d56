//! Outcomes in people's lives and the programme's CHIME profile, for the evaluation report and
//! the programme page.
//!
//! **Life outcomes.** Per site and overall: of the people followed (those whose course started
//! in the report's period), how many started or completed education, got a job, did volunteer
//! work, made or renewed relationships, or tried a new activity, counted from the start of
//! their course to the end of the period. A person counts once per kind however often it was
//! recorded. The counts are published under the organisation's rules: small counts are hidden
//! and so are the counts that would give them away (`sammen_evaluation::suppress_table`).
//!
//! **CHIME profile.** The CHIME check-in's five subscales (connectedness, hope, identity,
//! meaning, empowerment; 0–100) at the start and at a follow-up, for the same people (paired),
//! with a mean only for a group of at least `min_group_for_statistics`: a change, not an
//! effect, and from an instrument that is not validated.
//!
//! [`for_report`] and [`for_programme`] read the facts; [`life_outcomes`] and [`chime_profile`]
//! turn them into published numbers (pure); [`blocks`] into the document the web page, the
//! PDF and the XLSX show; [`csv_figures`] into the CSV's rows.

use std::collections::{BTreeMap, HashMap};

use sammen_domain::audit::AuditAction;
use sammen_domain::measurement::LifeEventKind;
use sammen_domain::policy;
use sammen_domain::time::{Timestamp, Zone, format_date};
use sammen_domain::{OrgId, ProgrammeId};
use sammen_evaluation::qualitative::{ChimeCheckInDomain, ChimePair, chime_check_in_profile};
use sammen_evaluation::{Cell, CountTable, SUPPRESSED_MARKER, SuppressionRules, suppress_table};
use sammen_i18n::{Arg, I18n, Lang};
use sammen_instruments::{ChimeDomain, Definition, ScoreResult, subscale_scores};
use sammen_reports::{
    Bar, BarValue, Bars, Block, Cell as RCell, Chart, ChartKind, Column, CsvField, CsvWriter, Lines, NumberStyle, Series, Table,
};
use sammen_store::DbConnection;
use sammen_store::measurement::outcomes as so;
use serde::Serialize;
use time::Date;

use crate::measurement::report::wave_text;
use crate::measurement::shipped_definition;
use crate::{App, AppError, AppResult, Ctx, Subject};

/// The CHIME check-in, whose subscales make the profile.
pub const CHECK_IN: &str = "sammen-chime-checkin";
const BASELINE: &str = "baseline";

/// The life outcomes counted, in the order shown.
pub const OUTCOME_KINDS: [LifeEventKind; 6] = [
    LifeEventKind::EducationStarted,
    LifeEventKind::EducationCompleted,
    LifeEventKind::JobStarted,
    LifeEventKind::VolunteerWork,
    LifeEventKind::NewRelation,
    LifeEventKind::NewActivity,
];

/// The column after the kinds: people with at least one of them.
pub const ANY: &str = "any";

/// One site's (or the overall) life outcomes as published.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeCounts {
    pub site: String,
    /// The people followed.
    pub followed: Cell,
    /// People with each of [`OUTCOME_KINDS`], then with any of them.
    pub counts: Vec<Cell>,
}

/// The life outcomes of a report or programme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LifeOutcomes {
    /// The column codes: each kind's code, then [`ANY`].
    pub kinds: Vec<String>,
    pub sites: Vec<OutcomeCounts>,
    pub overall: OutcomeCounts,
    /// The last day counted (ISO).
    pub until: String,
    /// Counts hidden.
    pub hidden: usize,
}

/// The CHIME profile of a report or programme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChimeProfileSection {
    /// The follow-up compared with the start: a wave code, or `latest` for each person's
    /// latest follow-up.
    pub follow_up: String,
    /// People with a check-in at the start, and at the follow-up.
    pub baseline_people: Cell,
    pub follow_up_people: Cell,
    /// Per process, in CHIME order: the paired people and their means (0–100).
    pub domains: Vec<ChimeCheckInDomain>,
    pub hidden: usize,
}

/// Both sections.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomesSection {
    pub life: LifeOutcomes,
    pub chime: ChimeProfileSection,
    pub rules: SuppressionRules,
    /// Counts hidden in both.
    pub hidden: usize,
}

/// A person followed: their site (an index into the site names) and the day their course started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Followed {
    pub site: usize,
    pub start: Date,
}

/// Published life outcomes: `people` by id, `events` as (person, kind, day); an event counts
/// when it falls from the person's start to `until`.
pub fn life_outcomes(
    site_names: &[String],
    people: &HashMap<String, Followed>,
    events: &[(String, LifeEventKind, Date)],
    until: Date,
    rules: &SuppressionRules,
) -> LifeOutcomes {
    let k = OUTCOME_KINDS.len();
    let mut followed = vec![0u64; site_names.len()];
    for p in people.values() {
        if let Some(f) = followed.get_mut(p.site) {
            *f += 1;
        }
    }
    // Per person, the kinds they had (bit i: kind i).
    let mut had: HashMap<&str, u32> = HashMap::new();
    for (id, kind, on) in events {
        let (Some(p), Some(i)) = (people.get(id), OUTCOME_KINDS.iter().position(|x| x == kind)) else { continue };
        if *on >= p.start && *on <= until {
            *had.entry(id.as_str()).or_default() |= 1 << i;
        }
    }
    let mut counts = vec![vec![0u64; k + 1]; site_names.len()];
    for (id, bits) in &had {
        let Some(row) = people.get(*id).and_then(|p| counts.get_mut(p.site)) else { continue };
        for (i, c) in row.iter_mut().take(k).enumerate() {
            if bits & (1 << i) != 0 {
                *c += 1;
            }
        }
        row[k] += 1;
    }
    let mut kinds: Vec<String> = OUTCOME_KINDS.iter().map(|x| x.code().to_owned()).collect();
    kinds.push(ANY.to_owned());
    // Each column on its own: the sites of one kind add up to its overall count, which is
    // published, so a hidden site must not be had from the others and the overall. The kinds
    // do not add up to anything published (a person can have several), so no table spans them.
    let column = |label: &str, values: Vec<u64>| -> (Vec<Cell>, Cell) {
        if values.iter().all(|v| *v == 0) {
            return (vec![Cell::Shown(0); values.len()], Cell::Shown(0));
        }
        match suppress_table(&CountTable::one_way(label, site_names.to_vec(), values), rules) {
            Ok(o) => {
                (o.table.cells.into_iter().next().unwrap_or_default(), o.table.row_totals.first().copied().unwrap_or(Cell::Suppressed))
            }
            // Only malformed input fails, which this is not; hide the column rather than risk it.
            Err(_) => (vec![Cell::Suppressed; site_names.len()], Cell::Suppressed),
        }
    };
    let (followed_sites, followed_overall) = column("followed", followed);
    let mut site_counts = vec![Vec::with_capacity(k + 1); site_names.len()];
    let mut overall_counts = Vec::with_capacity(k + 1);
    for (j, kind) in kinds.iter().enumerate() {
        let (cells, total) = column(kind, counts.iter().map(|row| row[j]).collect());
        for (i, c) in cells.into_iter().enumerate() {
            if let Some(row) = site_counts.get_mut(i) {
                row.push(c);
            }
        }
        overall_counts.push(total);
    }
    let sites: Vec<OutcomeCounts> = site_names
        .iter()
        .zip(site_counts)
        .enumerate()
        .map(|(i, (s, counts))| OutcomeCounts {
            site: s.clone(),
            followed: followed_sites.get(i).copied().unwrap_or(Cell::Suppressed),
            counts,
        })
        .collect();
    let overall = OutcomeCounts { site: String::new(), followed: followed_overall, counts: overall_counts };
    let hidden = sites.iter().chain([&overall]).map(|r| r.counts.iter().chain([&r.followed]).filter(|c| c.is_suppressed()).count()).sum();
    LifeOutcomes { kinds, sites, overall, until: format_date(until), hidden }
}

/// The five subscale scores of a stored check-in result, in CHIME order. A result stored
/// before the check-in had subscales is scored again from its item scores.
pub fn domain_scores(def: &Definition, r: &ScoreResult) -> [Option<f64>; 5] {
    let again;
    let subscales = if r.subscales.is_empty() {
        again = subscale_scores(def, &r.item_scores);
        &again
    } else {
        &r.subscales
    };
    ChimeDomain::ALL.map(|d| subscales.iter().find(|s| s.id == d.code()).and_then(|s| s.score))
}

/// The published CHIME profile: each person's scores at the start and at the follow-up.
pub fn chime_profile(follow_up: &str, people: &[ChimePair], rules: &SuppressionRules) -> ChimeProfileSection {
    let count = |n: usize| {
        let n = n as u64;
        if n > 0 && n < rules.min_count { Cell::Suppressed } else { Cell::Shown(n) }
    };
    let baseline_people = count(people.iter().filter(|p| p.baseline.is_some()).count());
    let follow_up_people = count(people.iter().filter(|p| p.follow_up.is_some()).count());
    let domains = chime_check_in_profile(people, rules);
    let hidden = [baseline_people, follow_up_people].iter().chain(domains.iter().map(|d| &d.people)).filter(|c| c.is_suppressed()).count();
    ChimeProfileSection { follow_up: follow_up.to_owned(), baseline_people, follow_up_people, domains, hidden }
}

/// What the outcomes are computed over.
pub struct Scope<'a> {
    pub orgs: &'a [OrgId],
    pub programme: Option<ProgrammeId>,
    /// Site key (organisation or programme id) → name.
    pub names: &'a BTreeMap<String, String>,
    /// Whether the sites are programmes (else organisations).
    pub by_programme: bool,
}

/// Reads the life outcomes and CHIME check-ins of `people` (id, organisation, programme, start)
/// and publishes them. `follow_up` is a wave, or `None` for each person's latest follow-up.
fn compute(
    conn: &mut DbConnection,
    scope: &Scope<'_>,
    people: Vec<(String, String, Option<String>, i64)>,
    follow_up: Option<&str>,
    until: Date,
    rules: &SuppressionRules,
    zone: &Zone,
) -> AppResult<OutcomesSection> {
    let mut site_names: Vec<String> = scope.names.values().cloned().collect();
    site_names.sort();
    site_names.dedup();
    let site_of_key: HashMap<&str, usize> =
        scope.names.iter().filter_map(|(k, v)| Some((k.as_str(), site_names.iter().position(|n| n == v)?))).collect();
    let mut followed: HashMap<String, Followed> = HashMap::new();
    for (id, org, programme, started) in people {
        let key = if scope.by_programme { programme } else { Some(org) };
        let Some(site) = key.as_deref().and_then(|k| site_of_key.get(k)).copied() else { continue };
        followed.insert(id, Followed { site, start: Timestamp(started).date_in(zone) });
    }
    let events: Vec<(String, LifeEventKind, Date)> = so::outcome_events(conn, scope.orgs, &OUTCOME_KINDS, until)?
        .into_iter()
        .map(|(p, k, d)| (p.to_string(), k.get(), d.get()))
        .collect();
    let life = life_outcomes(&site_names, &followed, &events, until, rules);

    let def = shipped_definition(CHECK_IN, None)?;
    let waves: Vec<&str> = match follow_up {
        Some(w) => vec![BASELINE, w],
        None => Vec::new(),
    };
    let answers =
        so::wave_answers(conn, scope.orgs, scope.programme, (def.id.as_str(), def.version.as_str()), follow_up.map(|_| waves.as_slice()))?;
    // Per person: the start's scores, and the follow-up's (the latest one when no wave is named).
    type Scores = [Option<f64>; 5];
    type Pair = (Option<Scores>, Option<(i64, Scores)>);
    let mut pairs: HashMap<String, Pair> = HashMap::new();
    for (p, wave, json, completed) in answers {
        let id = p.to_string();
        if !followed.contains_key(&id) {
            continue;
        }
        let Ok(result) = serde_json::from_str::<ScoreResult>(&json) else { continue };
        let scores = domain_scores(def, &result);
        let entry = pairs.entry(id).or_default();
        if wave == BASELINE {
            entry.0 = Some(scores);
        } else if follow_up.is_none_or(|w| w == wave) {
            let at = completed.unwrap_or(0);
            if entry.1.as_ref().is_none_or(|(t, _)| at >= *t) {
                entry.1 = Some((at, scores));
            }
        }
    }
    let people: Vec<ChimePair> = pairs.into_values().map(|(b, f)| ChimePair { baseline: b, follow_up: f.map(|(_, s)| s) }).collect();
    let chime = chime_profile(follow_up.unwrap_or("latest"), &people, rules);
    let hidden = life.hidden + chime.hidden;
    Ok(OutcomesSection { life, chime, rules: *rules, hidden })
}

/// The report's outcomes: the people of the report's flow (`people`, as the report read them:
/// per organisation, each course's person, programme, start and end), compared at the
/// report's wave, counted up to the end of the period (or `today`).
#[allow(clippy::too_many_arguments)]
pub fn for_report(
    conn: &mut DbConnection,
    scope: &Scope<'_>,
    people: &[(String, Vec<sammen_store::measurement::ReportCourse>)],
    wave: &str,
    to: Option<Date>,
    today: Date,
    rules: &SuppressionRules,
    zone: &Zone,
) -> AppResult<OutcomesSection> {
    let flat = people
        .iter()
        .flat_map(|(org, courses)| {
            courses.iter().filter_map(move |(id, programme, started, _)| Some((id.clone(), org.clone(), programme.clone(), (*started)?)))
        })
        .collect();
    let until = to.map_or(today, |t| t.min(today));
    compute(conn, scope, flat, Some(wave), until, rules, zone)
}

/// A programme's outcomes for its page: everyone who started, up to today, each person's
/// latest follow-up beside their start. `None` when the actor may not see reports of the
/// programme's organisation (nothing is read then). Read on the read pool; released only
/// after its audit record (an aggregate read of the programme) has committed.
pub async fn for_programme(app: &App, ctx: &Ctx, id: ProgrammeId) -> AppResult<Option<OutcomesSection>> {
    let now = app.now();
    let zone = app.zone(ctx).await?;
    let today = zone.today(now);
    let found = app.db.read(move |c| -> AppResult<_> { Ok(sammen_store::directory::programme(c, id)?) }).await?;
    let Some(programme) = found else {
        let (ctx, subject) = (ctx.clone(), Subject::within("report", ctx.org));
        return Err(app
            .db
            .write(move |tx| -> AppResult<AppError> { Ok(ctx.refuse(tx, now, AuditAction::Read, subject, AppError::NotFound)) })
            .await?);
    };
    let org: OrgId = programme.organisation_id.get();
    let Ok(basis) = policy::view_report(&ctx.actor, org) else { return Ok(None) };
    let rules = SuppressionRules::default();
    let section = app
        .db
        .read(move |c| -> AppResult<OutcomesSection> {
            let names = BTreeMap::from([(id.to_string(), programme.name.clone())]);
            let orgs = [org];
            let scope = Scope { orgs: &orgs, programme: Some(id), names: &names, by_programme: true };
            let people = so::followed(c, &orgs, Some(id), None, None)?
                .into_iter()
                .map(|(p, o, prog, started)| (p.to_string(), o.to_string(), prog.map(|x| x.to_string()), started))
                .collect();
            compute(c, &scope, people, None, today, &rules, &zone)
        })
        .await?;
    let event = ctx.ok_as(
        now,
        AuditAction::Read,
        "report",
        Some(id.to_string()),
        Some(org.to_string()),
        basis,
        &format!("programme_outcomes;suppressed={}", section.hidden),
    );
    app.db
        .write(move |tx| -> AppResult<()> {
            tx.audit(event);
            Ok(())
        })
        .await?;
    Ok(Some(section))
}

// ------------------------------------------------------------------ the document

struct Words<'a> {
    i18n: &'a I18n,
    lang: Lang,
    style: NumberStyle,
}

impl Words<'_> {
    fn t(&self, id: &str) -> String {
        self.i18n.t(self.lang, id)
    }
    fn a(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.i18n.t_args(self.lang, id, args)
    }
    fn n(&self, x: f64, decimals: usize) -> String {
        self.style.format(x, decimals)
    }
    fn count(&self, c: Cell) -> RCell {
        match c.shown() {
            Some(v) => RCell::number(v.to_string(), v as f64),
            None => RCell::text(SUPPRESSED_MARKER),
        }
    }
    /// A count with its share of those followed: "7 (35 %)".
    fn share(&self, c: Cell, of: Cell) -> RCell {
        match (c.shown(), of.shown()) {
            (Some(v), Some(n)) if n > 0 => RCell::number(format!("{v} ({} %)", self.n(v as f64 / n as f64 * 100.0, 0)), v as f64),
            _ => self.count(c),
        }
    }
    fn mean(&self, x: Option<f64>) -> RCell {
        match x {
            Some(v) => RCell::number(self.n(v, 1), v),
            None => RCell::text("–"),
        }
    }
    fn wave(&self, w: &str) -> String {
        if w == "latest" { self.t("outcomes-latest-follow-up") } else { wave_text(self.i18n, self.lang, w) }
    }
}

/// The name of a life-outcome column.
fn kind_label(w: &Words<'_>, code: &str) -> String {
    if code == ANY { w.t("outcomes-any") } else { w.t(&format!("lifeevent-{code}")) }
}

/// The life-outcome and CHIME-profile sections as document blocks (headings at `level`).
pub fn blocks(s: Option<&OutcomesSection>, level: u8, i18n: &I18n, lang: Lang) -> Vec<Block> {
    let Some(s) = s else { return Vec::new() };
    let w = Words { i18n, lang, style: if lang == Lang::Da { NumberStyle::Danish } else { NumberStyle::English } };
    let mut b = Vec::new();
    life_blocks(&w, &s.life, &s.rules, level, &mut b);
    chime_blocks(&w, &s.chime, &s.rules, level, &mut b);
    b
}

fn life_blocks(w: &Words<'_>, life: &LifeOutcomes, rules: &SuppressionRules, level: u8, b: &mut Vec<Block>) {
    b.push(Block::Heading(level, w.t("outcomes-life")));
    b.push(Block::Paragraph(w.a("outcomes-life-how", &[("until", Arg::from(life.until.as_str()))])));
    let row = |r: &OutcomeCounts, name: &str| -> Vec<RCell> {
        let mut v = vec![RCell::text(name), w.count(r.followed)];
        v.extend(r.counts.iter().map(|c| w.share(*c, r.followed)));
        v
    };
    let mut rows: Vec<Vec<RCell>> = life.sites.iter().map(|r| row(r, &r.site)).collect();
    rows.push(row(&life.overall, &w.t("rpt-overall")));
    let mut columns = vec![Column::left(w.t("rpt-site")), Column::right(w.t("outcomes-followed")).fixed(0)];
    columns.extend(life.kinds.iter().map(|k| Column::right(kind_label(w, k)).fixed(0)));
    b.push(Block::Table(Table {
        caption: w.t("outcomes-life-table"),
        columns,
        rows,
        footnote: Some(w.a("outcomes-life-note", &[("min", Arg::from(rules.min_count))])),
    }));
    let n = life.overall.followed.shown().unwrap_or(0);
    if n > 0 {
        let bars = life
            .kinds
            .iter()
            .zip(&life.overall.counts)
            .map(|(k, c)| Bar {
                label: kind_label(w, k),
                value: c.shown().map_or(BarValue::Suppressed { below: rules.min_count as f64 / n as f64 * 100.0 }, |v| {
                    BarValue::Value(v as f64 / n as f64 * 100.0)
                }),
                text: c.shown().map_or_else(|| SUPPRESSED_MARKER.to_owned(), |v| format!("{} %", w.n(v as f64 / n as f64 * 100.0, 0))),
            })
            .collect();
        b.push(Block::Chart(Chart {
            title: w.t("outcomes-life-chart"),
            description: w.a("outcomes-life-chart-desc", &[("n", Arg::from(n))]),
            x_label: w.t("rpt-share"),
            y_label: String::new(),
            numbers: w.style,
            kind: ChartKind::Bars(Bars { bars, max: Some(100.0) }),
        }));
    }
}

fn chime_blocks(w: &Words<'_>, c: &ChimeProfileSection, rules: &SuppressionRules, level: u8, b: &mut Vec<Block>) {
    let follow_up = w.wave(&c.follow_up);
    b.push(Block::Heading(level, w.t("outcomes-chime")));
    b.push(Block::Note(w.t("rpt-change-not-effect")));
    b.push(Block::Note(w.t("outcomes-chime-not-validated")));
    let people = |x: Cell| x.shown().map_or_else(|| SUPPRESSED_MARKER.to_owned(), |v| v.to_string());
    b.push(Block::Paragraph(w.a(
        "outcomes-chime-how",
        &[
            ("baseline", Arg::from(people(c.baseline_people))),
            ("followup", Arg::from(people(c.follow_up_people))),
            ("wave", Arg::from(follow_up.as_str())),
            ("stats", Arg::from(rules.min_group_for_statistics)),
        ],
    )));
    let rows = c
        .domains
        .iter()
        .map(|d| {
            vec![
                RCell::text(w.t(&format!("chime-{}", d.domain))),
                w.count(d.people),
                w.mean(d.baseline),
                w.mean(d.follow_up),
                w.mean(d.change),
            ]
        })
        .collect();
    b.push(Block::Table(Table {
        caption: w.t("outcomes-chime-table"),
        columns: vec![
            Column::left(w.t("outcomes-chime-domain")),
            Column::right("n").fixed(0),
            Column::right(w.a("rpt-mean-at", &[("wave", Arg::from(w.wave(BASELINE)))])).fixed(1),
            Column::right(w.a("rpt-mean-at", &[("wave", Arg::from(follow_up.as_str()))])).fixed(1),
            Column::right(w.t("rpt-mean-change")).fixed(1),
        ],
        rows,
        footnote: Some(w.a("outcomes-chime-note", &[("stats", Arg::from(rules.min_group_for_statistics))])),
    }));
    if c.domains.iter().any(|d| d.baseline.is_some()) {
        b.push(Block::Chart(Chart {
            title: w.t("outcomes-chime-chart"),
            description: w.a("outcomes-chime-chart-desc", &[("wave", Arg::from(follow_up.as_str()))]),
            x_label: w.t("outcomes-chime-domain"),
            y_label: w.t("outcomes-chime-score"),
            numbers: w.style,
            kind: ChartKind::Lines(Lines {
                categories: c.domains.iter().map(|d| w.t(&format!("chime-{}", d.domain))).collect(),
                series: vec![
                    Series { name: w.wave(BASELINE), values: c.domains.iter().map(|d| d.baseline).collect() },
                    Series { name: follow_up.clone(), values: c.domains.iter().map(|d| d.follow_up).collect() },
                ],
                y_range: (0.0, 100.0),
                band: None,
            }),
        }));
    }
}

/// The sections' figures as rows of the report's CSV (`measure,group,label,value`): a
/// hidden count is `x`, a mean that may not be shown has no row.
pub fn write_csv(out: &mut CsvWriter, s: Option<&OutcomesSection>) {
    let Some(s) = s else { return };
    let mut row = |measure: &str, site: Option<&str>, value: CsvField<'_>| {
        let (group, label) = site.map_or(("overall", ""), |n| ("site", n));
        out.row([CsvField::Text(measure), CsvField::Text(group), CsvField::Text(label), value]);
    };
    let cell = |c: Cell| c.shown().map_or(CsvField::Text(SUPPRESSED_MARKER), CsvField::from);
    let rows = s.life.sites.iter().map(|r| (r, Some(r.site.as_str()))).chain([(&s.life.overall, None)]);
    for (r, site) in rows {
        row("life_followed", site, cell(r.followed));
        for (k, c) in s.life.kinds.iter().zip(&r.counts) {
            row(&format!("life_outcome:{k}"), site, cell(*c));
        }
    }
    row("chime_baseline_people", None, cell(s.chime.baseline_people));
    row(&format!("chime_follow_up_people:{}", s.chime.follow_up), None, cell(s.chime.follow_up_people));
    for d in &s.chime.domains {
        row(&format!("chime_n:{}", d.domain), None, cell(d.people));
        for (m, v) in [("chime_mean_baseline", d.baseline), ("chime_mean_follow_up", d.follow_up), ("chime_mean_change", d.change)] {
            if let Some(v) = v.filter(|v| v.is_finite()) {
                row(&format!("{m}:{}", d.domain), None, CsvField::Number(v));
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use time::macros::date;

    fn person(site: usize) -> Followed {
        Followed { site, start: date!(2026 - 01 - 10) }
    }

    #[test]
    fn a_person_counts_once_per_kind_and_only_from_their_start_to_the_end() {
        let names = vec!["A".to_owned()];
        let people: HashMap<String, Followed> = (0..12).map(|i| (format!("p{i}"), person(0))).collect();
        let mut events = Vec::new();
        for i in 0..6 {
            events.push((format!("p{i}"), LifeEventKind::JobStarted, date!(2026 - 03 - 01)));
            events.push((format!("p{i}"), LifeEventKind::JobStarted, date!(2026 - 04 - 01)));
        }
        // Before the start and after the end: not counted.
        events.push(("p7".into(), LifeEventKind::JobStarted, date!(2025 - 12 - 01)));
        events.push(("p8".into(), LifeEventKind::JobStarted, date!(2026 - 07 - 01)));
        // Someone not followed: not counted.
        events.push(("zz".into(), LifeEventKind::JobStarted, date!(2026 - 03 - 01)));
        let r = life_outcomes(&names, &people, &events, date!(2026 - 06 - 30), &SuppressionRules::default());
        let job = OUTCOME_KINDS.iter().position(|k| *k == LifeEventKind::JobStarted).unwrap();
        assert_eq!(r.overall.followed, Cell::Shown(12));
        assert_eq!(r.overall.counts[job], Cell::Shown(6));
        assert_eq!(r.overall.counts[OUTCOME_KINDS.len()], Cell::Shown(6), "any outcome");
        assert_eq!(r.overall.counts[0], Cell::Shown(0), "zeros are shown");
    }
}
