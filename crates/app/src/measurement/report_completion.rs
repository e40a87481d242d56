//! Follow-up completion in evaluation reports: the same figures as a programme's completeness
//! page (due, answered, the rate against the plans' target, and the rate over the weeks since
//! each wave fell due), for the report's instrument and scope, so an evaluation sees early when
//! a wave is heading for the attrition flags. Counts only, never a person; a wave with fewer
//! due than the report's smallest shown count is hidden.

use sammen_domain::measurement::completeness::{Invited, WaveCompleteness, combine, completeness, weeks_followed};
use sammen_domain::time::Timestamp;
use sammen_domain::{OrgId, ProgrammeId};
use sammen_evaluation::attrition::HIGH_ATTRITION_BELOW;
use sammen_evaluation::{SUPPRESSED_MARKER, SuppressionRules};
use sammen_i18n::{Arg, I18n, Lang};
use sammen_reports::{Block, Cell as RCell, Chart, ChartKind, Column, CsvField, CsvWriter, Lines, NumberStyle, Series, Table};
use sammen_store::DbConnection;
use sammen_store::measurement::completeness as sc;
use serde::Serialize;

use crate::AppResult;
use crate::measurement::report::wave_text;

/// One wave's completion in a report.
#[derive(Debug, Clone, Serialize)]
pub struct CompletionWave {
    pub wave: String,
    /// Hidden: fewer due than the smallest count a report shows.
    pub suppressed: bool,
    pub due: Option<u64>,
    pub answered: Option<u64>,
    /// Answered over due, 0 to 1.
    pub rate: Option<f64>,
    /// The plans' target, 0 to 1 (the strictest where plans differ).
    pub target: f64,
    pub below_target: bool,
    /// Below the share at which the report flags high attrition.
    pub attrition_flag: bool,
    /// The cumulative rate after 1, 2, … weeks since due.
    pub over_time: Vec<Option<f64>>,
}

/// The report's completion section.
#[derive(Debug, Clone, Serialize)]
pub struct CompletionSection {
    pub waves: Vec<CompletionWave>,
    /// How many waves were hidden as too small.
    pub hidden: usize,
    /// The completion share under which attrition is flagged (0 to 1).
    pub attrition_below: f64,
}

/// The completion figures of the plans of `instrument` in the report's organisations (and
/// programme): two queries whatever the number of people. `None` when no plan measures it.
pub fn section(
    conn: &mut DbConnection,
    orgs: &[OrgId],
    programme: Option<ProgrammeId>,
    instrument: &str,
    rules: &SuppressionRules,
    now: Timestamp,
) -> AppResult<Option<CompletionSection>> {
    let plans = sc::report_plans(conn, orgs, programme, instrument)?;
    if plans.is_empty() {
        return Ok(None);
    }
    let ids: Vec<_> = plans.iter().map(|p| p.id.get()).collect();
    let invited = sc::report_invited(conn, &ids)?;
    let weeks = plans.iter().map(|p| weeks_followed(u32::try_from(p.valid_days).unwrap_or(28))).max().unwrap_or(4);
    let mut all: Vec<WaveCompleteness> = Vec::new();
    for p in &plans {
        let facts: Vec<Invited> = invited
            .iter()
            .filter(|i| i.plan_id == p.id)
            .map(|i| Invited {
                wave: i.wave.clone(),
                due_at: Timestamp(i.due_at),
                status: i.status.get(),
                answered_at: i.completed_at.map(Timestamp),
                not_reachable: i.not_reachable,
            })
            .collect();
        let reminder = u32::try_from(p.reminder_days).unwrap_or(7);
        let target = u32::try_from(p.target_percent).unwrap_or(80);
        all.extend(completeness(&facts, reminder, target, weeks, now));
    }
    Ok(Some(summarise(&combine(&all), rules)))
}

/// Applies the report's suppression to combined wave figures.
pub fn summarise(waves: &[WaveCompleteness], rules: &SuppressionRules) -> CompletionSection {
    let mut hidden = 0;
    let waves = waves
        .iter()
        .filter(|w| w.due > 0)
        .map(|w| {
            let suppressed = w.due < rules.min_count;
            hidden += usize::from(suppressed);
            CompletionWave {
                wave: w.wave.clone(),
                suppressed,
                due: (!suppressed).then_some(w.due),
                answered: (!suppressed).then_some(w.answered),
                rate: if suppressed { None } else { w.rate },
                target: w.target,
                below_target: !suppressed && w.below_target(),
                attrition_flag: !suppressed && w.below(HIGH_ATTRITION_BELOW),
                over_time: if suppressed { Vec::new() } else { w.over_time.clone() },
            }
        })
        .collect();
    CompletionSection { waves, hidden, attrition_below: HIGH_ATTRITION_BELOW }
}

fn percent(style: NumberStyle, x: f64) -> String {
    format!("{} %", style.format(x * 100.0, 0))
}

