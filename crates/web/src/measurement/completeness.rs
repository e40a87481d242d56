//! The follow-up completeness page of a programme (`/programmes/{id}/follow-up`): per plan and
//! wave the answers due, given, overdue and not to be had, the rate against the target over
//! the weeks since due (a chart and the same figures in a table), and the people whose answers
//! are missing with the next step: a reminder now, a paper copy handed to the peer worker, or
//! "not reachable" with a reason. Every step is a plain form that answers with the page again
//! (post, redirect, get), so it works without JavaScript.

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use sammen_app::AppError;
use sammen_app::measurement::completeness::{self as fc, FollowUp, ReminderOutcome};
use sammen_app::measurement::report_completion;
use sammen_domain::measurement::completeness::{FollowUpState, NotReachableInput, UnreachableReason};
use sammen_domain::time::format_date;
use sammen_domain::{InvitationId, ProgrammeId};
use sammen_evaluation::SuppressionRules;
use sammen_i18n::Lang;

use crate::form::FormData;
use crate::i18n::Tr;
use crate::session::Authed;
use crate::ui::{Chrome, Errs, OrPage, Page, post_form, render, render_status, see_other};

/// One wave's figures as the page shows them.
pub struct WaveVm {
    pub wave: String,
    pub due: String,
    pub answered: String,
    pub overdue: String,
    pub waiting: String,
    pub not_reachable: String,
    pub rate: String,
    pub target: String,
    pub status: String,
    pub below: bool,
    /// The rate after each week since due.
    pub over_time: Vec<String>,
}

pub struct PlanVm {
    pub title: String,
    pub target: String,
    pub waves: Vec<WaveVm>,
    pub weeks: Vec<String>,
    pub chart: String,
    pub chart_title: String,
}

pub struct MissingVm {
    pub invitation: String,
    pub person: String,
    pub href: String,
    pub what: String,
    pub due: String,
    pub state: String,
    pub overdue: bool,
    pub peer: String,
    pub last_step: String,
    /// How a reminder would go ("E-mail på dansk"); empty when it cannot.
    pub channel: String,
    pub print_href: String,
    /// The not-reachable form's values and errors, when it was sent with a mistake.
    pub reason: String,
    pub note: String,
    pub error: String,
    pub open: bool,
}

pub struct UnreachableVm {
    pub person: String,
    pub wave: String,
    pub reason: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "measurement/completeness.html")]
pub struct CompletenessPage {
    pub c: Chrome,
    pub id: String,
    pub notice: String,
    pub plans: Vec<PlanVm>,
    pub missing: Vec<MissingVm>,
    pub unreachable: Vec<UnreachableVm>,
    pub reasons: Vec<(String, String)>,
    pub e: Errs,
}

fn pct(tr: &Tr, x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), |v| format!("{} %", tr.num(v * 100.0, 0)))
}

fn lang_name(tr: &Tr, lang: Option<Lang>) -> String {
    match lang {
        Some(Lang::Da) => tr.t("follow-up-lang-da"),
        Some(Lang::En) => tr.t("follow-up-lang-en"),
        None => tr.t("follow-up-lang-both"),
    }
}

/// The not-reachable form sent with a mistake, to show again in its row.
struct Retry {
    invitation: InvitationId,
    f: FormData,
    v: sammen_domain::ValidationErrors,
}

