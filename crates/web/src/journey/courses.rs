//! The participant's journey after intake: wishes for a peer, the peer's matching profile,
//! the matching proposal and its approval, courses with sessions and goals, the peer's own
//! phone view, and the secret calendar feed.

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, RawQuery};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use sammen_app::AppError;
use sammen_app::journey::courses::{self as cs, CourseView, GoalView};
use sammen_app::journey::matching::{self as mt, ProfileView, Proposal, WishesView};
use sammen_domain::directory::Mode;
use sammen_domain::journey::courses::{
    ChimeDomain, CourseStatus, Disclosure, EndReason, GoalInput, GoalStatus, NoteAudience, PeerProfileInput, ProgressInput, SessionInput,
    SessionKind, SessionStatus, Topic, WishesInput,
};
use sammen_domain::people::Gender;
use sammen_domain::time::{Zone, format_date};
use sammen_domain::{CourseId, GoalId, ParticipantId, PeerWorkerId, ProgrammeId, SessionId};
use sammen_i18n::Lang;

use crate::form::FormData;
use crate::i18n::Tr;
use crate::session::{Authed, Web};
use crate::ui::{Chrome, Errs, Field, FormPage, OrPage, Page, form_failed, options, post_form, render, render_status, see_other, yes_no};

fn codes<T: Copy>(tr: &Tr, prefix: &str, items: &[T], code: impl Fn(T) -> &'static str) -> String {
    items.iter().map(|i| tr.code(prefix, code(*i))).collect::<Vec<_>>().join(", ")
}

fn num(tr: &Tr, v: f64) -> String {
    crate::measurement::pages::num(tr, v, 1)
}

// ---------------------------------------------------------------- a participant's courses and wishes

#[derive(Template)]
#[template(path = "journey/participant_courses.html")]
pub struct ParticipantCoursesPage {
    pub c: Chrome,
    pub id: String,
    pub wishes: Vec<(String, String)>,
    pub has_wishes: bool,
    pub can_edit: bool,
    /// (href, peer, programme, status, started, ended); no href for a course the reader may not open.
    pub courses: Vec<(String, String, String, String, String, String)>,
    /// Said when some courses cannot be opened: only the organisation's own staff read them.
    pub closed_note: String,
}

fn wishes_rows(tr: &Tr, w: &WishesView) -> Vec<(String, String)> {
    vec![
        (tr.t("wish-topics"), codes(tr, "topic", &w.topics, |t| t.code())),
        (tr.t("field-modes"), codes(tr, "mode", &w.modes, |m| m.code())),
        (
            tr.t("wish-peer-gender"),
            if w.peer_gender.is_empty() { tr.t("wish-no-preference") } else { codes(tr, "gender", &w.peer_gender, |g| g.code()) },
        ),
        (tr.t("wish-locality"), w.locality.clone().unwrap_or_default()),
        (tr.t("wish-max-distance"), w.max_distance_km.map(|d| format!("{} km", num(tr, d))).unwrap_or_default()),
        (tr.t("wish-availability"), w.availability_text()),
        (tr.t("wish-goals"), w.goals.clone().unwrap_or_default()),
        (tr.t("wish-waiting-since"), w.waiting_since.map(|t| format_date(t.date())).unwrap_or_default()),
        (tr.t("wish-priority"), yes_no(tr, w.priority)),
    ]
}

pub async fn participant_courses(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<ParticipantId>(&id)?;
    let app = &a.web.state.app;
    let tr = &a.web.tr;
    let (pseudonym, _, wishes, can_edit) = mt::wishes(app, &a.ctx(), id).await.or_page(&a)?;
    let courses = cs::participant_courses(app, &a.ctx(), id).await.or_page(&a)?;
    Ok(render(&ParticipantCoursesPage {
        closed_note: if courses.iter().any(|c| !c.can_open) { tr.t("courses-not-opened") } else { String::new() },
        c: Chrome::new(&a, tr.s("courses-of", "name", &pseudonym)),
        id: id.to_string(),
        has_wishes: wishes.is_some(),
        wishes: wishes.as_ref().map(|w| wishes_rows(tr, w)).unwrap_or_default(),
        can_edit,
        courses: courses
            .iter()
            .map(|c| {
                (
                    if c.can_open { format!("/courses/{}", c.id) } else { String::new() },
                    c.peer_name.clone(),
                    c.programme_name.clone().unwrap_or_default(),
                    course_status_label(tr, c.status, c.offer, c.end_reason),
                    c.started_on.clone().unwrap_or_default(),
                    c.ended_on.clone().unwrap_or_default(),
                )
            })
            .collect(),
    }))
}

fn course_status_label(
    tr: &Tr,
    status: CourseStatus,
    offer: sammen_domain::journey::courses::OfferState,
    reason: Option<EndReason>,
) -> String {
    use sammen_domain::journey::courses::OfferState;
    let base = if offer == OfferState::Pending && status != CourseStatus::Ended {
        tr.t("course-awaiting-peer")
    } else {
        tr.code("course-status", status.code())
    };
    match reason {
        Some(r) => format!("{base} ({})", tr.code("end-reason", r.code())),
        None => base,
    }
}

