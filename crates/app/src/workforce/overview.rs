//! The workforce overview: head count and hours by engagement and by role,
//! training coverage, supervision compliance and turnover of one organisation, on screen and
//! as CSV and XLSX. Figures about staff, counted from their engagements; every look and every
//! export is audited.

use std::collections::{BTreeMap, HashMap};

use sammen_domain::PeerWorkerId;
use sammen_domain::audit::AuditAction;
use sammen_domain::policy;
use sammen_domain::time::Timestamp;
use sammen_domain::workforce::roles::{EngagementFact, WorkforceFigures, workforce_figures};
use sammen_reports::{CsvError, CsvField, CsvWriter, NumberStyle};
use sammen_store::{StoreError, Unstore, workforce::roles as sw};

use crate::{App, AppError, AppResult, Ctx, Subject};

/// Training coverage: of the peer workers whose roles in force require training, how many
/// hold every required certificate.
///
/// The one definition of *trained* on the overview, its key figure, table, chart, CSV, XLSX,
/// PDF and API alike: a peer worker with an engagement in force today (the head count's
/// people) whose roles in force require training is trained when every required training has a
/// certificate that counts today (valid or expiring, not expired); the rule
/// `sammen_domain::workforce::training::missing_training` that matching and every assignment
/// ask. Peers whose roles require nothing are in neither number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TrainingCoverage {
    pub required: usize,
    pub trained: usize,
}

impl TrainingCoverage {
    /// The peers with requirements who lack some of it.
    pub fn untrained(self) -> usize {
        self.required.saturating_sub(self.trained)
    }
    /// Trained of required, as a fraction; none when nobody's role requires training.
    pub fn share(self) -> Option<f64> {
        (self.required > 0).then(|| self.trained.min(self.required) as f64 / self.required as f64)
    }
}

/// Supervision compliance of one kind of supervision: peer workers whose roles require it,
/// split into those on time and those overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupervisionCompliance {
    /// The kind's code (`professional`, `managerial`).
    pub kind: String,
    pub on_time: usize,
    pub overdue: usize,
}

/// The overview of an organisation on a day.
#[derive(Debug, Clone)]
pub struct Overview {
    pub figures: WorkforceFigures,
    /// Role keys to the current titles.
    pub role_titles: HashMap<String, String>,
    pub training: TrainingCoverage,
    pub supervision: Vec<SupervisionCompliance>,
    pub made_at: Timestamp,
}

impl Overview {
    /// A role key's title, or the key itself for a role that no longer exists.
    pub fn role_title(&self, key: &str) -> String {
        self.role_titles.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }
}

/// The overview of the active organisation today. `export` records the access as an export.
pub async fn overview(app: &App, ctx: &Ctx, export: bool) -> AppResult<Overview> {
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let action = if export { AuditAction::Export } else { AuditAction::Read };
    app.db
        .audited_read(move |tx| -> AppResult<Overview> {
            let now = app2.now();
            let Ok(basis) = policy::view_workforce(&ctx.actor, org) else {
                return Err(ctx.refuse(tx, now, action, Subject::within("workforce_overview", Some(org)), AppError::Forbidden));
            };
            let engagements = sw::engagements_of_org(tx.conn(), org)?;
            // The figures name peers by their id's text; the trained rule takes the ids.
            let peer_ids: BTreeMap<String, PeerWorkerId> = engagements.iter().map(|e| (e.peer_id.to_string(), e.peer_id.get())).collect();
            let facts = engagements
                .into_iter()
                .map(|e| {
                    Ok(EngagementFact {
                        kind: e.kind.get(),
                        hours_per_week: e.hours_per_week,
                        starts_on: *e.starts_on,
                        ends_on: e.ends_on.get(),
                        role_key: e.role_key,
                        peer: e.peer_id.to_string(),
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            let today = crate::zone::today_in(tx.conn(), Some(org), now)?;
            let figures = workforce_figures(&facts, today);
            let role_titles = sw::current_roles(tx.conn(), org)?.into_iter().map(|r| (r.role_key, r.title)).collect();
            let people: Vec<PeerWorkerId> = figures.people.iter().filter_map(|p| peer_ids.get(p).copied()).collect();
            let training = training_coverage(tx.conn(), &people, today)?;
            let due = crate::workforce::supervision::due_rows(tx.conn(), org, now)?;
            let supervision = crate::workforce::supervision::compliance_counts(&due)
                .into_iter()
                .map(|k| SupervisionCompliance { kind: k.kind.code().to_owned(), on_time: k.on_time, overdue: k.overdue })
                .collect();
            tx.audit(ctx.ok(now, action, "workforce_overview", None, Some(org.to_string()), basis));
            Ok(Overview { figures, role_titles, training, supervision, made_at: now })
        })
        .await
}

/// Of the peers with an engagement in force whose roles require training, how many hold
/// every required certificate today (the rule `app::training` enforces at assignment).
fn training_coverage(
    conn: &mut sammen_store::DbConnection,
    peers: &[PeerWorkerId],
    today: time::Date,
) -> Result<TrainingCoverage, StoreError> {
    let required = crate::workforce::training::required_training_of(conn, peers, today)?;
    let with_requirements = required.len();
    let missing = crate::workforce::training::missing_among(conn, required, today)?;
    Ok(TrainingCoverage { required: with_requirements, trained: with_requirements - missing.len() })
}

/// The overview as CSV in a long, stable shape for other tools: one row per figure with the
/// columns `measure,group,label,value`. `measure` and `group` are codes that do not change
/// with the language; `label` is the role's title where the group is a role. The file is in
/// the reader's dialect (`sammen_reports::CsvWriter`: `;` and decimal commas for Danish).
pub fn csv(o: &Overview, style: NumberStyle) -> Result<Vec<u8>, CsvError> {
    let mut out = CsvWriter::new(style);
    out.row(["measure", "group", "label", "value"].map(CsvField::Text));
    let mut row = |measure: &str, group: &str, label: &str, value: CsvField<'_>| {
        out.row([CsvField::Text(measure), CsvField::Text(group), CsvField::Text(label), value]);
    };
    let f = &o.figures;
    let on = f.on.to_string();
    row("date", "", "", CsvField::Text(&on));
    row("head_count", "all", "", f.head_count.into());
    for (kind, s) in &f.by_kind {
        row("people", kind.code(), "", s.people.into());
        row("hours_per_week", kind.code(), "", s.hours_per_week.into());
    }
    for (key, s) in &f.by_role {
        let (group, label) = match key {
            Some(k) => (format!("role:{k}"), o.role_title(k)),
            None => ("role:none".to_owned(), String::new()),
        };
        row("people", &group, &label, s.people.into());
        row("hours_per_week", &group, &label, s.hours_per_week.into());
    }
    row("training_required", "all", "", o.training.required.into());
    row("training_covered", "all", "", o.training.trained.into());
    for s in &o.supervision {
        row("supervision_on_time", &s.kind, "", s.on_time.into());
        row("supervision_overdue", &s.kind, "", s.overdue.into());
    }
    let t = &f.turnover;
    let period = format!("{}/{}", t.from, t.to);
    row("turnover_at_start", &period, "", t.at_start.into());
    row("turnover_at_end", &period, "", t.at_end.into());
    row("turnover_starters", &period, "", t.starters.into());
    row("turnover_leavers", &period, "", t.leavers.into());
    // A share, rounded as the screen's percentage is not: four decimals.
    row("turnover_rate", &period, "", t.rate().map(|r| (r * 10_000.0).round() / 10_000.0).into());
    out.finish()
}
