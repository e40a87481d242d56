//! Measurement pages: a participant's measurements (invitations, scores, change, the CHIME
//! chart, life outcomes), answering forms for staff and for the participant's personal link,
//! measurement plans of a programme, the instrument catalogue and the message outbox.

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, RawQuery};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use sammen_app::AppError;
use sammen_app::measurement::{self as ms, InstrumentView, LinkForm, MeasurementOverview};
use sammen_domain::measurement::{LifeEventInput, LifeEventKind, LifeEventSource, PlanInput, ResponseSource, ResponseStatus};
use sammen_domain::time::{Timestamp, format_date};
use sammen_domain::{InvitationId, ParticipantId, PlanId, ProgrammeId, ResponseId, ValidationErrors};
use sammen_i18n::Lang;
use sammen_instruments::{AnswerValue, Answers, Definition, ResponseScale, Text};

use crate::form::{FormData, read_body};
use crate::i18n::Tr;
use crate::session::{Authed, Web};
use crate::ui::{
    Action, Cell, Chrome, DetailPage, Errs, ListPage, OrPage, Page, Pager, options, page_of, post_form, render, render_status, see_other,
    store_page, yes_no,
};

fn lang_of(tr: &Tr) -> sammen_instruments::Lang {
    match tr.lang {
        Lang::Da => sammen_instruments::Lang::Da,
        Lang::En => sammen_instruments::Lang::En,
    }
}

/// A text in the page's language, falling back to the other one.
fn text(tr: &Tr, t: &Text) -> String {
    let l = lang_of(tr);
    let other = if l == sammen_instruments::Lang::Da { sammen_instruments::Lang::En } else { sammen_instruments::Lang::Da };
    t.get(l).or_else(|| t.get(other)).unwrap_or_default().to_owned()
}

/// A number as Danish or English writes it (see [`Tr::num`]).
pub fn num(tr: &Tr, x: f64, decimals: usize) -> String {
    tr.num(x, decimals)
}

fn date(t: Timestamp) -> String {
    format_date(t.date())
}

/// A wave label for people: "Start", "Uge 8", "Afslutning", "Opfølgning 6 mdr.".
pub fn wave_label(tr: &Tr, wave: &str) -> String {
    sammen_app::measurement::report::wave_text(&tr.i18n, tr.lang, wave)
}

// ---------------------------------------------------------------- items

pub struct OptionVm {
    pub code: String,
    pub label: String,
    pub checked: bool,
}

/// One item as a form shows it.
pub struct ItemVm {
    pub field: String,
    pub number: usize,
    pub text: String,
    pub options: Vec<OptionVm>,
    /// (min, max) for a number item.
    pub numeric: Option<(String, String)>,
    pub value: String,
    pub error: String,
}

fn items(tr: &Tr, def: &Definition, answers: &Answers, errs: &Errs) -> Vec<ItemVm> {
    def.items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let value = match answers.get(&item.link_id) {
                Some(AnswerValue::Code(c)) => c.clone(),
                Some(AnswerValue::Number(n)) => num(tr, *n, 1),
                None => String::new(),
            };
            let label = item.text.as_ref().map(|t| text(tr, t)).unwrap_or_else(|| tr.n("measure-item-number", "n", (i + 1) as i64));
            let (options, numeric) = match &item.response {
                ResponseScale::Choice { options } => (
                    options
                        .iter()
                        .map(|o| OptionVm {
                            code: o.code.clone(),
                            label: o.label.as_ref().map(|l| text(tr, l)).unwrap_or_else(|| format!("{} ({})", o.code, o.weight)),
                            checked: value == o.code,
                        })
                        .collect(),
                    None,
                ),
                ResponseScale::Numeric { min, max, .. } => (Vec::new(), Some((num(tr, *min, 0), num(tr, *max, 0)))),
            };
            ItemVm {
                field: format!("i.{}", item.link_id),
                number: i + 1,
                text: label,
                options,
                numeric,
                value,
                error: errs.get(&item.link_id),
            }
        })
        .collect()
}

/// The answers in a submitted form: fields `i.<linkId>`.
fn submitted(form: &FormData) -> Vec<(String, String)> {
    form.pairs().iter().filter_map(|(k, v)| k.strip_prefix("i.").map(|id| (id.to_owned(), v.clone()))).collect()
}

/// Merges submitted values over stored answers, so a form shown again keeps what was typed.
fn overlay(stored: &Answers, raw: &[(String, String)]) -> Answers {
    let mut out = stored.clone();
    for (k, v) in raw {
        if !v.trim().is_empty() {
            out.insert(k.clone(), AnswerValue::Code(v.trim().to_owned()));
        }
    }
    out
}

// ---------------------------------------------------------------- participant overview