async fn wishes_form(a: &Authed, id: ParticipantId, f: FormData) -> Result<FormPage, AppError> {
    let tr = &a.web.tr;
    let peers = sammen_app::people::list_peers(&a.web.state.app, &a.ctx(), sammen_store::Page { offset: 0, limit: 1000 }).await?.0;
    Ok(FormPage {
        c: Chrome::new(a, tr.t("wishes-title")),
        f,
        e: Errs::none(),
        intro: tr.t("wishes-intro"),
        action: format!("/participants/{id}/wishes"),
        submit: tr.t("common-save"),
        cancel: format!("/participants/{id}/courses"),
        fields: vec![
            Field::checks("topics", tr.t("wish-topics"), options(tr, "topic", Topic::ALL, |t| t.code())),
            Field::checks("modes", tr.t("field-modes"), options(tr, "mode", Mode::ALL, |m| m.code())),
            Field::checks("peer_gender", tr.t("wish-peer-gender"), options(tr, "gender", Gender::ALL, |g| g.code())),
            Field::text("locality", tr.t("wish-locality"), false),
            Field::text("lat", tr.t("field-lat"), false).hint(tr.t("hint-location")),
            Field::text("lon", tr.t("field-lon"), false),
            Field::text("max_distance_km", tr.t("wish-max-distance"), false),
            Field::text("availability", tr.t("wish-availability"), false).hint(tr.t("hint-availability")),
            Field::text("goals", tr.t("wish-goals"), false).kind("textarea"),
            Field::checks(
                "excluded_peers",
                tr.t("wish-excluded"),
                peers.iter().map(|p| (p.id.to_string(), p.display_name.clone())).collect(),
            ),
        ],
    })
}

fn wishes_pairs(tr: &Tr, w: &WishesView) -> FormData {
    let mut v: Vec<(&str, String)> = vec![
        ("locality", w.locality.clone().unwrap_or_default()),
        ("lat", w.location.map(|l| l.0.to_string()).unwrap_or_default()),
        ("lon", w.location.map(|l| l.1.to_string()).unwrap_or_default()),
        ("max_distance_km", w.max_distance_km.map(|d| tr.num_field(d, 1)).unwrap_or_default()),
        ("availability", w.availability_text()),
        ("goals", w.goals.clone().unwrap_or_default()),
    ];
    v.extend(w.topics.iter().map(|t| ("topics", t.code().to_owned())));
    v.extend(w.modes.iter().map(|m| ("modes", m.code().to_owned())));
    v.extend(w.peer_gender.iter().map(|g| ("peer_gender", g.code().to_owned())));
    v.extend(w.excluded_peers.iter().map(|p| ("excluded_peers", p.to_string())));
    FormData::from_pairs(v)
}

pub async fn wishes_edit(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<ParticipantId>(&id)?;
    let (_, _, w, can_edit) = mt::wishes(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    if !can_edit {
        return Err(a.fail(&AppError::NotFound));
    }
    let f = w.as_ref().map(|w| wishes_pairs(&a.web.tr, w)).unwrap_or_default();
    Ok(render(&wishes_form(&a, id, f).await.or_page(&a)?))
}

fn parse_wishes(f: &FormData) -> Result<(WishesInput, Vec<PeerWorkerId>), AppError> {
    let input = WishesInput::parse(
        &f.all("topics"),
        &f.all("modes"),
        &f.all("peer_gender"),
        f.opt("locality"),
        f.opt("lat"),
        f.opt("lon"),
        f.opt("max_distance_km"),
        f.get("availability"),
        f.opt("goals"),
    )
    .map_err(AppError::Validation)?;
    let mut excluded = Vec::new();
    for raw in f.all("excluded_peers") {
        match raw.parse() {
            Ok(p) => excluded.push(p),
            Err(_) => return Err(AppError::Validation(sammen_domain::ValidationErrors::single("excluded_peers", "err-choice"))),
        }
    }
    Ok((input, excluded))
}

pub async fn wishes_save(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<ParticipantId>(&id)?;
    let f = post_form(&a, body).await?;
    let result = match parse_wishes(&f) {
        Ok((input, excluded)) => mt::save_wishes(&a.web.state.app, &a.ctx(), id, input, excluded).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/participants/{id}/courses"))),
        Err(e) => form_failed(&a, wishes_form(&a, id, f).await.or_page(&a)?, &e),
    }
}

// ---------------------------------------------------------------- peer profiles

#[derive(Template)]
#[template(path = "journey/profile.html")]
pub struct ProfilePage {
    pub c: Chrome,
    pub id: String,
    pub rows: Vec<(String, String)>,
    pub note: String,
    pub can_edit: bool,
}

fn profile_rows(tr: &Tr, p: &ProfileView) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    match &p.topics {
        Some(t) if p.topics_consent_at.is_some() => rows.push((tr.t("profile-topics"), codes(tr, "topic", t, |x| x.code()))),
        Some(_) => rows.push((tr.t("profile-topics"), tr.t("profile-no-consent"))),
        None => {}
    }
    if let Some(at) = p.topics_consent_at.filter(|_| p.topics.is_some()) {
        rows.push((tr.t("profile-consent-at"), format_date(at.date())));
    }
    rows.push((tr.t("profile-presentation"), p.presentation.clone().unwrap_or_else(|| tr.t("profile-not-disclosed"))));
    if matches!(p.viewer, sammen_domain::journey::courses::Viewer::Own | sammen_domain::journey::courses::Viewer::Coordinator) {
        rows.push((tr.t("profile-disclosure"), tr.code("disclosure", p.disclosure.code())));
    }
    rows.extend([
        (tr.t("field-gender"), p.gender.map(|g| tr.code("gender", g.code())).unwrap_or_default()),
        (tr.t("wish-locality"), p.locality.clone().unwrap_or_default()),
        (
            tr.t("profile-capacity"),
            tr.i18n.t_args(tr.lang, "profile-capacity-of", &[("open", p.open_courses.into()), ("capacity", p.capacity.into())]),
        ),
        (tr.t("wish-availability"), p.availability_text()),
    ]);
    rows
}