/// The section's blocks in the report's language: a table of each wave's figures, a chart of
/// the rate over the weeks since due against the target, and a note on waves below target.
pub fn blocks(s: Option<&CompletionSection>, i18n: &I18n, lang: Lang) -> Vec<Block> {
    let Some(s) = s else { return Vec::new() };
    let style = if lang == Lang::Da { NumberStyle::Danish } else { NumberStyle::English };
    let t = |id: &str| i18n.t(lang, id);
    let mut b = vec![Block::Heading(1, t("rpt-followup")), Block::Paragraph(t("rpt-followup-how"))];
    if s.waves.is_empty() {
        b.push(Block::Paragraph(t("rpt-followup-none")));
        return b;
    }
    let flagged: Vec<String> = s.waves.iter().filter(|w| w.attrition_flag).map(|w| wave_text(i18n, lang, &w.wave)).collect();
    let below: Vec<String> =
        s.waves.iter().filter(|w| w.below_target && !w.attrition_flag).map(|w| wave_text(i18n, lang, &w.wave)).collect();
    if !flagged.is_empty() {
        let args = [("waves", Arg::from(flagged.join(", "))), ("share", Arg::from(percent(style, s.attrition_below)))];
        b.push(Block::Note(i18n.t_args(lang, "rpt-followup-flag", &args)));
    }
    if !below.is_empty() {
        b.push(Block::Note(i18n.t_args(lang, "rpt-followup-below", &[("waves", Arg::from(below.join(", ")))])));
    }
    let count = |n: Option<u64>| n.map_or_else(|| RCell::text(SUPPRESSED_MARKER), |n| RCell::number(n.to_string(), n as f64));
    let rows = s
        .waves
        .iter()
        .map(|w| {
            let status = if w.suppressed {
                t("rpt-followup-hidden")
            } else if w.attrition_flag {
                t("rpt-followup-status-flag")
            } else if w.below_target {
                t("rpt-followup-status-below")
            } else {
                t("rpt-followup-status-ok")
            };
            vec![
                RCell::text(wave_text(i18n, lang, &w.wave)),
                count(w.due),
                count(w.answered),
                w.rate.map_or_else(
                    || RCell::text(if w.suppressed { SUPPRESSED_MARKER } else { "–" }),
                    |r| RCell::number(percent(style, r), r),
                ),
                RCell::number(percent(style, w.target), w.target),
                RCell::text(status),
            ]
        })
        .collect();
    b.push(Block::Table(Table {
        caption: t("rpt-followup-table"),
        columns: vec![
            Column::left(t("rpt-followup-wave")),
            Column::right(t("rpt-followup-due")),
            Column::right(t("rpt-followup-answered")),
            Column::right(t("rpt-followup-rate")).percent(0),
            Column::right(t("rpt-followup-target")).percent(0),
            Column::left(t("rpt-followup-status")),
        ],
        rows,
        footnote: (s.hidden > 0).then(|| t("rpt-followup-hidden-note")),
    }));
    if let Some(chart) = chart(s, i18n, lang, style) {
        b.push(Block::Chart(chart));
    }
    b
}

/// The rate over the weeks since due, one line per shown wave, with the target as a line.
pub fn chart(s: &CompletionSection, i18n: &I18n, lang: Lang, style: NumberStyle) -> Option<Chart> {
    let shown: Vec<&CompletionWave> = s.waves.iter().filter(|w| !w.suppressed && w.over_time.iter().any(Option::is_some)).collect();
    let weeks = shown.iter().map(|w| w.over_time.len()).max()?;
    let categories: Vec<String> = (1..=weeks).map(|k| i18n.t_args(lang, "rpt-followup-week", &[("n", Arg::from(k as i64))])).collect();
    let mut series: Vec<Series> = shown
        .iter()
        .map(|w| Series { name: wave_text(i18n, lang, &w.wave), values: w.over_time.iter().map(|r| r.map(|r| r * 100.0)).collect() })
        .collect();
    let target = shown.iter().map(|w| w.target).fold(0.0, f64::max);
    series.push(Series {
        name: i18n.t_args(lang, "rpt-followup-target-line", &[("share", Arg::from(percent(style, target)))]),
        values: vec![Some(target * 100.0); weeks],
    });
    let description = shown
        .iter()
        .map(|w| {
            let last = w.over_time.iter().rev().find_map(|r| *r);
            format!("{}: {}", wave_text(i18n, lang, &w.wave), last.map_or_else(|| "–".to_owned(), |r| percent(style, r)))
        })
        .collect::<Vec<_>>()
        .join(", ");
    Some(Chart {
        title: i18n.t(lang, "rpt-followup-chart"),
        description,
        x_label: i18n.t(lang, "rpt-followup-weeks"),
        y_label: i18n.t(lang, "rpt-followup-rate"),
        numbers: style,
        kind: ChartKind::Lines(Lines { categories, series, y_range: (0.0, 100.0), band: None }),
    })
}

/// The section's figures as CSV rows (`measure,group,label,value`), one set per wave:
/// `completion_due:<wave>`, `completion_answered:<wave>`, `completion_rate:<wave>` (a share)
/// and `completion_target:<wave>`; a hidden wave's counts are `x`.
pub fn write_csv(out: &mut CsvWriter, s: Option<&CompletionSection>) {
    let Some(s) = s else { return };
    let mut row = |measure: String, value: CsvField<'_>| {
        out.row([CsvField::Text(&measure), CsvField::Text("overall"), CsvField::Text(""), value]);
    };
    for w in &s.waves {
        let hidden = || CsvField::Text(SUPPRESSED_MARKER);
        row(format!("completion_due:{}", w.wave), w.due.map_or_else(hidden, |n| CsvField::Number(n as f64)));
        row(format!("completion_answered:{}", w.wave), w.answered.map_or_else(hidden, |n| CsvField::Number(n as f64)));
        if let Some(r) = w.rate {
            row(format!("completion_rate:{}", w.wave), CsvField::Number(r));
        }
        row(format!("completion_target:{}", w.wave), CsvField::Number(w.target));
    }
}