fn page(a: &Authed, f: &FollowUp, notice: String, retry: Option<&Retry>) -> CompletenessPage {
    let tr = &a.web.tr;
    let text = |t: &sammen_instruments::Text| {
        let l = if tr.lang == Lang::Da { sammen_instruments::Lang::Da } else { sammen_instruments::Lang::En };
        t.get(l).or_else(|| t.get(sammen_instruments::Lang::Da)).unwrap_or_default().to_owned()
    };
    let wave = |w: &str| crate::measurement::pages::wave_label(tr, w);
    let plans = f
        .plans
        .iter()
        .map(|p| {
            let title = text(&p.plan.title);
            let section = report_completion::summarise(&p.waves, &SuppressionRules { min_count: 1, min_group_for_statistics: 1 });
            let chart = report_completion::chart(&section, &tr.i18n, tr.lang, tr.numbers());
            let chart_title = chart.as_ref().map(|c| c.title.clone()).unwrap_or_default();
            PlanVm {
                target: format!("{} %", p.plan.target_percent),
                waves: p
                    .waves
                    .iter()
                    .map(|w| WaveVm {
                        wave: wave(&w.wave),
                        due: w.due.to_string(),
                        answered: w.answered.to_string(),
                        overdue: w.overdue.to_string(),
                        waiting: w.waiting.to_string(),
                        not_reachable: w.not_reachable.to_string(),
                        rate: pct(tr, w.rate),
                        target: pct(tr, Some(w.target)),
                        status: tr.t(if w.rate.is_none() {
                            "follow-up-status-none"
                        } else if w.below_target() {
                            "follow-up-status-below"
                        } else {
                            "follow-up-status-ok"
                        }),
                        below: w.below_target(),
                        over_time: w.over_time.iter().map(|r| pct(tr, *r)).collect(),
                    })
                    .collect(),
                weeks: (1..=p.weeks).map(|k| tr.n("rpt-followup-week", "n", i64::from(k))).collect(),
                chart: chart.as_ref().map(crate::ui::chart::svg).unwrap_or_default(),
                chart_title,
                title,
            }
        })
        .collect();
    let missing = f
        .missing
        .iter()
        .map(|m| {
            let mine = retry.filter(|r| r.invitation == m.invitation);
            let instrument = f.plans.iter().find(|p| p.plan.id == m.plan).map(|p| p.plan.instrument.id.clone()).unwrap_or_default();
            MissingVm {
                invitation: m.invitation.to_string(),
                person: m.name.clone().unwrap_or_else(|| m.pseudonym.clone()),
                href: format!("/participants/{}/measurements", m.participant),
                what: format!("{} – {}", text(&m.instrument_title), wave(&m.wave)),
                due: format!("{} ({})", format_date(m.due_at.date()), tr.n("follow-up-days-since", "n", m.days_since_due)),
                state: if m.expired {
                    tr.t("follow-up-state-expired")
                } else {
                    tr.t(match m.state {
                        FollowUpState::Overdue => "follow-up-state-overdue",
                        _ => "follow-up-state-waiting",
                    })
                },
                overdue: m.state == FollowUpState::Overdue,
                peer: m.peer_name.clone().unwrap_or_else(|| "–".into()),
                last_step: m.last_step.as_ref().map_or_else(
                    || "–".to_owned(),
                    |s| format!("{} {}", tr.t(&format!("follow-up-step-{}", s.kind.code())), format_date(s.at.date())),
                ),
                channel: m.channel.map(|_| tr.s("follow-up-by-email", "lang", &lang_name(tr, m.lang))).unwrap_or_default(),
                print_href: format!("/instruments/{instrument}"),
                reason: mine.map(|r| r.f.get("reason").to_owned()).unwrap_or_default(),
                note: mine.map(|r| r.f.get("note").to_owned()).unwrap_or_default(),
                error: mine
                    .map(|r| {
                        let e = Errs::from(tr, &r.v);
                        [e.get("reason"), e.get("note")].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(" ")
                    })
                    .unwrap_or_default(),
                open: mine.is_some(),
            }
        })
        .collect();
    let unreachable = f
        .unreachable
        .iter()
        .map(|u| UnreachableVm {
            person: u.name.clone().unwrap_or_else(|| u.pseudonym.clone()),
            wave: wave(&u.wave),
            reason: match &u.note {
                Some(n) => format!("{}: {n}", tr.t(&format!("follow-up-reason-{}", u.reason.code()))),
                None => tr.t(&format!("follow-up-reason-{}", u.reason.code())),
            },
            at: format_date(u.at.date()),
        })
        .collect();
    CompletenessPage {
        c: Chrome::new(a, tr.s("follow-up-title", "programme", &f.programme_name)),
        id: f.programme.to_string(),
        notice,
        plans,
        missing,
        unreachable,
        reasons: UnreachableReason::ALL.iter().map(|r| (r.code().to_owned(), tr.t(&format!("follow-up-reason-{}", r.code())))).collect(),
        e: retry.map(|r| Errs::from(tr, &r.v)).unwrap_or_else(Errs::none),
    }
}

fn notice(tr: &Tr, q: &FormData) -> String {
    match q.get("done") {
        "reminder-da" => tr.s("follow-up-done-reminder", "lang", &lang_name(tr, Some(Lang::Da))),
        "reminder-en" => tr.s("follow-up-done-reminder", "lang", &lang_name(tr, Some(Lang::En))),
        "reminder" => tr.s("follow-up-done-reminder", "lang", &lang_name(tr, None)),
        "no-channel" => tr.t("follow-up-done-no-channel"),
        "paper" => tr.t("follow-up-done-paper"),
        "not-reachable" => tr.t("follow-up-done-not-reachable"),
        _ => String::new(),
    }
}

/// `GET /programmes/{id}/follow-up`.
pub async fn show(a: Authed, Path(id): Path<String>, RawQuery(q): RawQuery) -> Page {
    let id = a.id::<ProgrammeId>(&id)?;
    let f = fc::follow_up(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let q = FormData::query(q.as_deref());
    Ok(render(&page(&a, &f, notice(&a.web.tr, &q), None)))
}

fn back(programme: ProgrammeId, done: &str) -> axum::response::Response {
    see_other(&format!("/programmes/{programme}/follow-up?done={done}#missing"))
}

/// `POST /invitations/{id}/remind`: a reminder now, by the person's channel and in their language.
pub async fn remind(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<InvitationId>(&id)?;
    post_form(&a, body).await?;
    let (programme, outcome) = fc::send_reminder(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let done = match outcome {
        ReminderOutcome::Queued { lang: Some(Lang::Da), .. } => "reminder-da",
        ReminderOutcome::Queued { lang: Some(Lang::En), .. } => "reminder-en",
        ReminderOutcome::Queued { lang: None, .. } => "reminder",
        ReminderOutcome::NoChannel => "no-channel",
    };
    Ok(back(programme, done))
}

/// `POST /invitations/{id}/paper-copy`: a paper copy handed to the person's peer worker.
pub async fn paper_copy(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<InvitationId>(&id)?;
    post_form(&a, body).await?;
    let programme = fc::hand_paper_copy(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(back(programme, "paper"))
}

/// `POST /invitations/{id}/not-reachable`: marks the person not reachable with a reason.
pub async fn not_reachable(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<InvitationId>(&id)?;
    let form = post_form(&a, body).await?;
    let result = match NotReachableInput::parse(form.get("reason"), form.opt("note")) {
        Ok(input) => fc::mark_not_reachable(&a.web.state.app, &a.ctx(), id, input).await,
        Err(v) => Err(AppError::Validation(v)),
    };
    match result {
        Ok(programme) => Ok(back(programme, "not-reachable")),
        Err(AppError::Validation(v)) => {
            let programme = form.get("programme").parse::<ProgrammeId>().map_err(|_| a.fail(&AppError::NotFound))?;
            let f = fc::follow_up(&a.web.state.app, &a.ctx(), programme).await.or_page(&a)?;
            let retry = Retry { invitation: id, v, f: form };
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page(&a, &f, String::new(), Some(&retry))))
        }
        Err(e) => Err(a.fail(&e)),
    }
}