pub async fn profile_show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<PeerWorkerId>(&id)?;
    let tr = &a.web.tr;
    let p = mt::profile(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(render(&ProfilePage {
        c: Chrome::new(&a, tr.s("profile-title", "name", &p.peer_name)),
        id: id.to_string(),
        rows: profile_rows(tr, &p),
        note: tr.t(match p.viewer {
            sammen_domain::journey::courses::Viewer::Own => "profile-note-own",
            sammen_domain::journey::courses::Viewer::Coordinator => "profile-note-coordinator",
            _ => "profile-note-colleague",
        }),
        can_edit: p.can_edit,
    }))
}

fn profile_form(a: &Authed, id: PeerWorkerId, own: bool, f: FormData) -> FormPage {
    let tr = &a.web.tr;
    let mut fields = Vec::new();
    if own {
        fields.push(Field::flag("topics_consent", tr.t("profile-consent")));
        fields.push(Field::checks("topics", tr.t("profile-topics"), options(tr, "topic", Topic::ALL, |t| t.code())));
    }
    fields.extend([
        Field::select("disclosure", tr.t("profile-disclosure"), options(tr, "disclosure", Disclosure::ALL, |d| d.code()), true),
        Field::text("presentation", tr.t("profile-presentation"), false).kind("textarea").hint(tr.t("hint-presentation")),
        Field::select("gender", tr.t("field-gender"), options(tr, "gender", Gender::ALL, |g| g.code()), false),
        Field::text("locality", tr.t("wish-locality"), false),
        Field::text("lat", tr.t("field-lat"), false).hint(tr.t("hint-location")),
        Field::text("lon", tr.t("field-lon"), false),
        Field::text("capacity", tr.t("profile-capacity"), true).kind("number"),
        Field::text("availability", tr.t("wish-availability"), false).hint(tr.t("hint-availability")),
    ]);
    FormPage {
        c: Chrome::new(a, tr.t("profile-edit")),
        f,
        e: Errs::none(),
        intro: tr.t(if own { "profile-form-intro-own" } else { "profile-form-intro" }),
        action: format!("/peer-workers/{id}/profile"),
        submit: tr.t("common-save"),
        cancel: format!("/peer-workers/{id}/profile"),
        fields,
    }
}

fn profile_pairs(tr: &Tr, p: &ProfileView) -> FormData {
    let mut v: Vec<(&str, String)> = vec![
        ("disclosure", p.disclosure.code().into()),
        ("presentation", p.presentation.clone().unwrap_or_default()),
        ("gender", p.gender.map(|g| g.code().to_owned()).unwrap_or_default()),
        ("locality", p.locality.clone().unwrap_or_default()),
        ("lat", p.location.map(|l| l.0.to_string()).unwrap_or_default()),
        ("lon", p.location.map(|l| l.1.to_string()).unwrap_or_default()),
        ("capacity", p.capacity.to_string()),
        ("availability", p.availability_text()),
    ];
    if p.topics_consent_at.is_some() {
        v.push(("topics_consent", "on".into()));
    }
    v.extend(p.topics.iter().flatten().map(|t| ("topics", t.code().to_owned())));
    let _ = tr;
    FormData::from_pairs(v)
}