pub struct Row {
    /// The id of the row's subject (an invitation's, for its buttons).
    pub key: String,
    /// A yes/no about the row (a plan is active).
    pub on: bool,
    pub cells: Vec<String>,
    pub href: String,
    pub action: String,
    pub action_label: String,
    /// Why the row's action is not offered, and where that is put right.
    pub note: String,
    pub note_href: String,
}

#[derive(Template)]
#[template(path = "measurement/measurements.html")]
pub struct MeasurementsPage {
    pub c: Chrome,
    pub id: String,
    pub can_record: bool,
    pub chime_svg: String,
    pub chime_note: String,
    pub invitations: Vec<Row>,
    pub responses: Vec<Row>,
    pub changes: Vec<Vec<String>>,
    pub events: Vec<Vec<String>>,
    pub instruments: Vec<(String, String)>,
    pub event_kinds: Vec<(String, String)>,
    pub event_sources: Vec<(String, String)>,
    pub f: FormData,
    pub e: Errs,
}

/// A band's label from its definition (bands are the definition's own, with their text).
fn band_label(tr: &Tr, instrument: &sammen_instruments::InstrumentRef, code: &str) -> String {
    ms::shipped_definition(&instrument.id, Some(&instrument.version))
        .ok()
        .and_then(|d| d.bands.iter().find(|b| b.code == code))
        .map(|b| text(tr, &b.label))
        .unwrap_or_else(|| code.to_owned())
}

fn change_text(tr: &Tr, ch: &sammen_instruments::Change) -> String {
    use sammen_instruments::ChangeCategory as C;
    match &ch.reliable {
        Some(r) => {
            let cat = match r.category {
                C::ReliableImprovement => tr.t("change-reliable-improvement"),
                C::NoReliableChange => tr.t("change-no-reliable-change"),
                C::ReliableDeterioration => tr.t("change-reliable-deterioration"),
            };
            let csc = match ch.clinically_significant {
                Some(true) => format!(" · {}", tr.t("change-clinically-significant")),
                _ => String::new(),
            };
            format!("{cat} (RCI {}){csc}", num(tr, r.rci, 2))
        }
        None => tr.t("change-no-reliability"),
    }
}

