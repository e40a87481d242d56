//! The report form's choices: the scopes a user may report on, the follow-up waves the
//! measurement plans in a scope give for an instrument, and each user's last choices.
//!
//! A report compares the baseline with one follow-up wave; a wave no plan in the scope
//! measures is an error naming the field, not an empty report.

use sammen_domain::measurement::{WaveKind, valid_wave, wave_order};
use sammen_domain::policy;
use sammen_domain::{OrgId, ProgrammeId, ValidationErrors};
use sammen_store::DbConnection;
use sammen_store::measurement::costs as sc;

use crate::measurement::report::ReportScope;
use crate::{App, AppError, AppResult, Ctx};

/// Weekly waves are offered up to this many weeks after the start.
const WEEKS_OFFERED: u32 = 52;

/// The follow-up waves of plans as stored (at start, every N weeks, at closure, M months
/// after), in the plans' order, each once.
pub fn plan_waves(schedules: &[sammen_store::measurement::costs::PlanSchedule]) -> Vec<String> {
    let mut out: Vec<WaveKind> = Vec::new();
    for &(_, every, closure, followup) in schedules {
        if let Some(n) = every.and_then(|n| u32::try_from(n).ok()).filter(|n| *n > 0) {
            out.extend((1..).map(|k| k * n).take_while(|w| *w <= WEEKS_OFFERED.max(n)).map(WaveKind::Week));
        }
        if closure {
            out.push(WaveKind::Closure);
        }
        if let Some(m) = followup.and_then(|m| u32::try_from(m).ok()).filter(|m| *m > 0) {
            out.push(WaveKind::FollowUp(m));
        }
    }
    let mut labels: Vec<String> = out.into_iter().map(WaveKind::label).collect();
    labels.sort_by_key(|w| wave_order(w));
    labels.dedup();
    labels
}

/// The waves of the plans measuring `instrument` in the organisations (or the programme).
pub(crate) fn waves_in(
    conn: &mut DbConnection,
    orgs: &[OrgId],
    programme: Option<ProgrammeId>,
    instrument: &str,
) -> AppResult<Vec<String>> {
    Ok(plan_waves(&sc::plan_schedules(conn, orgs, programme, instrument)?))
}

/// Refuses a wave that no plan in scope measures, naming the field. With no plan at all for the
/// instrument (a report read for its interview studies, or of answers imported without a plan)
/// any well-formed follow-up wave is accepted, as the report then says how few answered it.
pub(crate) fn check_wave(
    conn: &mut DbConnection,
    orgs: &[OrgId],
    programme: Option<ProgrammeId>,
    instrument: &str,
    wave: &str,
) -> AppResult<()> {
    let waves = waves_in(conn, orgs, programme, instrument)?;
    if waves.is_empty() {
        return if valid_wave(wave) { Ok(()) } else { Err(AppError::Validation(ValidationErrors::single("wave", "err-report-wave"))) };
    }
    if !waves.iter().any(|w| w == wave) {
        return Err(AppError::Validation(ValidationErrors::single("wave", "err-report-wave-unknown")));
    }
    Ok(())
}

/// The follow-up waves a report on `scope` can use for `instrument`; a scope the user may not
/// see is not found.
pub async fn waves(app: &App, ctx: &Ctx, scope: ReportScope, instrument: &str) -> AppResult<Vec<String>> {
    let today = app.today(ctx).await?;
    let (ctx, instrument) = (ctx.clone(), instrument.to_owned());
    app.db
        .read(move |c| {
            let (orgs, programme) = crate::measurement::report::scope_orgs(c, &ctx, scope, today)?;
            waves_in(c, &orgs, programme, &instrument)
        })
        .await
}

/// The scopes the user may report on: the partnerships of the active organisation, the
/// organisation and its programmes; none without the right to see reports there.
pub async fn scopes(app: &App, ctx: &Ctx) -> AppResult<Vec<(ReportScope, String)>> {
    let Some(org) = ctx.org else { return Ok(Vec::new()) };
    if policy::view_report(&ctx.actor, org).is_err() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for p in crate::directory::list_partnerships(app, ctx).await? {
        out.push((ReportScope::Partnership(p.id), p.name));
    }
    let name = app.db.read(move |c| sammen_store::directory::org(c, org)).await?.map(|o| o.name).unwrap_or_default();
    out.push((ReportScope::Organisation(org), name));
    let (programmes, _) = crate::directory::list_programmes(app, ctx, sammen_store::Page { offset: 0, limit: 500 }).await?;
    out.extend(programmes.into_iter().map(|p| (ReportScope::Programme(p.id), p.name)));
    Ok(out)
}

/// The user's last choices on the report form in the active organisation, as the form's query.
pub async fn remembered(app: &App, ctx: &Ctx) -> AppResult<Option<String>> {
    let (user, org) = (ctx.actor.user, ctx.org);
    Ok(app.db.read(move |c| sc::report_choices_of(c, user, org)).await?)
}

/// Remembers the user's choices (the form's query without overridden figures and reasons).
/// The user's own setting, not a person's data: no audit record.
pub async fn remember(app: &App, ctx: &Ctx, query: String) -> AppResult<()> {
    let (user, org, now) = (ctx.actor.user, ctx.org, app.now());
    if query.len() > 4000 {
        return Ok(());
    }
    app.db.write(move |tx| -> AppResult<()> { Ok(sc::put_report_choices(tx.conn(), user, org, &query, now.micros())?) }).await
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn waves_of_plans_in_order_once_each() {
        let w = plan_waves(&[(true, Some(4), false, None), (true, Some(8), true, Some(6))]);
        assert_eq!(&w[..3], ["week-4", "week-8", "week-12"]);
        assert!(w.contains(&"week-52".to_owned()) && !w.contains(&"week-56".to_owned()));
        assert_eq!(w.iter().filter(|x| *x == "week-8").count(), 1);
        assert_eq!(&w[w.len() - 2..], ["closure", "followup-6m"]);
        assert!(plan_waves(&[(true, None, false, None)]).is_empty(), "a baseline alone has no follow-up");
    }
}