pub async fn profile_edit(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<PeerWorkerId>(&id)?;
    let p = mt::profile(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    if !p.can_edit {
        return Err(a.fail(&AppError::NotFound));
    }
    let own = p.viewer == sammen_domain::journey::courses::Viewer::Own;
    Ok(render(&profile_form(&a, id, own, profile_pairs(&a.web.tr, &p))))
}

pub async fn profile_save(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<PeerWorkerId>(&id)?;
    let f = post_form(&a, body).await?;
    let own = a.s.actor.peer_worker_ids.contains(&id);
    let result = match PeerProfileInput::parse(
        &f.all("topics"),
        f.checked("topics_consent"),
        f.get("disclosure"),
        f.opt("presentation"),
        f.opt("gender"),
        f.opt("locality"),
        f.opt("lat"),
        f.opt("lon"),
        f.get("capacity"),
        f.get("availability"),
    ) {
        Ok(i) => mt::save_profile(&a.web.state.app, &a.ctx(), id, i).await,
        Err(e) => Err(AppError::Validation(e)),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/peer-workers/{id}/profile"))),
        Err(e) => form_failed(&a, profile_form(&a, id, own, f), &e),
    }
}

// ---------------------------------------------------------------- matching

/// One row of the proposal page.
pub struct ProposalLine {
    pub participant: String,
    pub pseudonym: String,
    pub waiting: String,
    pub priority: bool,
    /// (peer id, label, selected)
    pub choices: Vec<(String, String, bool)>,
    /// The proposed pair's parts, labelled.
    pub parts: Vec<(String, String)>,
    pub score: String,
    /// Why not matched, each reason with the peers it stood against.
    pub reasons: Vec<String>,
    /// Every eligible peer with its score and parts, the proposed one first:
    /// (peer, proposed, total, parts in the order of `part_headers`).
    pub alternatives: Vec<(String, bool, String, Vec<String>)>,
}

/// An offer as sent, for the confirmation after approval: (course href, participant, peer,
/// score, parts in the order of `part_headers`, state).
pub type SentLine = (String, String, String, String, Vec<String>, String);

#[derive(Template)]
#[template(path = "journey/matching.html")]
pub struct MatchingPage {
    pub c: Chrome,
    pub id: String,
    pub summary: String,
    pub lines: Vec<ProposalLine>,
    pub not_ready: Vec<(String, String, String)>,
    pub peers: Vec<(String, String, String)>,
    pub error: String,
    /// The names of a score's parts, in table order.
    pub part_headers: Vec<String>,
    /// The offers the last approval sent, read back as stored.
    pub sent: Vec<SentLine>,
}

/// A score's parts in the order of the page's part columns.
fn part_values(tr: &Tr, p: &mt::Parts) -> Vec<String> {
    [p.topics, p.availability, p.distance, p.waiting, p.continuity].iter().map(|x| num(tr, *x)).collect()
}

/// The explanation of an unmatched participant: one line per reason, naming its peers (and,
/// for places taken, who the proposal gives them to).
fn reason_lines(tr: &Tr, r: &mt::ProposalRow) -> Vec<String> {
    r.reasons
        .iter()
        .map(|code| {
            let peers: Vec<String> = r
                .against
                .iter()
                .filter(|x| &x.reason == code)
                .map(|x| {
                    if x.taken_by.is_empty() {
                        x.peer_name.clone()
                    } else {
                        let names = x.taken_by.join(", ");
                        tr.i18n.t_args(
                            tr.lang,
                            "matching-taken-by",
                            &[("peer", x.peer_name.as_str().into()), ("names", names.as_str().into())],
                        )
                    }
                })
                .collect();
            let reason = tr.code("match-reason", code);
            if peers.is_empty() { reason } else { format!("{reason}: {}", peers.join("; ")) }
        })
        .collect()
}

fn matching_page(a: &Authed, p: &Proposal, error: String) -> MatchingPage {
    let tr = &a.web.tr;
    let lines = p
        .rows
        .iter()
        .map(|r| {
            let proposed = r.proposed.as_ref().map(|c| c.peer);
            let mut choices: Vec<(String, String, bool)> = r
                .candidates
                .iter()
                .map(|c| (c.peer.to_string(), format!("{} ({})", c.peer_name, num(tr, c.score)), Some(c.peer) == proposed))
                .collect();
            choices.insert(0, (String::new(), tr.t("matching-not-now"), proposed.is_none()));
            let parts = r
                .proposed
                .as_ref()
                .map(|c| {
                    vec![
                        (tr.t("score-topics"), num(tr, c.parts.topics)),
                        (tr.t("score-availability"), num(tr, c.parts.availability)),
                        (tr.t("score-distance"), num(tr, c.parts.distance)),
                        (tr.t("score-waiting"), num(tr, c.parts.waiting)),
                        (tr.t("score-continuity"), num(tr, c.parts.continuity)),
                    ]
                })
                .unwrap_or_default();
            ProposalLine {
                participant: r.participant.to_string(),
                pseudonym: r.pseudonym.clone(),
                waiting: tr.n("matching-waited", "days", r.waiting_days),
                priority: r.priority,
                choices,
                parts,
                score: r.proposed.as_ref().map(|c| num(tr, c.score)).unwrap_or_default(),
                reasons: reason_lines(tr, r),
                alternatives: {
                    let mut v: Vec<(String, bool, String, Vec<String>)> = r
                        .candidates
                        .iter()
                        .map(|c| (c.peer_name.clone(), Some(c.peer) == proposed, num(tr, c.score), part_values(tr, &c.parts)))
                        .collect();
                    v.sort_by_key(|x| !x.1);
                    v
                },
            }
        })
        .collect();
    MatchingPage {
        c: Chrome::new(a, tr.s("matching-title", "name", &p.programme_name)),
        id: p.programme.to_string(),
        summary: tr.i18n.t_args(
            tr.lang,
            "matching-summary",
            &[("matched", (p.matched as i64).into()), ("waiting", (p.rows.len() as i64).into())],
        ),
        lines,
        not_ready: p
            .not_ready
            .iter()
            .map(|(id, ps, why)| (format!("/participants/{id}/courses"), ps.clone(), tr.code("not-ready", why.code())))
            .collect(),
        peers: p
            .peers
            .iter()
            .map(|(id, name, free)| {
                // The trained rule: an untrained peer is never proposed; say what they lack.
                let training = match p.untrained.iter().find(|(u, _)| u == id) {
                    Some((_, missing)) => tr.s(
                        "matching-not-trained",
                        "missing",
                        &missing.iter().map(|m| tr.code("training", m.code())).collect::<Vec<_>>().join(", "),
                    ),
                    None => tr.t("matching-trained"),
                };
                (name.clone(), free.to_string(), training)
            })
            .collect(),
        error,
        part_headers: ["score-topics", "score-availability", "score-distance", "score-waiting", "score-continuity"]
            .iter()
            .map(|k| tr.t(k))
            .collect(),
        sent: Vec::new(),
    }
}

/// The proposal, and after an approval (`?sent=` the courses it made) the offers as they were
/// sent.
pub async fn matching_show(a: Authed, Path(id): Path<String>, RawQuery(q): RawQuery) -> Page {
    let id = a.id::<ProgrammeId>(&id)?;
    let f = FormData::parse(q.as_deref().unwrap_or_default().as_bytes());
    let sent: Vec<CourseId> = f.get("sent").split(',').filter_map(|x| x.parse().ok()).collect();
    let offers = if sent.is_empty() { Vec::new() } else { mt::sent_offers(&a.web.state.app, &a.ctx(), id, sent).await.or_page(&a)? };
    let p = mt::propose(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let tr = &a.web.tr;
    let mut page = matching_page(&a, &p, String::new());
    page.sent = offers
        .iter()
        .map(|o| {
            (
                format!("/courses/{}", o.course),
                o.pseudonym.clone(),
                o.peer_name.clone(),
                o.score.map(|s| num(tr, s)).unwrap_or_default(),
                o.parts.as_ref().map(|x| part_values(tr, x)).unwrap_or_default(),
                course_status_label(tr, o.status, o.offer, None),
            )
        })
        .collect();
    Ok(render(&page))
}

pub async fn matching_approve(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<ProgrammeId>(&id)?;
    let f = post_form(&a, body).await?;
    let mut pairs = Vec::new();
    for (k, v) in f.pairs() {
        let Some(p) = k.strip_prefix("pair-") else { continue };
        if v.is_empty() {
            continue;
        }
        match (p.parse::<ParticipantId>(), v.parse::<PeerWorkerId>()) {
            (Ok(p), Ok(q)) => pairs.push((p, q)),
            _ => return Err(a.fail(&AppError::Validation(sammen_domain::ValidationErrors::single("pairs", "err-choice")))),
        }
    }
    match mt::approve(&a.web.state.app, &a.ctx(), id, pairs).await {
        Ok(made) if made.is_empty() => Ok(see_other(&format!("/programmes/{id}/matching"))),
        Ok(made) => {
            let sent = made.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(",");
            Ok(see_other(&format!("/programmes/{id}/matching?sent={sent}#sent")))
        }
        Err(AppError::Validation(v)) => {
            let p = mt::propose(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
            let msg = v.fields.first().map(|x| a.web.tr.t(x.message)).unwrap_or_default();
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &matching_page(&a, &p, msg)))
        }
        Err(e) => Err(a.fail(&e)),
    }
}

// ---------------------------------------------------------------- a course

pub struct SessionLine {
    pub id: String,
    pub when: String,
    pub what: String,
    pub status: String,
    pub planned: bool,
    /// Whether the session has begun: only then can it be marked held.
    pub begun: bool,
    pub note: String,
    pub audience: String,
}

pub struct GoalLine {
    pub id: String,
    pub text: String,
    pub domain: String,
    pub status: String,
    pub latest: String,
    pub open: bool,
}

#[derive(Template)]
#[template(path = "journey/course.html")]
pub struct CoursePage {
    pub c: Chrome,
    pub id: String,
    pub participant: String,
    pub facts: Vec<(String, String)>,
    pub wishes: Vec<(String, String)>,
    pub show_wishes: bool,
    pub can_manage: bool,
    pub can_work: bool,
    pub can_answer: bool,
    pub is_active: bool,
    pub is_paused: bool,
    pub is_planned: bool,
    pub open: bool,
    pub sessions: Vec<SessionLine>,
    pub goals: Vec<GoalLine>,
    pub goal_chart: String,
    pub history: Vec<(String, String, bool)>,
    pub end_reasons: Vec<(String, String)>,
    pub peers: Vec<(String, String)>,
    pub programmes: Vec<(String, String)>,
    pub chime: Vec<(String, String)>,
    pub goal_statuses: Vec<(String, String)>,
    pub today: String,
    pub f: FormData,
    pub e: Errs,
}

fn goal_chart(tr: &Tr, goals: &[GoalView]) -> String {
    use sammen_reports::{Chart, ChartKind, Lines, Series};
    let mut dates: Vec<String> = goals.iter().flat_map(|g| g.progress.iter().map(|p| p.on.clone())).collect();
    dates.sort();
    dates.dedup();
    if dates.is_empty() {
        return String::new();
    }
    let series: Vec<Series> = goals
        .iter()
        .filter(|g| !g.progress.is_empty())
        .map(|g| Series {
            name: g.text.chars().take(40).collect(),
            values: dates.iter().map(|d| g.progress.iter().rev().find(|p| &p.on == d).map(|p| p.value as f64)).collect(),
        })
        .collect();
    let description = goals
        .iter()
        .filter(|g| !g.progress.is_empty())
        .map(|g| format!("{}: {}", g.text, g.progress.iter().map(|p| format!("{} {}", p.on, p.value)).collect::<Vec<_>>().join(", ")))
        .collect::<Vec<_>>()
        .join("; ");
    sammen_reports::svg(&Chart {
        title: tr.t("goals-chart"),
        description,
        x_label: String::new(),
        y_label: tr.t("goals-axis"),
        numbers: tr.numbers(),
        kind: ChartKind::Lines(Lines { categories: dates, series, y_range: (0.0, 10.0), band: None }),
    })
}

fn course_page(a: &Authed, v: &CourseView, f: FormData, e: Errs) -> CoursePage {
    let tr = &a.web.tr;
    let mut facts = vec![
        (tr.t("field-pseudonym"), v.pseudonym.clone()),
        (tr.t("field-name"), v.participant_name.clone().unwrap_or_default()),
        (tr.t("field-phone"), v.participant_phone.clone().unwrap_or_default()),
        (tr.t("field-email"), v.participant_email.clone().unwrap_or_default()),
        (tr.t("field-languages"), v.languages.join(", ")),
        (tr.t("field-programme"), v.programme_name.clone().unwrap_or_default()),
        (tr.t("field-peer"), v.peer_name.clone()),
        (tr.t("field-status"), course_status_label(tr, v.status, v.offer, v.end_reason)),
        (tr.t("course-started"), v.started_on.clone().unwrap_or_default()),
        (tr.t("course-ended"), v.ended_on.clone().unwrap_or_default()),
    ];
    if let (Some(score), Some(parts)) = (v.match_score, v.match_parts) {
        facts.push((
            tr.t("course-match-score"),
            format!(
                "{} ({} {}, {} {}, {} {}, {} {}, {} {})",
                num(tr, score),
                tr.t("score-topics"),
                num(tr, parts.topics),
                tr.t("score-availability"),
                num(tr, parts.availability),
                tr.t("score-distance"),
                num(tr, parts.distance),
                tr.t("score-waiting"),
                num(tr, parts.waiting),
                tr.t("score-continuity"),
                num(tr, parts.continuity)
            ),
        ));
    }
    if let Some(r) = &v.decline_reason {
        facts.push((tr.t("course-decline-reason"), r.clone()));
    }
    if let Some(n) = &v.handover_note {
        facts.push((tr.t("course-handover-note"), n.clone()));
    }
    CoursePage {
        c: Chrome::new(a, tr.s("course-title", "name", &v.pseudonym)),
        id: v.id.to_string(),
        participant: v.participant_id.to_string(),
        facts,
        wishes: v.wishes.as_ref().map(|w| wishes_rows(tr, w)).unwrap_or_default(),
        show_wishes: v.wishes.is_some() && (v.can_answer || v.can_manage),
        can_manage: v.can_manage,
        can_work: v.can_work,
        can_answer: v.can_answer,
        is_active: v.status == CourseStatus::Active,
        is_paused: v.status == CourseStatus::Paused,
        is_planned: v.status == CourseStatus::Planned,
        open: v.status != CourseStatus::Ended,
        sessions: v
            .sessions
            .iter()
            .map(|s| SessionLine {
                id: s.id.to_string(),
                when: format!("{} · {} min", s.starts_at.short_in(&a.s.zone), s.duration_minutes),
                what: format!(
                    "{} · {}{}",
                    tr.code("session-kind", s.kind.code()),
                    tr.code("mode", s.mode.code()),
                    s.place.as_ref().map(|p| format!(" · {p}")).unwrap_or_default()
                ),
                status: tr.code("session-status", s.status.code()),
                planned: s.status == SessionStatus::Planned,
                begun: sammen_domain::validation::has_begun(s.starts_at, a.web.state.app.now()),
                note: match (&s.note, s.note_hidden) {
                    (Some(n), _) => n.clone(),
                    (None, true) => tr.t("session-note-hidden"),
                    (None, false) => String::new(),
                },
                audience: tr.code("note-audience", s.note_audience.code()),
            })
            .collect(),
        goals: v
            .goals
            .iter()
            .map(|g| GoalLine {
                id: g.id.to_string(),
                text: g.text.clone(),
                domain: g.domain.map(|d| tr.code("chime", d.code())).unwrap_or_default(),
                status: tr.code("goal-status", g.status.code()),
                latest: g.progress.last().map(|p| format!("{}/10 ({})", p.value, p.on)).unwrap_or_default(),
                open: g.status == GoalStatus::Open,
            })
            .collect(),
        goal_chart: goal_chart(tr, &v.goals),
        history: v
            .history
            .iter()
            .map(|h| {
                (
                    format!("/courses/{}", h.id),
                    format!(
                        "{} · {} · {}",
                        h.peer_name,
                        course_status_label(tr, h.status, h.offer, h.end_reason),
                        format_date(h.created_at.date())
                    ),
                    h.id == v.id,
                )
            })
            .collect(),
        end_reasons: options(tr, "end-reason", EndReason::CHOSEN, |r| r.code()),
        peers: v.handover_peers.iter().map(|(id, n)| (id.to_string(), n.clone())).collect(),
        programmes: v.handover_programmes.iter().map(|(id, n)| (id.to_string(), n.clone())).collect(),
        chime: options(tr, "chime", ChimeDomain::ALL, |d| d.code()),
        goal_statuses: options(tr, "goal-status", GoalStatus::ALL, |s| s.code()),
        today: a.s.zone.today(a.web.state.app.now()).to_string(),
        f,
        e,
    }
}

async fn show_course(a: &Authed, id: CourseId, f: FormData, e: Errs, status: StatusCode) -> Page {
    let v = cs::course(&a.web.state.app, &a.ctx(), id).await.or_page(a)?;
    Ok(render_status(status, &course_page(a, &v, f, e)))
}

pub async fn course_show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<CourseId>(&id)?;
    show_course(&a, id, FormData::default(), Errs::none(), StatusCode::OK).await
}