fn overview_page(a: &Authed, o: &MeasurementOverview, f: FormData, e: Errs) -> MeasurementsPage {
    let tr = &a.web.tr;
    let id = o.participant.to_string();
    let invitations = o
        .invitations
        .iter()
        .map(|i| {
            let pending = matches!(
                i.status,
                sammen_domain::measurement::InvitationStatus::Open | sammen_domain::measurement::InvitationStatus::InProgress
            );
            // A link opens only an instrument with text: without it, say why and where to load it.
            let linkable = pending && o.can_record && i.has_text;
            let missing_text = pending && o.can_record && !i.has_text;
            Row {
                key: i.id.to_string(),
                on: false,
                cells: vec![
                    text(tr, &i.title),
                    wave_label(tr, &i.wave),
                    date(i.due_at),
                    date(i.expires_at),
                    tr.code("invstatus", i.status.code()),
                    i.reminders_sent.to_string(),
                ],
                href: i.response.map(|r| format!("/responses/{r}")).unwrap_or_default(),
                action: if linkable { format!("/invitations/{}/link", i.id) } else { String::new() },
                action_label: tr.t("measure-new-link"),
                note: if missing_text { tr.t("measure-no-text-reason") } else { String::new() },
                note_href: if missing_text { format!("/instruments/{}", i.instrument.id) } else { String::new() },
            }
        })
        .collect();
    let responses = o
        .responses
        .iter()
        .rev()
        .map(|r| Row {
            key: r.id.to_string(),
            on: false,
            cells: vec![
                text(tr, &r.title),
                r.wave.as_deref().map(|w| wave_label(tr, w)).unwrap_or_else(|| "–".into()),
                date(r.at()),
                tr.code("rsource", r.source.code()),
                tr.code("rstatus", r.status.code()),
                match &r.result {
                    Some(s) => format!(
                        "{}{}",
                        num(tr, s.score, 1),
                        if s.prorated { format!(" ({})", tr.t("measure-prorated")) } else { String::new() }
                    ),
                    None => format!("{}/{}", r.answered, r.items),
                },
                r.result.as_ref().and_then(|s| s.band.as_deref()).map(|b| band_label(tr, &r.instrument, b)).unwrap_or_default(),
            ],
            href: format!("/responses/{}", r.id),
            action: String::new(),
            action_label: String::new(),
            note: String::new(),
            note_href: String::new(),
        })
        .collect();
    let changes = o
        .changes
        .iter()
        .map(|c| {
            vec![
                text(tr, &c.title),
                format!("{} → {}", date(c.from), date(c.to)),
                format!("{} → {}", num(tr, c.change.before, 1), num(tr, c.change.after, 1)),
                num(tr, c.change.difference, 1),
                change_text(tr, &c.change),
            ]
        })
        .collect();
    let events = o
        .life_events
        .iter()
        .map(|ev| {
            vec![
                format_date(ev.occurred_on),
                tr.code("lifeevent", ev.kind.code()),
                ev.quantity.map(|q| q.to_string()).unwrap_or_default(),
                ev.ended_on.map(format_date).unwrap_or_default(),
                tr.code("lesource", ev.source.code()),
                ev.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let chime_svg = chime_chart(tr, o);
    MeasurementsPage {
        c: Chrome::new(a, tr.s("measure-title", "who", &o.pseudonym)),
        id,
        can_record: o.can_record,
        chime_note: tr.t("measure-chime-note"),
        chime_svg,
        invitations,
        responses,
        changes,
        events,
        instruments: o
            .instruments
            .iter()
            .map(|(id, t, texted)| (id.clone(), format!("{}{}", text(tr, t), if *texted { "" } else { " *" })))
            .collect(),
        event_kinds: options(tr, "lifeevent", LifeEventKind::ALL, |k| k.code()),
        event_sources: options(tr, "lesource", LifeEventSource::ALL, |k| k.code()),
        f,
        e,
    }
}

fn chime_chart(tr: &Tr, o: &MeasurementOverview) -> String {
    use sammen_instruments::ChimeDomain;
    use sammen_reports::{Chart, ChartKind, Lines, Series};
    if o.chime.is_empty() {
        return String::new();
    }
    let categories: Vec<String> =
        o.chime.iter().map(|p| p.wave.as_deref().map(|w| wave_label(tr, w)).unwrap_or_else(|| date(p.at))).collect();
    let series: Vec<Series> = ChimeDomain::ALL
        .iter()
        .map(|d| Series {
            name: tr.code("chime", d.code()),
            values: o.chime.iter().map(|p| p.profile.get(*d).map(|s| s.mean * 100.0)).collect(),
        })
        .collect();
    let description = series
        .iter()
        .map(|s| {
            let vals = s
                .values
                .iter()
                .zip(&categories)
                .map(|(v, c)| format!("{c} {}", v.map(|v| format!("{v:.0}")).unwrap_or_else(|| "–".into())));
            format!("{}: {}", s.name, vals.collect::<Vec<_>>().join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    sammen_reports::svg(&Chart {
        title: tr.t("measure-chime-chart"),
        description,
        x_label: String::new(),
        y_label: tr.t("measure-chime-axis"),
        numbers: tr.numbers(),
        kind: ChartKind::Lines(Lines { categories, series, y_range: (0.0, 100.0), band: None }),
    })
}

pub async fn participant_measurements(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<ParticipantId>(&id)?;
    let o = ms::participant_measurements(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(render(&overview_page(&a, &o, FormData::default(), Errs::none())))
}

pub async fn life_event_add(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<ParticipantId>(&id)?;
    let form = post_form(&a, body).await?;
    let today = a.s.zone.today(a.web.state.app.now());
    let input = LifeEventInput::parse(
        form.get("kind"),
        form.get("occurred_on"),
        form.opt("ended_on"),
        form.opt("quantity"),
        form.get("source"),
        form.opt("note"),
        today,
    );
    let result = match input {
        Ok(i) => ms::add_life_event(&a.web.state.app, &a.ctx(), id, i).await.map(|_| ()),
        Err(v) => Err(AppError::Validation(v)),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/participants/{id}/measurements#life-events"))),
        Err(AppError::Validation(v)) => {
            let o = ms::participant_measurements(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &overview_page(&a, &o, form, Errs::from(&a.web.tr, &v))))
        }
        Err(e) => Err(a.fail(&e)),
    }
}

pub async fn response_start(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<ParticipantId>(&id)?;
    let form = post_form(&a, body).await?;
    let source = ResponseSource::parse(form.get("source")).unwrap_or(ResponseSource::WithPeer);
    let invitation = form.opt("invitation").filter(|s| !s.is_empty()).and_then(|s| s.parse::<InvitationId>().ok());
    match ms::start_response(&a.web.state.app, &a.ctx(), id, form.get("instrument"), source, invitation).await {
        Ok(r) => Ok(see_other(&format!("/responses/{r}"))),
        Err(AppError::Validation(v)) => {
            let o = ms::participant_measurements(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &overview_page(&a, &o, form, Errs::from(&a.web.tr, &v))))
        }
        Err(e) => Err(a.fail(&e)),
    }
}

pub async fn invitation_link(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<InvitationId>(&id)?;
    post_form(&a, body).await?;
    let tr = &a.web.tr;
    let url = match ms::issue_link(&a.web.state.app, &a.ctx(), id).await {
        Ok(url) => url,
        // Refused for a reason the user can put right (the instrument has no text): say which.
        Err(AppError::Validation(v)) => {
            let reasons: Vec<String> = v.fields.iter().map(|f| tr.t(f.message)).collect();
            let mut page = DetailPage::new(
                Chrome::new(&a, tr.t("measure-link-refused")),
                "/participants",
                vec![],
                vec![Action::link("/instruments".into(), tr.t("nav-instruments"))],
            );
            page.note = reasons.join(" ");
            return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
        Err(e) => return Err(a.fail(&e)),
    };
    let mut page = DetailPage::new(Chrome::new(&a, tr.t("measure-link-title")), "/participants", vec![(tr.t("measure-link"), url)], vec![]);
    page.note = tr.t("measure-link-note");
    Ok(render(&page))
}

// ---------------------------------------------------------------- staff response form

#[derive(Template)]
#[template(path = "measurement/response.html")]
pub struct ResponsePage {
    pub c: Chrome,
    pub back: String,
    pub action: String,
    pub editable: bool,
    pub instructions: String,
    pub facts: Vec<(String, String)>,
    pub items: Vec<ItemVm>,
    pub e: Errs,
    pub fhir: String,
}

fn response_page(a: &Authed, form: &ms::ResponseForm, shown: &Answers, e: Errs) -> ResponsePage {
    let tr = &a.web.tr;
    let v = &form.view;
    let mut facts = vec![
        (tr.t("field-pseudonym"), form.pseudonym.clone()),
        (tr.t("measure-instrument"), format!("{} ({})", text(tr, &form.definition.title), v.instrument.version)),
        (tr.t("measure-wave"), v.wave.as_deref().map(|w| wave_label(tr, w)).unwrap_or_default()),
        (tr.t("measure-source"), tr.code("rsource", v.source.code())),
        (tr.t("field-status"), tr.code("rstatus", v.status.code())),
        (tr.t("measure-answered"), format!("{}/{}", v.answered, v.items)),
    ];
    if let Some(s) = &v.result {
        facts.push((
            tr.t("measure-score"),
            format!("{}{}", num(tr, s.score, 1), if s.prorated { format!(" ({})", tr.t("measure-prorated")) } else { String::new() }),
        ));
        if let Some(b) = &s.band {
            facts.push((tr.t("measure-band"), band_label(tr, &v.instrument, b)));
        }
        for sub in &s.subscales {
            if let Some(x) = sub.score {
                let title =
                    form.definition.subscales.iter().find(|d| d.id == sub.id).map(|d| text(tr, &d.title)).unwrap_or_else(|| sub.id.clone());
                facts.push((format!("{}: {}", tr.t("measure-subscale"), title), num(tr, x, 1)));
            }
        }
    }
    if !form.definition.validated {
        facts.push((tr.t("measure-validated"), tr.t("measure-not-validated")));
    }
    ResponsePage {
        c: Chrome::new(a, text(tr, &form.definition.title)),
        back: format!("/participants/{}/measurements", form.participant),
        action: format!("/responses/{}", v.id),
        editable: form.can_record && v.status == ResponseStatus::InProgress,
        instructions: form.definition.instructions.as_ref().map(|t| text(tr, t)).unwrap_or_default(),
        facts,
        items: items(tr, &form.definition, shown, &e),
        e,
        fhir: format!("/responses/{}/fhir.json", v.id),
    }
}

pub async fn response_show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<ResponseId>(&id)?;
    let form = ms::response_form(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(render(&response_page(&a, &form, &form.answers, Errs::none())))
}

/// The response as a FHIR R4 QuestionnaireResponse file, for the signed-in user: the same
/// document, authorisation and audit record (an export) as `GET /api/v1/responses/{id}`.
pub async fn response_fhir(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<ResponseId>(&id)?;
    let doc = ms::response_fhir(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(crate::download::file(
        "application/fhir+json",
        &format!("{}-{id}.json", a.web.tr.t("file-questionnaire-response")),
        serde_json::to_string_pretty(&doc).unwrap_or_default(),
    ))
}

pub async fn response_save(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<ResponseId>(&id)?;
    let form = post_form(&a, body).await?;
    let raw = submitted(&form);
    let finish = form.get("go") == "finish";
    match ms::save_response(&a.web.state.app, &a.ctx(), id, raw.clone(), finish).await {
        Ok(_) => Ok(see_other(&format!("/responses/{id}"))),
        Err(AppError::Validation(v)) => {
            let rf = ms::response_form(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
            let shown = overlay(&rf.answers, &raw);
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &response_page(&a, &rf, &shown, Errs::from(&a.web.tr, &v))))
        }
        Err(e) => Err(a.fail(&e)),
    }
}

// ---------------------------------------------------------------- the participant's link

#[derive(Template)]
#[template(path = "measurement/answer.html")]
pub struct AnswerPage {
    pub c: Chrome,
    /// start, one, all, saved, done
    pub stage: &'static str,
    pub action: String,
    pub instrument: String,
    pub instructions: String,
    pub not_validated: bool,
    pub progress: String,
    pub answered: usize,
    pub total: usize,
    pub step: usize,
    pub last: bool,
    pub until: String,
    pub items: Vec<ItemVm>,
    pub e: Errs,
}

fn answer_page(web: &Web, token: &str, form: &LinkForm, stage: &'static str, step: usize, shown: &Answers, e: Errs) -> AnswerPage {
    let tr = &web.tr;
    let def = &form.definition;
    let total = def.items.len();
    let answered = def.items.iter().filter(|i| shown.contains_key(&i.link_id)).count();
    let all = items(tr, def, shown, &e);
    let items = match stage {
        "one" => all.into_iter().skip(step).take(1).collect(),
        "all" => all,
        _ => Vec::new(),
    };
    let mut c = Chrome::anonymous(web, "answer-title");
    c.title = text(tr, &def.title);
    AnswerPage {
        c,
        stage,
        action: format!("/a/{token}"),
        instrument: text(tr, &def.title),
        instructions: def.instructions.as_ref().map(|t| text(tr, t)).unwrap_or_default(),
        not_validated: !def.validated,
        progress: tr.i18n.t_args(tr.lang, "answer-progress", &[("n", (step + 1).into()), ("total", total.into())]),
        answered,
        total,
        step,
        last: step + 1 >= total,
        until: date(form.expires_at),
        items,
        e,
    }
}

#[derive(Template)]
#[template(path = "measurement/link_closed.html")]
pub struct LinkClosedPage {
    pub c: Chrome,
    pub reason: String,
    pub next: String,
}

/// The page for a link that no longer opens (answered, expired, replaced, mistyped): plain and
/// kind, for a participant rather than staff, with no login. In the language the visitor chose
/// on the page, else the participant's own language, else the browser's.
async fn link_closed(web: &Web, headers: &HeaderMap, token: &str, e: &AppError) -> Response {
    let AppError::Gone(why) = e else { return web.fail(e) };
    let chosen = crate::session::cookie(headers, crate::i18n::LANG_COOKIE).and_then(|v| Lang::parse(&v));
    let theirs = match chosen {
        Some(_) => None,
        None => ms::link_language(&web.state.app, token.to_owned(), &web.route).await.ok().flatten().and_then(|l| Lang::parse(&l)),
    };
    let lang = chosen.or(theirs).unwrap_or_else(|| crate::i18n::api_lang_of(headers));
    let tr = Tr { i18n: web.tr.i18n.clone(), lang };
    let (title, reason, next) = match *why {
        "err-link-used" => ("link-closed-used-title", "link-closed-used", "link-closed-nothing-lost"),
        "err-link-expired" => ("link-closed-title", "link-closed-expired", "link-closed-what-now"),
        "err-instrument-no-text" => ("link-closed-title", "link-closed-no-text", "link-closed-what-now"),
        _ => ("link-closed-title", "link-closed-unknown", "link-closed-what-now"),
    };
    let mut c = Chrome::anonymous(web, title);
    c.title = tr.t(title);
    c.t = tr;
    let page = LinkClosedPage { reason: c.t.t(reason), next: c.t.t(next), c };
    render_status(StatusCode::GONE, &page)
}

pub async fn answer_get(web: Web, headers: HeaderMap, Path(token): Path<String>, RawQuery(q): RawQuery) -> Page {
    let q = FormData::query(q.as_deref());
    let form = match ms::open_link(&web.state.app, token.clone(), &web.route).await {
        Ok(form) => form,
        Err(e) => return Err(link_closed(&web, &headers, &token, &e).await),
    };
    let total = form.definition.items.len();
    let (stage, step) = match q.get("mode") {
        "one" => {
            let first_open = form.definition.items.iter().position(|i| !form.answers.contains_key(&i.link_id)).unwrap_or(0);
            let step = q.opt("step").and_then(|s| s.parse::<usize>().ok()).unwrap_or(first_open).min(total.saturating_sub(1));
            ("one", step)
        }
        "all" => ("all", 0),
        _ => ("start", 0),
    };
    Ok(render(&answer_page(&web, &token, &form, stage, step, &form.answers, Errs::none())))
}

pub async fn answer_post(web: Web, headers: HeaderMap, Path(token): Path<String>, body: Body) -> Page {
    let form = FormData::parse(&read_body(body, web.state.config.max_body_bytes).await.map_err(|e| web.fail(&e))?);
    let raw = submitted(&form);
    let go = form.get("go");
    let mode = if form.get("mode") == "all" { "all" } else { "one" };
    let step = form.get("step").parse::<usize>().unwrap_or(0);
    let finish = go == "finish";
    match ms::save_link(&web.state.app, token.clone(), &web.route, raw.clone(), finish).await {
        Ok(_) if finish => {
            let mut c = Chrome::anonymous(&web, "answer-done-title");
            c.notice = String::new();
            Ok(render(&AnswerDone { c, message: web.tr.t("answer-done") }))
        }
        Ok(_) => match go {
            "next" => Ok(see_other(&format!("/a/{token}?mode=one&step={}", step + 1))),
            "back" => Ok(see_other(&format!("/a/{token}?mode=one&step={}", step.saturating_sub(1)))),
            _ => {
                let lf = match ms::open_link(&web.state.app, token.clone(), &web.route).await {
                    Ok(lf) => lf,
                    Err(e) => return Err(link_closed(&web, &headers, &token, &e).await),
                };
                Ok(render(&answer_page(&web, &token, &lf, "saved", step, &lf.answers, Errs::none())))
            }
        },
        Err(AppError::Validation(v)) => {
            let lf = match ms::open_link(&web.state.app, token.clone(), &web.route).await {
                Ok(lf) => lf,
                Err(e) => return Err(link_closed(&web, &headers, &token, &e).await),
            };
            let shown = overlay(&lf.answers, &raw);
            // Show the first item with a problem.
            let step = if mode == "one" {
                lf.definition.items.iter().position(|i| v.message_for(&i.link_id).is_some()).unwrap_or(step)
            } else {
                0
            };
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &answer_page(&web, &token, &lf, mode, step, &shown, Errs::from(&web.tr, &v)),
            ))
        }
        Err(e) => Err(link_closed(&web, &headers, &token, &e).await),
    }
}

#[derive(Template)]
#[template(path = "measurement/answer_done.html")]
pub struct AnswerDone {
    pub c: Chrome,
    pub message: String,
}

// ---------------------------------------------------------------- plans

#[derive(Template)]
#[template(path = "measurement/plans.html")]
pub struct PlansPage {
    pub c: Chrome,
    pub id: String,
    pub can_manage: bool,
    pub plans: Vec<Row>,
    pub instruments: Vec<(String, String)>,
    pub f: FormData,
    pub e: Errs,
}

fn schedule_text(tr: &Tr, p: &ms::PlanView) -> String {
    let s = &p.schedule;
    let mut parts = Vec::new();
    if s.at_start {
        parts.push(tr.t("wave-baseline"));
    }
    if let Some(n) = s.every_weeks {
        parts.push(tr.n("plan-every-weeks", "n", i64::from(n)));
    }
    if s.at_closure {
        parts.push(tr.t("wave-closure"));
    }
    if let Some(m) = s.followup_months {
        parts.push(tr.s("wave-followup", "n", &m.to_string()));
    }
    parts.join(", ")
}

async fn plans_page(a: &Authed, id: ProgrammeId, f: FormData, e: Errs) -> Result<PlansPage, AppError> {
    let tr = &a.web.tr;
    let plans = ms::list_plans(&a.web.state.app, &a.ctx(), id).await?;
    let programme = sammen_app::directory::get_programme(&a.web.state.app, &a.ctx(), id).await?;
    let can_manage = a
        .s
        .actor
        .has_role_in(programme.organisation_id, &[sammen_domain::people::Role::Administrator, sammen_domain::people::Role::Coordinator]);
    let instruments = ms::shipped_definitions()?.iter().map(|d| (d.id.clone(), text(tr, &d.title))).collect();
    Ok(PlansPage {
        c: Chrome::new(a, tr.s("plans-title", "programme", &programme.name)),
        id: id.to_string(),
        can_manage,
        plans: plans
            .iter()
            .map(|p| Row {
                key: p.id.to_string(),
                on: p.active,
                cells: vec![
                    text(tr, &p.title),
                    schedule_text(tr, p),
                    tr.n("plan-days", "n", i64::from(p.reminder_days)),
                    tr.n("plan-days", "n", i64::from(p.valid_days)),
                    yes_no(tr, p.active),
                    format!("{} %", p.target_percent),
                ],
                href: String::new(),
                action: if can_manage { format!("/measurement-plans/{}/active", p.id) } else { String::new() },
                action_label: tr.t(if p.active { "plan-stop" } else { "plan-restart" }),
                note: String::new(),
                note_href: String::new(),
            })
            .collect(),
        instruments,
        f,
        e,
    })
}

pub async fn programme_plans(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<ProgrammeId>(&id)?;
    let p = plans_page(&a, id, FormData::default(), Errs::none()).await.or_page(&a)?;
    Ok(render(&p))
}

pub async fn plan_create(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<ProgrammeId>(&id)?;
    let form = post_form(&a, body).await?;
    let input = PlanInput::parse_with_target(
        form.get("instrument"),
        form.checked("at_start"),
        form.opt("every_weeks"),
        form.checked("at_closure"),
        form.opt("followup_months"),
        form.opt("reminder_days"),
        form.opt("valid_days"),
        form.opt("target_percent"),
    );
    let result = match input {
        Ok(i) => ms::create_plan(&a.web.state.app, &a.ctx(), id, i).await.map(|_| ()),
        Err(v) => Err(AppError::Validation(v)),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/programmes/{id}/measurement-plans"))),
        Err(AppError::Validation(v)) => {
            let p = plans_page(&a, id, form, Errs::from(&a.web.tr, &v)).await.or_page(&a)?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(a.fail(&e)),
    }
}

pub async fn plan_active(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<PlanId>(&id)?;
    let form = post_form(&a, body).await?;
    let active = form.get("active") == "true";
    let p = ms::set_plan_active(&a.web.state.app, &a.ctx(), id, active).await.or_page(&a)?;
    Ok(see_other(&format!("/programmes/{}/measurement-plans", p.programme_id)))
}

// ---------------------------------------------------------------- instruments

pub async fn instrument_list(a: Authed) -> Page {
    let tr = &a.web.tr;
    let list = ms::list_instruments(&a.web.state.app, &a.ctx()).await.or_page(&a)?;
    let total = list.len() as i64;
    let rows = list
        .iter()
        .map(|v| {
            let d = &v.definition;
            vec![
                Cell::link(text(tr, &d.title), format!("/instruments/{}", d.id)),
                Cell::text(d.version.clone()),
                Cell::text(yes_no(tr, d.validated)),
                Cell::text(if v.has_text { tr.t("instrument-has-text") } else { tr.t("instrument-no-text") }),
                Cell::text(d.items.len().to_string()),
            ]
        })
        .collect();
    Ok(render(&ListPage {
        c: Chrome::new(&a, tr.t("nav-instruments")),
        intro: tr.t("instruments-intro"),
        new_href: String::new(),
        new_label: String::new(),
        search: None,
        headers: vec![
            tr.t("measure-instrument"),
            tr.t("instrument-version"),
            tr.t("measure-validated"),
            tr.t("instrument-text"),
            tr.t("instrument-items"),
        ],
        rows,
        pager: Pager::new(tr, 1, total, "/instruments"),
        total,
    }))
}

#[derive(Template)]
#[template(path = "measurement/instrument.html")]
pub struct InstrumentPage {
    pub c: Chrome,
    pub facts: Vec<(String, String)>,
    pub citations: Vec<String>,
    pub omitted: Vec<String>,
    pub items: Vec<(String, String, String, String)>,
    pub can_load: bool,
    pub action: String,
    pub download: String,
    pub f: FormData,
    pub e: Errs,
}

/// A shipped definition's note in the page's language: its Fluent message, or, for a definition
/// Sammen has no words for (none shipped today; a test keeps it so), the definition's own text.
/// Bibliographic references stay as published unless a message replaces them.
fn definition_note(tr: &Tr, key: &str, original: &str) -> String {
    if tr.i18n.has(tr.lang, key) { tr.t(key) } else { original.to_owned() }
}

fn instrument_page(a: &Authed, v: &InstrumentView, f: FormData, e: Errs) -> InstrumentPage {
    let tr = &a.web.tr;
    let d = &v.definition;
    let mut facts = vec![
        (tr.t("instrument-version"), d.version.clone()),
        (tr.t("measure-validated"), if d.validated { tr.t("common-yes") } else { tr.t("measure-not-validated") }),
        (tr.t("instrument-range"), format!("{} – {}", num(tr, d.range.min, 0), num(tr, d.range.max, 0))),
        (tr.t("instrument-direction"), tr.t(if d.higher_is_better { "instrument-higher-better" } else { "instrument-lower-better" })),
        (tr.t("instrument-licence"), definition_note(tr, &format!("instrument-licence-{}", d.id), &d.licence.note)),
        (
            tr.t("instrument-text"),
            match &v.loaded_text {
                Some(src) => tr.s("instrument-text-loaded", "source", src),
                None if v.has_text => tr.t("instrument-has-text"),
                None => tr.t("instrument-no-text"),
            },
        ),
    ];
    if let Some(r) = &d.reliability {
        facts.push((tr.t("instrument-reliability"), num(tr, r.coefficient, 2)));
    }
    InstrumentPage {
        c: Chrome::new(a, text(tr, &d.title)),
        facts,
        citations: d
            .citations
            .iter()
            .enumerate()
            .map(|(n, c)| definition_note(tr, &format!("instrument-citation-{}-{}", d.id, n + 1), &c.text))
            .collect(),
        omitted: d
            .omitted
            .iter()
            .enumerate()
            .map(|(n, o)| definition_note(tr, &format!("instrument-omitted-{}-{}", d.id, n + 1), o))
            .collect(),
        items: d
            .items
            .iter()
            .map(|i| {
                let scale = match &i.response {
                    ResponseScale::Choice { options } => {
                        options.iter().map(|o| format!("{}={}", o.code, num(tr, o.weight, 0))).collect::<Vec<_>>().join(", ")
                    }
                    ResponseScale::Numeric { min, max, .. } => format!("{} – {}", num(tr, *min, 0), num(tr, *max, 0)),
                };
                (
                    i.link_id.clone(),
                    i.text.as_ref().map(|t| text(tr, t)).unwrap_or_else(|| "–".into()),
                    format!("{scale}{}", if i.reverse { format!(" ({})", tr.t("instrument-reverse")) } else { String::new() }),
                    i.chime.map(|c| tr.code("chime", c.code())).unwrap_or_default(),
                )
            })
            .collect(),
        can_load: a
            .s
            .role()
            .is_some_and(|r| matches!(r, sammen_domain::people::Role::Administrator | sammen_domain::people::Role::Coordinator)),
        action: format!("/instruments/{}/text", d.id),
        download: format!("/instruments/{}/questionnaire.json", d.id),
        f,
        e,
    }
}

pub async fn instrument_show(a: Authed, Path(key): Path<String>) -> Page {
    let v = ms::instrument(&a.web.state.app, &a.ctx(), &key).await.or_page(&a)?;
    Ok(render(&instrument_page(&a, &v, FormData::default(), Errs::none())))
}

pub async fn instrument_text(a: Authed, Path(key): Path<String>, body: Body) -> Page {
    let form = post_form(&a, body).await?;
    let json = form.get("questionnaire").to_owned();
    let result = if json.trim().is_empty() {
        Err(AppError::Validation(ValidationErrors::single("questionnaire", "err-required")))
    } else {
        ms::load_instrument_text(&a.web.state.app, &a.ctx(), &key, json).await
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/instruments/{key}"))),
        Err(AppError::Validation(v)) => {
            let view = ms::instrument(&a.web.state.app, &a.ctx(), &key).await.or_page(&a)?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &instrument_page(&a, &view, form, Errs::from(&a.web.tr, &v))))
        }
        Err(e) => Err(a.fail(&e)),
    }
}

pub async fn instrument_download(a: Authed, Path(key): Path<String>) -> Page {
    let key = key.strip_suffix(".json").unwrap_or(&key).to_owned();
    let doc = ms::questionnaire_json(&a.web.state.app, &a.ctx(), &key).await.or_page(&a)?;
    Ok(crate::download::file(
        "application/fhir+json",
        &format!("{key}-questionnaire.json"),
        serde_json::to_string_pretty(&doc).unwrap_or_default(),
    ))
}

// ---------------------------------------------------------------- outbox

/// The outbox: the list page, with its table in a scrolling region that takes keyboard focus.
#[derive(Template)]
#[template(path = "measurement/outbox.html")]
pub struct OutboxPage {
    pub c: Chrome,
    pub intro: String,
    pub new_href: String,
    pub new_label: String,
    pub search: Option<crate::ui::SearchBox>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub pager: Pager,
    pub total: i64,
}

pub async fn outbox(a: Authed, RawQuery(q): RawQuery) -> Page {
    let tr = &a.web.tr;
    let page = page_of(FormData::query(q.as_deref()).opt("page"));
    let (list, total) = ms::list_outbox(&a.web.state.app, &a.ctx(), store_page(page)).await.or_page(&a)?;
    let rows = list
        .iter()
        .map(|m| {
            vec![
                Cell::text(m.created_at.short_in(&a.s.zone)),
                Cell::text(tr.code("msgkind", &m.kind)),
                Cell::text(m.recipient.clone()),
                Cell::text(m.subject.clone()),
                Cell::text(tr.code("msgstatus", &m.status)),
            ]
        })
        .collect();
    Ok(render(&OutboxPage {
        c: Chrome::new(&a, tr.t("nav-outbox")),
        intro: tr.t("outbox-intro"),
        new_href: String::new(),
        new_label: String::new(),
        search: None,
        headers: vec![tr.t("field-created"), tr.t("outbox-kind"), tr.t("outbox-recipient"), tr.t("outbox-subject"), tr.t("field-status")],
        rows,
        pager: Pager::new(tr, page, total, "/outbox"),
        total,
    }))
}

/// The participant page's link to the measurements.
pub fn participant_action(tr: &Tr, id: ParticipantId) -> Action {
    Action::link(format!("/participants/{id}/measurements"), tr.t("measure-open"))
}