/// After a failed form on the course page: the page again with the errors, or the error page.
async fn course_failed(a: &Authed, id: CourseId, f: FormData, e: AppError) -> Page {
    match e {
        AppError::Validation(v) => show_course(a, id, f, Errs::from(&a.web.tr, &v), StatusCode::UNPROCESSABLE_ENTITY).await,
        other => Err(a.fail(&other)),
    }
}

pub async fn offer_answer(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<CourseId>(&id)?;
    let f = post_form(&a, body).await?;
    let accept = f.get("answer") == "accept";
    match cs::answer_offer(&a.web.state.app, &a.ctx(), id, accept, f.opt("decline_reason").map(str::to_owned)).await {
        Ok(_) if accept => Ok(see_other(&format!("/courses/{id}"))),
        Ok(_) => Ok(see_other("/my")),
        Err(e) => course_failed(&a, id, f, e).await,
    }
}

pub async fn course_status(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<CourseId>(&id)?;
    let f = post_form(&a, body).await?;
    let Ok(to) = CourseStatus::parse(f.get("status")) else {
        return course_failed(&a, id, f, AppError::Validation(sammen_domain::ValidationErrors::single("status", "err-choice"))).await;
    };
    let reason = EndReason::parse(f.get("end_reason")).ok();
    match cs::set_status(&a.web.state.app, &a.ctx(), id, to, reason).await {
        Ok(()) => Ok(see_other(&format!("/courses/{id}"))),
        Err(e) => course_failed(&a, id, f, e).await,
    }
}

pub async fn course_handover(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<CourseId>(&id)?;
    let f = post_form(&a, body).await?;
    let Ok(peer) = f.get("peer").parse::<PeerWorkerId>() else {
        return course_failed(&a, id, f, AppError::Validation(sammen_domain::ValidationErrors::single("peer", "err-choice"))).await;
    };
    let programme = match f.opt("programme_id").filter(|p| !p.is_empty()) {
        Some(p) => match p.parse::<ProgrammeId>() {
            Ok(p) => Some(p),
            Err(_) => {
                return course_failed(
                    &a,
                    id,
                    f,
                    AppError::Validation(sammen_domain::ValidationErrors::single("programme_id", "err-choice")),
                )
                .await;
            }
        },
        None => None,
    };
    match cs::handover(&a.web.state.app, &a.ctx(), id, peer, programme, f.opt("handover_note").map(str::to_owned)).await {
        Ok(next) => Ok(see_other(&format!("/courses/{next}"))),
        Err(e) => course_failed(&a, id, f, e).await,
    }
}

fn parse_session(f: &FormData, zone: &Zone) -> Result<SessionInput, AppError> {
    SessionInput::parse_in(
        zone,
        f.get("status"),
        f.get("date"),
        f.get("time"),
        f.get("duration_minutes"),
        f.get("mode"),
        f.opt("place"),
        f.get("kind"),
        f.opt("note"),
        f.get("note_audience"),
    )
    .map_err(AppError::Validation)
}

/// The quick log form: everything filled in but the note, for a phone.
fn log_form(a: &Authed, id: CourseId, f: FormData) -> FormPage {
    let tr = &a.web.tr;
    FormPage {
        c: Chrome::new(a, tr.t("session-log")),
        f,
        e: Errs::none(),
        intro: tr.t("session-log-intro"),
        action: format!("/courses/{id}/sessions"),
        submit: tr.t("session-log-submit"),
        cancel: format!("/courses/{id}"),
        fields: vec![
            Field::text("date", tr.t("session-date"), true).kind("date"),
            Field::text("time", tr.t("session-time"), true).kind("time"),
            Field::text("duration_minutes", tr.t("session-duration"), true).kind("number"),
            Field::select("mode", tr.t("session-mode"), options(tr, "mode", Mode::ALL, |m| m.code()), true),
            Field::select("kind", tr.t("session-kind"), options(tr, "session-kind", SessionKind::ALL, |k| k.code()), true),
            Field::text("note", tr.t("session-note"), false).kind("textarea"),
            Field::select("note_audience", tr.t("session-audience"), options(tr, "note-audience", NoteAudience::ALL, |n| n.code()), true),
            Field::text("place", tr.t("session-place"), false),
            Field::select(
                "status",
                tr.t("session-status"),
                options(tr, "session-status", &[SessionStatus::Held, SessionStatus::Planned], |s| s.code()),
                true,
            ),
        ],
    }
}

fn log_defaults(a: &Authed, mode: Option<Mode>, status: SessionStatus) -> FormData {
    let now = a.web.state.app.now().in_zone(&a.s.zone);
    FormData::from_pairs(vec![
        ("date", now.date().to_string()),
        ("time", format!("{:02}:{:02}", now.hour(), now.minute())),
        ("duration_minutes", "60".into()),
        ("mode", mode.unwrap_or(Mode::InPerson).code().into()),
        ("kind", SessionKind::Conversation.code().into()),
        ("note_audience", NoteAudience::Team.code().into()),
        ("status", status.code().into()),
    ])
}

pub async fn session_log_form(a: Authed, Path(id): Path<String>, RawQuery(q): RawQuery) -> Page {
    let id = a.id::<CourseId>(&id)?;
    let q = FormData::query(q.as_deref());
    let v = cs::course(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    if !v.can_work {
        return Err(a.fail(&AppError::NotFound));
    }
    let last_mode = v.sessions.iter().find(|s| s.status == SessionStatus::Held).map(|s| s.mode);
    let status = if q.get("plan") == "1" { SessionStatus::Planned } else { SessionStatus::Held };
    Ok(render(&log_form(&a, id, log_defaults(&a, last_mode, status))))
}

pub async fn session_log(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<CourseId>(&id)?;
    let f = post_form(&a, body).await?;
    let result = match parse_session(&f, &a.s.zone) {
        Ok(i) => cs::log_session(&a.web.state.app, &a.ctx(), id, i).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) if f.get("back") == "course" => Ok(see_other(&format!("/courses/{id}"))),
        Ok(_) => Ok(see_other("/my?logged=1")),
        Err(e) => form_failed(&a, log_form(&a, id, f), &e),
    }
}

pub async fn session_status(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<SessionId>(&id)?;
    let f = post_form(&a, body).await?;
    let Ok(status) = SessionStatus::parse(f.get("status")) else {
        return Err(a.fail(&AppError::Validation(sammen_domain::ValidationErrors::single("status", "err-choice"))));
    };
    let course = cs::set_session_status(&a.web.state.app, &a.ctx(), id, status).await.or_page(&a)?;
    if f.get("back") == "my" {
        return Ok(see_other("/my"));
    }
    Ok(see_other(&format!("/courses/{course}")))
}

pub async fn goal_add(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<CourseId>(&id)?;
    let f = post_form(&a, body).await?;
    let result = match GoalInput::parse(f.get("text"), f.opt("domain")) {
        Ok(i) => cs::add_goal(&a.web.state.app, &a.ctx(), id, i).await,
        Err(e) => Err(AppError::Validation(e)),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/courses/{id}#goals"))),
        Err(e) => course_failed(&a, id, f, e).await,
    }
}

pub async fn goal_progress(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let goal = a.id::<GoalId>(&id)?;
    let f = post_form(&a, body).await?;
    let back = f.get("course").parse::<CourseId>().ok();
    let result = match ProgressInput::parse(f.get("recorded_on"), f.get("value"), f.opt("note"), f.get("status")) {
        Ok(i) => cs::record_progress(&a.web.state.app, &a.ctx(), goal, i).await,
        Err(e) => Err(AppError::Validation(e)),
    };
    match (result, back) {
        (Ok(course), _) => Ok(see_other(&format!("/courses/{course}#goals"))),
        (Err(e), Some(course)) => course_failed(&a, course, f, e).await,
        (Err(e), None) => Err(a.fail(&e)),
    }
}

// ---------------------------------------------------------------- the peer's own view

pub struct OfferLine {
    pub course: String,
    pub pseudonym: String,
    pub facts: Vec<(String, String)>,
    pub handover: bool,
}

pub struct CaseLine {
    pub course: String,
    pub pseudonym: String,
    pub name: String,
    pub status: String,
    pub next: String,
    pub last: String,
    pub held: usize,
}

/// A session or group meeting on the peer's own page.
pub struct AgendaLine {
    pub when: String,
    pub title: String,
    pub place: String,
    /// The course or group it belongs to.
    pub href: String,
    /// The session's id, when it is one.
    pub session: String,
}

fn agenda_line(u: &cs::Upcoming, when: String) -> AgendaLine {
    AgendaLine {
        when,
        title: u.title.clone(),
        place: u.place.clone().unwrap_or_default(),
        href: u.course.map(|c| format!("/courses/{c}")).or(u.group.map(|g| format!("/groups/{g}"))).unwrap_or_default(),
        session: u.session.map(|s| s.to_string()).unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "journey/my.html")]
pub struct MyPage {
    pub c: Chrome,
    pub offers: Vec<OfferLine>,
    pub cases: Vec<CaseLine>,
    /// Today's sessions and group meetings, by time of day.
    pub today: Vec<AgendaLine>,
    /// Planned sessions that have ended without being logged.
    pub to_log: Vec<AgendaLine>,
    /// What comes after today, in the next four weeks.
    pub upcoming: Vec<AgendaLine>,
    pub calendar_active: bool,
    pub calendar_url: String,
    pub peer: String,
}

async fn my_page(a: &Authed, calendar_url: String, notice: &str) -> Page {
    let tr = &a.web.tr;
    let cl = cs::caseload(&a.web.state.app, &a.ctx()).await.or_page(a)?;
    let today = a.s.zone.today(a.web.state.app.now());
    let mut c = Chrome::new(a, tr.t("my-title"));
    if !notice.is_empty() {
        c.notice = tr.t(notice);
    }
    Ok(render(&MyPage {
        c,
        offers: cl
            .offers
            .iter()
            .map(|o| {
                let mut facts = vec![
                    (tr.t("field-programme"), o.programme_name.clone().unwrap_or_default()),
                    (tr.t("field-languages"), o.languages.join(", ")),
                ];
                if let Some(w) = &o.wishes {
                    facts.push((tr.t("field-modes"), codes(tr, "mode", &w.modes, |m| m.code())));
                    facts.push((tr.t("wish-topics"), codes(tr, "topic", &w.topics, |t| t.code())));
                    facts.push((tr.t("wish-availability"), w.availability_text()));
                    facts.push((tr.t("wish-goals"), w.goals.clone().unwrap_or_default()));
                }
                OfferLine { course: o.course.to_string(), pseudonym: o.pseudonym.clone(), facts, handover: o.handover }
            })
            .collect(),
        cases: cl
            .courses
            .iter()
            .map(|r| CaseLine {
                course: r.course.to_string(),
                pseudonym: r.pseudonym.clone(),
                name: r.name.clone().unwrap_or_default(),
                status: tr.code("course-status", r.status.code()),
                next: r.next_planned.map(|t| t.short_in(&a.s.zone)).unwrap_or_default(),
                last: r.last_held.map(|t| t.short_in(&a.s.zone)).unwrap_or_default(),
                held: r.sessions_held,
            })
            .collect(),
        today: cl
            .upcoming
            .iter()
            .filter(|u| u.starts_at.in_zone(&a.s.zone).date() == today)
            .map(|u| agenda_line(u, hour_minute(u.starts_at, &a.s.zone)))
            .collect(),
        to_log: cl.to_log.iter().map(|u| agenda_line(u, u.starts_at.short_in(&a.s.zone))).collect(),
        upcoming: cl
            .upcoming
            .iter()
            .filter(|u| u.starts_at.in_zone(&a.s.zone).date() != today)
            .map(|u| agenda_line(u, u.starts_at.short_in(&a.s.zone)))
            .collect(),
        calendar_active: cl.calendar_active,
        calendar_url,
        peer: cl.peers.first().map(|p| p.to_string()).unwrap_or_default(),
    }))
}

/// "14:30" in Danish local time.
fn hour_minute(t: sammen_domain::time::Timestamp, zone: &sammen_domain::time::Zone) -> String {
    let f = time::macros::format_description!("[hour]:[minute]");
    t.in_zone(zone).format(&f).unwrap_or_default()
}

pub async fn my(a: Authed, RawQuery(q): RawQuery) -> Page {
    let q = FormData::query(q.as_deref());
    my_page(&a, String::new(), if q.get("logged") == "1" { "session-logged" } else { "" }).await
}

pub async fn my_calendar(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let peer = a.id::<PeerWorkerId>(f.get("peer"))?;
    let app = &a.web.state.app;
    if f.get("action") == "stop" {
        cs::stop_calendar(app, &a.ctx(), peer).await.or_page(&a)?;
        return Ok(see_other("/my"));
    }
    let token = cs::renew_calendar(app, &a.ctx(), peer).await.or_page(&a)?;
    let url = format!("{}/calendar/{token}.ics", app.public_url.trim_end_matches('/'));
    my_page(&a, url, "calendar-renewed").await
}

/// The secret calendar feed (no session: the token is the credential).
pub async fn calendar(web: Web, Path(token): Path<String>, RawQuery(q): RawQuery) -> Page {
    let token = token.strip_suffix(".ics").unwrap_or(&token).to_owned();
    let lang = if FormData::query(q.as_deref()).get("lang") == "en" { Lang::En } else { Lang::Da };
    match cs::calendar_feed(&web.state.app, token, lang, "GET /calendar/{token}").await {
        Ok(body) => Ok(([(header::CONTENT_TYPE, "text/calendar; charset=utf-8"), (header::CACHE_CONTROL, "private, max-age=300")], body)
            .into_response()),
        Err(_) => Err((StatusCode::NOT_FOUND, "not found").into_response()),
    }
}
