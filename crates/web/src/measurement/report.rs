//! Evaluation reports: the form, the report as a web page (SVG charts), and the same report
//! as PDF and XLSX downloads. The report itself is built once by `app::report::document`.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use sammen_app::AppError;
use sammen_app::measurement::report::{self as rp, ReportRequest, ReportScope};
use sammen_app::measurement::report_cost as rp_cost;
use sammen_domain::ValidationErrors;
use sammen_domain::time::parse_date;
use sammen_evaluation::{Method, SuppressionRules};
use sammen_reports::{Align, Block, Report};

use crate::form::FormData;
use crate::session::Authed;
use crate::ui::chart::esc;
use crate::ui::{Chrome, Errs, OrPage, Page, render, render_status};

#[derive(Template)]
#[template(path = "measurement/report.html")]
pub struct ReportPage {
    pub c: Chrome,
    pub f: FormData,
    pub e: Errs,
    pub scopes: Vec<(String, String)>,
    pub instruments: Vec<(String, String)>,
    pub methods: Vec<(String, String)>,
    /// The follow-up waves of the plans in the chosen scope for the chosen instrument.
    pub waves: Vec<(String, String)>,
    /// Whether the waves are the plans'; without a plan only the closure is offered.
    pub waves_planned: bool,
    /// The fields that override a recorded figure, with what was recorded as their hint.
    pub overrides: Vec<OverrideField>,
    pub has_overrides: bool,
    /// The form was filled in from the user's last choices.
    pub remembered: bool,
    /// The rendered report (trusted HTML built here, every text escaped), or empty.
    pub body: String,
    pub pdf: String,
    pub xlsx: String,
    pub csv: String,
}

/// A recorded figure's override field and its reason's.
pub struct OverrideField {
    pub name: String,
    pub reason_name: String,
    pub value_label: String,
    pub reason_label: String,
    /// Where the recorded figure comes from, once a report has been made.
    pub recorded: String,
}

/// The report as HTML: headings, paragraphs, notes, fact lists, tables and SVG charts.
pub fn report_html(r: &Report) -> String {
    let mut h = String::new();
    if let Some(s) = &r.subtitle {
        h.push_str(&format!("<p class=\"lead\">{}</p>", esc(s)));
    }
    for (i, b) in r.blocks.iter().enumerate() {
        match b {
            Block::Heading(level, t) => {
                let l = (*level).clamp(1, 3) + 1;
                h.push_str(&format!("<h{l} id=\"rpt-{i}\">{}</h{l}>", esc(t)));
            }
            Block::Paragraph(t) => h.push_str(&format!("<p>{}</p>", esc(t).replace('\n', "<br>"))),
            Block::List(items) => {
                h.push_str("<ul>");
                for item in items {
                    h.push_str(&format!("<li>{}</li>", esc(item)));
                }
                h.push_str("</ul>");
            }
            Block::Note(t) => h.push_str(&format!("<p class=\"note\">{}</p>", esc(t))),
            Block::KeyValues(kv) => {
                h.push_str("<dl class=\"facts\">");
                for (k, v) in kv {
                    h.push_str(&format!("<div><dt>{}</dt><dd>{}</dd></div>", esc(k), esc(v)));
                }
                h.push_str("</dl>");
            }
            Block::Table(t) => {
                // Wide tables scroll sideways on a phone: the region takes focus so the keyboard can scroll it.
                h.push_str(&format!(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table class=\"report\">",
                    esc(&t.caption)
                ));
                h.push_str(&format!("<caption>{}</caption><thead><tr>", esc(&t.caption)));
                for c in &t.columns {
                    let class = if c.align == Align::Right { " class=\"num\"" } else { "" };
                    h.push_str(&format!("<th scope=\"col\"{class}>{}</th>", esc(&c.header)));
                }
                h.push_str("</tr></thead><tbody>");
                for row in &t.rows {
                    h.push_str("<tr>");
                    for (k, c) in t.columns.iter().enumerate() {
                        let text = row.get(k).map(|x| esc(&x.text)).unwrap_or_default();
                        if k == 0 {
                            h.push_str(&format!("<th scope=\"row\">{text}</th>"));
                        } else {
                            let class = if c.align == Align::Right { " class=\"num\"" } else { "" };
                            h.push_str(&format!("<td{class}>{text}</td>"));
                        }
                    }
                    h.push_str("</tr>");
                }
                h.push_str("</tbody></table></div>");
                if let Some(f) = &t.footnote {
                    h.push_str(&format!("<p class=\"small\">{}</p>", esc(f)));
                }
            }
            Block::Chart(c) => {
                h.push_str(&format!(
                    "<figure class=\"chart\">{}<figcaption>{}</figcaption></figure>",
                    sammen_reports::svg(c),
                    esc(&c.title)
                ));
            }
        }
    }
    h
}

/// Reads the report form (a GET query). `None` when no scope was chosen yet.
fn request(f: &FormData) -> Result<Option<ReportRequest>, ValidationErrors> {
    let scope = f.get("scope");
    if scope.is_empty() {
        return Ok(None);
    }
    let mut e = ValidationErrors::new();
    let scope = match scope.split_once(':') {
        Some(("partnership", id)) => id.parse().ok().map(ReportScope::Partnership),
        Some(("organisation", id)) => id.parse().ok().map(ReportScope::Organisation),
        Some(("programme", id)) => id.parse().ok().map(ReportScope::Programme),
        _ => None,
    };
    if scope.is_none() {
        e.add("scope", "err-report-scope");
    }
    let from = e.check("from", sammen_domain::people::optional_choice(f.opt("from"), parse_date)).flatten();
    let to = e.check("to", sammen_domain::people::optional_choice(f.opt("to"), parse_date)).flatten();
    let method = if f.get("method") == "dl" { Method::Dl } else { Method::Reml };
    let count =
        |name: &str, default: u64| f.opt(name).filter(|v| !v.trim().is_empty()).map_or(Some(default), |v| v.trim().parse::<u64>().ok());
    let min_count = count("min_count", 5);
    let min_stats = count("min_stats", 10);
    if min_count.is_none() {
        e.add("min_count", "err-number-range");
    }
    if min_stats.is_none() {
        e.add("min_stats", "err-number-range");
    }
    // Costs are optional: asked for with the checkbox; their hours come from the records.
    let cost = if f.checked("cost") {
        match rp::CostRequest::parse(f.get("period_months"), |name| f.get(name).to_owned()) {
            Ok(c) => Some(c),
            Err(v) => {
                e.fields.extend(v.fields);
                None
            }
        }
    } else {
        None
    };
    e.into_result()?;
    let (Some(scope), Some(min_count), Some(min_group_for_statistics)) = (scope, min_count, min_stats) else {
        return Err(ValidationErrors::single("scope", "err-report-scope"));
    };
    let req = ReportRequest {
        scope,
        instrument: f.get("instrument").to_owned(),
        scale: f.opt("scale").filter(|s| !s.is_empty()).map(str::to_owned),
        wave: f.get("wave").trim().to_owned(),
        from,
        to,
        method,
        hartung_knapp: f.get("hk") != "off",
        rules: SuppressionRules { min_count, min_group_for_statistics },
        cost,
    };
    req.validate()?;
    Ok(Some(req))
}

/// The scopes the user may report on, as the form's options.
async fn scopes(a: &Authed) -> Vec<(String, String)> {
    let tr = &a.web.tr;
    let list = sammen_app::measurement::report_form::scopes(&a.web.state.app, &a.ctx()).await.unwrap_or_default();
    list.into_iter()
        .map(|(scope, name)| match scope {
            ReportScope::Partnership(id) => (format!("partnership:{id}"), format!("{name} ({})", tr.t("rpt-scope-partnership"))),
            ReportScope::Organisation(id) => (format!("organisation:{id}"), format!("{name} ({})", tr.t("rpt-scope-organisation"))),
            ReportScope::Programme(id) => (format!("programme:{id}"), format!("{name} ({})", tr.t("rpt-scope-programme"))),
        })
        .collect()
}

/// The scope chosen in the form, or else the first offered.
fn chosen_scope(f: &FormData, scopes: &[(String, String)]) -> Option<ReportScope> {
    let raw = if f.get("scope").is_empty() { scopes.first().map(|s| s.0.as_str()).unwrap_or_default() } else { f.get("scope") };
    match raw.split_once(':') {
        Some(("partnership", id)) => id.parse().ok().map(ReportScope::Partnership),
        Some(("organisation", id)) => id.parse().ok().map(ReportScope::Organisation),
        Some(("programme", id)) => id.parse().ok().map(ReportScope::Programme),
        _ => None,
    }
}

/// The follow-up waves of the plans in the chosen scope for the chosen instrument (or the first
/// offered), with their names.
async fn waves(a: &Authed, f: &FormData, scopes: &[(String, String)], instruments: &[(String, String)]) -> (Vec<(String, String)>, bool) {
    let Some(scope) = chosen_scope(f, scopes) else { return (Vec::new(), false) };
    let instrument =
        if f.get("instrument").is_empty() { instruments.first().map(|i| i.0.as_str()).unwrap_or_default() } else { f.get("instrument") };
    let mut list = sammen_app::measurement::report_form::waves(&a.web.state.app, &a.ctx(), scope, instrument).await.unwrap_or_default();
    let planned = !list.is_empty();
    if !planned {
        // No plan measures the instrument here: the closure is the one wave a report can still name.
        list.push("closure".to_owned());
    }
    (list.into_iter().map(|w| (w.clone(), crate::measurement::pages::wave_label(&a.web.tr, &w))).collect(), planned)
}

/// The override fields, each with the recorded figure's source when a report shows one.
fn override_fields(a: &Authed, data: Option<&rp::ReportData>) -> Vec<OverrideField> {
    use sammen_app::measurement::report_cost::{Figure, figure_source};
    let tr = &a.web.tr;
    let own = data.and_then(|d| d.cost.as_ref()).and_then(|c| {
        let mine = a.ctx().org.and_then(|o| a.s.orgs.iter().find(|x| x.id == o).map(|x| x.name.clone())).unwrap_or_default();
        c.parties.iter().find(|p| p.site.is_empty() || p.site == mine)
    });
    Figure::ALL
        .into_iter()
        .map(|fig| {
            let label = tr.t(&format!("cost-figure-{}", fig.code()));
            let recorded = own
                .and_then(|p| p.figures.iter().find(|x| x.figure == fig))
                .map(|x| figure_source(&a.web.state.i18n, tr.lang, tr.numbers(), x))
                .unwrap_or_default();
            OverrideField {
                name: fig.field(),
                reason_name: format!("{}_reason", fig.field()),
                value_label: tr.s("reports-override-value", "figure", &label),
                reason_label: tr.s("reports-override-reason", "figure", &label),
                recorded,
            }
        })
        .collect()
}

fn instruments(a: &Authed) -> Vec<(String, String)> {
    let lang = if a.web.tr.lang == sammen_i18n::Lang::Da { sammen_instruments::Lang::Da } else { sammen_instruments::Lang::En };
    sammen_app::measurement::shipped_definitions()
        .map(|defs| defs.iter().map(|d| (d.id.clone(), d.title.get(lang).unwrap_or(&d.id).to_owned())).collect())
        .unwrap_or_default()
}

async fn page(a: &Authed, f: FormData, e: Errs, body: String, data: Option<&rp::ReportData>) -> ReportPage {
    let tr = &a.web.tr;
    let query = serde_urlencoded::to_string(f.pairs()).unwrap_or_default();
    let has = !body.is_empty();
    let scopes = scopes(a).await;
    let instruments = instruments(a);
    let (waves, waves_planned) = waves(a, &f, &scopes, &instruments).await;
    let overrides = override_fields(a, data);
    let has_overrides =
        overrides.iter().any(|o| !f.get(&o.name).is_empty() || !e.get(&o.name).is_empty() || !e.get(&o.reason_name).is_empty());
    ReportPage {
        c: Chrome::new(a, tr.t("nav-reports")),
        scopes,
        instruments,
        waves,
        waves_planned,
        overrides,
        has_overrides,
        remembered: false,
        methods: vec![("reml".into(), tr.t("rpt-method-reml")), ("dl".into(), tr.t("rpt-method-dl"))],
        pdf: if has { format!("/reports/report.pdf?{query}") } else { String::new() },
        xlsx: if has { format!("/reports/report.xlsx?{query}") } else { String::new() },
        csv: if has { format!("/reports/report.csv?{query}") } else { String::new() },
        f,
        e,
        body,
    }
}

/// The form's choices worth remembering: all but the overridden figures and their reasons,
/// which belong to one report.
fn choices(f: &FormData) -> String {
    let kept: Vec<&(String, String)> = f.pairs().iter().filter(|(k, _)| !k.starts_with("ov_") && k != "only").collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
}

/// `GET /reports`: the form (with the user's last choices), and the report when one was asked
/// for. `only=waves` gives the form alone, for the wave list to follow the scope and instrument.
pub async fn show(a: Authed, RawQuery(q): RawQuery) -> Page {
    let app = &a.web.state.app;
    let mut f = FormData::query(q.as_deref());
    let mut remembered = false;
    if f.pairs().is_empty()
        && let Ok(Some(last)) = sammen_app::measurement::report_form::remembered(app, &a.ctx()).await
    {
        f = FormData::query(Some(&last));
        remembered = true;
    }
    if remembered || f.get("only") == "waves" {
        let mut p = page(&a, f, Errs::none(), String::new(), None).await;
        p.remembered = remembered;
        return Ok(render(&p));
    }
    let req = match request(&f) {
        Ok(None) => return Ok(render(&page(&a, f, Errs::none(), String::new(), None).await)),
        Ok(Some(r)) => r,
        Err(v) => {
            let e = Errs::from(&a.web.tr, &v);
            return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page(&a, f, e, String::new(), None).await));
        }
    };
    match rp::compute(app, &a.ctx(), req).await {
        Ok(data) => {
            // Remembering is a convenience: a failure to store the choices does not stop the report.
            if let Err(err) = sammen_app::measurement::report_form::remember(app, &a.ctx(), choices(&f)).await {
                tracing::warn!(error = %err, "report choices not remembered");
            }
            let doc = rp::document(&data, &a.web.state.i18n, a.web.tr.lang);
            let body = format!("<h2 id=\"report-title\">{}</h2>{}", esc(&doc.title), report_html(&doc));
            Ok(render(&page(&a, f, Errs::none(), body, Some(&data)).await))
        }
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page(&a, f, e, String::new(), None).await))
        }
        Err(e) => Err(a.fail(&e)),
    }
}

/// A report file: the document as PDF or XLSX, or its figures as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Pdf,
    Xlsx,
    Csv,
}

/// The bytes, media type and extension of `doc` as `kind`; `csv` makes the CSV, which is
/// built from the figures rather than the document.
fn file_of(
    kind: Kind,
    doc: &sammen_reports::Report,
    csv: impl FnOnce() -> Result<Vec<u8>, sammen_reports::CsvError>,
) -> Result<(Vec<u8>, &'static str, &'static str), AppError> {
    let internal = |e: &dyn std::fmt::Display| AppError::Internal(e.to_string());
    Ok(match kind {
        Kind::Pdf => (sammen_reports::pdf(doc), crate::download::PDF, "pdf"),
        Kind::Xlsx => (sammen_reports::xlsx(doc).map_err(|e| internal(&e))?, crate::download::XLSX, "xlsx"),
        Kind::Csv => (csv().map_err(|e| internal(&e))?, crate::download::CSV, "csv"),
    })
}

async fn download(a: Authed, q: Option<String>, kind: Kind) -> Page {
    let f = FormData::query(q.as_deref());
    let req = match request(&f) {
        Ok(Some(r)) => r,
        Ok(None) => return Err(a.fail(&AppError::Validation(ValidationErrors::single("scope", "err-report-scope")))),
        Err(v) => return Err(a.fail(&AppError::Validation(v))),
    };
    let data = rp::compute(&a.web.state.app, &a.ctx(), req).await.or_page(&a)?;
    let doc = rp::document(&data, &a.web.state.i18n, a.web.tr.lang);
    let (bytes, mime, ext) =
        file_of(kind, &doc, || sammen_app::measurement::report_csv::report_csv(&data, a.web.tr.numbers())).or_page(&a)?;
    let name = format!("{}-{}.{ext}", a.web.tr.t("file-report"), data.title.trim());
    Ok(crate::download::file(mime, &name, bytes))
}

pub async fn pdf(a: Authed, RawQuery(q): RawQuery) -> Page {
    download(a, q, Kind::Pdf).await
}

pub async fn xlsx(a: Authed, RawQuery(q): RawQuery) -> Page {
    download(a, q, Kind::Xlsx).await
}

pub async fn csv(a: Authed, RawQuery(q): RawQuery) -> Page {
    download(a, q, Kind::Csv).await
}

// ---------------------------------------------------------------- a programme's coordination hours

/// Saves a programme from its form with its coordination hours a month, in one transaction:
/// both are checked first, and their errors are shown together.
pub async fn save_programme_with_costs(
    a: &Authed,
    id: Option<sammen_domain::ProgrammeId>,
    input: Result<sammen_domain::directory::ProgrammeInput, AppError>,
    f: &FormData,
) -> Result<sammen_app::directory::ProgrammeView, AppError> {
    let hours = rp_cost::parse_coordination(f.opt("coordination_hours_per_month"));
    let (input, hours) = match (input, hours) {
        (Ok(i), Ok(h)) => (i, h),
        (Err(AppError::Validation(mut v)), Err(w)) => {
            v.fields.extend(w.fields);
            return Err(AppError::Validation(v));
        }
        (Err(e), _) => return Err(e),
        (_, Err(w)) => return Err(AppError::Validation(w)),
    };
    let app = &a.web.state.app;
    sammen_app::directory::save_programme_with_coordination(app, &a.ctx(), id, input, hours).await
}

/// A programme's coordination hours a month as the form shows them ("" when not set).
pub async fn coordination_field(a: &Authed, id: sammen_domain::ProgrammeId) -> String {
    match rp_cost::coordination_of(&a.web.state.app, &a.ctx(), id).await {
        Ok(Some(h)) => a.web.tr.num_field(h, 1),
        _ => String::new(),
    }
}

// ---------------------------------------------------------------- prices

/// One price as the form shows it.
pub struct PriceRow {
    pub name: &'static str,
    pub label: String,
    pub unit: String,
    pub value: String,
    pub low: String,
    pub high: String,
    pub source: String,
    pub year: String,
    pub review: bool,
    pub error: String,
}

#[derive(Template)]
#[template(path = "measurement/prices.html")]
pub struct PricesPage {
    pub c: Chrome,
    pub e: Errs,
    pub rows: Vec<PriceRow>,
    pub can_edit: bool,
    /// The reference table as JSON, and whether it is the organisation's own.
    pub table: String,
    pub table_own: bool,
    pub f: FormData,
}

fn price_rows(a: &Authed, p: &sammen_evaluation::PriceDefaults, e: &Errs) -> Vec<PriceRow> {
    let tr = &a.web.tr;
    let n = |x: f64| tr.num_field(x, 2);
    rp::price_fields(p)
        .into_iter()
        .map(|(name, price)| PriceRow {
            name,
            label: tr.t(&format!("cost-input-{name}")),
            unit: rp_cost::unit_text(&a.web.state.i18n, tr.lang, name),
            value: n(price.value),
            low: n(price.low),
            high: n(price.high),
            source: rp_cost::source_text(&a.web.state.i18n, tr.lang, name, price),
            year: price.year.map(|y| y.to_string()).unwrap_or_default(),
            review: price.needs_review,
            error: e.get(name),
        })
        .collect()
}

fn can_edit_prices(a: &Authed) -> bool {
    a.s.role().is_some_and(|r| matches!(r, sammen_domain::people::Role::Administrator | sammen_domain::people::Role::Coordinator))
}

async fn settings_page(
    a: &Authed,
    prices: &sammen_evaluation::PriceDefaults,
    e: Errs,
    table: Option<String>,
) -> Result<PricesPage, AppError> {
    let (stored, table_own) = rp::reference_table(&a.web.state.app, &a.ctx()).await?;
    let table = table.unwrap_or(stored);
    Ok(PricesPage {
        c: Chrome::new(a, a.web.tr.t("prices-title")),
        can_edit: can_edit_prices(a),
        rows: price_rows(a, prices, &e),
        f: FormData::from_vec(vec![("reference_table".into(), table.clone())]),
        e,
        table,
        table_own,
    })
}

pub async fn prices(a: Authed) -> Page {
    let prices = rp::prices(&a.web.state.app, &a.ctx()).await.or_page(&a)?;
    Ok(render(&settings_page(&a, &prices, Errs::none(), None).await.or_page(&a)?))
}

/// `POST /reports/context`: the organisation's own table of published effects.
pub async fn context_save(a: Authed, body: axum::body::Body) -> Page {
    let form = crate::ui::post_form(&a, body).await?;
    let json = form.get("reference_table").to_owned();
    match rp::save_reference_table(&a.web.state.app, &a.ctx(), json.clone()).await {
        Ok(()) => Ok(crate::ui::see_other("/reports/prices#h-context")),
        Err(AppError::Validation(v)) => {
            let prices = rp::prices(&a.web.state.app, &a.ctx()).await.or_page(&a)?;
            let page = settings_page(&a, &prices, Errs::from(&a.web.tr, &v), Some(json)).await.or_page(&a)?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(a.fail(&e)),
    }
}

/// The prices form shows Sammen's own default sources translated; a source sent back as shown
/// is the default, stored in its own words, so that it still reads as one that needs review.
fn untranslated_sources(a: &Authed, form: FormData) -> FormData {
    let defaults = sammen_evaluation::default_prices_dk();
    let shown: Vec<(String, String, String)> = rp::price_fields(&defaults)
        .into_iter()
        .map(|(name, p)| (format!("{name}.source"), rp_cost::source_text(&a.web.state.i18n, a.web.tr.lang, name, p), p.source.clone()))
        .collect();
    FormData::from_vec(
        form.pairs()
            .iter()
            .map(|(k, v)| match shown.iter().find(|(field, text, _)| field == k && text.trim() == v.trim()) {
                Some((_, _, original)) => (k.clone(), original.clone()),
                None => (k.clone(), v.clone()),
            })
            .collect(),
    )
}

/// Reads the prices form over the current prices (units stay as they are).
fn read_prices(f: &FormData, mut p: sammen_evaluation::PriceDefaults) -> Result<sammen_evaluation::PriceDefaults, ValidationErrors> {
    let mut e = ValidationErrors::new();
    // "4.165,50" (Danish, with a thousands point) or "4165.50".
    let num = |raw: &str| {
        let t = raw.trim();
        let t = if t.contains(',') { t.replace('.', "").replace(',', ".") } else { t.to_owned() };
        t.parse::<f64>().ok().filter(|v| v.is_finite())
    };
    let mut set = |name: &'static str, price: &mut sammen_evaluation::Price| {
        let (v, l, h) = (num(f.get(&format!("{name}.value"))), num(f.get(&format!("{name}.low"))), num(f.get(&format!("{name}.high"))));
        let year = f.get(&format!("{name}.year")).trim();
        let year = if year.is_empty() { Some(None) } else { year.parse::<u16>().ok().filter(|y| (1990..=2100).contains(y)).map(Some) };
        match (v, l, h, year) {
            (Some(v), Some(l), Some(h), Some(year)) => {
                let source = f.get(&format!("{name}.source")).trim().to_owned();
                price.needs_review = price.needs_review && source == price.source && v == price.value;
                price.value = v;
                price.low = l;
                price.high = h;
                price.source = source;
                price.year = year;
            }
            _ => e.add(name, "err-cost-not-a-number"),
        }
    };
    set("peer_hourly_wage", &mut p.peer_hourly_wage);
    set("supervision_hourly_wage", &mut p.supervision_hourly_wage);
    set("training_cost_per_peer", &mut p.training_cost_per_peer);
    set("coordination_hourly_wage", &mut p.coordination_hourly_wage);
    set("overhead_share", &mut p.overhead_share);
    set("admission_price", &mut p.admission_price);
    set("bed_day_price", &mut p.bed_day_price);
    e.into_result()?;
    rp::validate_prices(&p)?;
    Ok(p)
}

pub async fn prices_save(a: Authed, body: axum::body::Body) -> Page {
    let form = untranslated_sources(&a, crate::ui::post_form(&a, body).await?);
    let current = rp::prices(&a.web.state.app, &a.ctx()).await.or_page(&a)?;
    let result = match read_prices(&form, current.clone()) {
        Ok(p) => rp::save_prices(&a.web.state.app, &a.ctx(), p).await,
        Err(v) => Err(AppError::Validation(v)),
    };
    match result {
        Ok(()) => Ok(crate::ui::see_other("/reports/prices")),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            let mut rows = price_rows(&a, &current, &e);
            // Show what was typed.
            for r in &mut rows {
                for (field, slot) in
                    [("value", &mut r.value), ("low", &mut r.low), ("high", &mut r.high), ("source", &mut r.source), ("year", &mut r.year)]
                {
                    *slot = form.get(&format!("{}.{field}", r.name)).to_owned();
                }
            }
            let mut page = settings_page(&a, &current, e, None).await.or_page(&a)?;
            page.rows = rows;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(a.fail(&e)),
    }
}

// ---------------------------------------------------------------- pooling from summaries

#[derive(Template)]
#[template(path = "measurement/pool.html")]
pub struct PoolPage {
    pub c: Chrome,
    pub f: FormData,
    pub e: Errs,
    pub methods: Vec<(String, String)>,
    pub body: String,
}

fn pool_page(a: &Authed, f: FormData, e: Errs, body: String) -> PoolPage {
    let tr = &a.web.tr;
    PoolPage {
        c: Chrome::new(a, tr.t("pool-title")),
        methods: vec![("reml".into(), tr.t("rpt-method-reml")), ("dl".into(), tr.t("rpt-method-dl"))],
        f,
        e,
        body,
    }
}

/// `GET /reports/pool`: the form for pooling partners' per-site summaries.
pub async fn pool_form(a: Authed) -> Page {
    let f = FormData::from_vec(vec![
        ("summaries".into(), "site,n,mean_pre,mean_post,sd_pre,r\n".into()),
        ("direction".into(), "higher".into()),
    ]);
    Ok(render(&pool_page(&a, f, Errs::none(), String::new())))
}

/// `POST /reports/pool`: pools the summaries and shows them, or sends them as PDF or XLSX.
pub async fn pool_post(a: Authed, body: axum::body::Body) -> Page {
    let f = crate::ui::post_form(&a, body).await?;
    let method = if f.get("method") == "dl" { Method::Dl } else { Method::Reml };
    let higher = f.get("direction") != "lower";
    match rp::pool_summaries(f.get("summaries"), method, f.get("hk") != "off") {
        Ok(p) => {
            let today = sammen_domain::time::format_date(a.s.zone.today(a.web.state.app.now()));
            let mut doc = rp::pool_document(&p, higher, &today, &a.web.state.i18n, a.web.tr.lang);
            doc.created = Some(a.web.state.app.now().rfc3339());
            let kind = match f.get("format") {
                "pdf" => Some(Kind::Pdf),
                "xlsx" => Some(Kind::Xlsx),
                "csv" => Some(Kind::Csv),
                _ => None,
            };
            match kind {
                Some(kind) => {
                    let (bytes, mime, ext) =
                        file_of(kind, &doc, || sammen_app::measurement::report_csv::pooled_csv(&p, a.web.tr.numbers())).or_page(&a)?;
                    Ok(crate::download::file(mime, &format!("{}-{today}.{ext}", a.web.tr.t("file-pooled")), bytes))
                }
                _ => {
                    let body = format!("<h2 id=\"report-title\">{}</h2>{}", esc(&doc.title), report_html(&doc));
                    Ok(render(&pool_page(&a, f, Errs::none(), body)))
                }
            }
        }
        Err(err) => {
            let tr = &a.web.tr;
            // A bad line is named in the field's own error (and so in the summary at the top):
            // "Linje 5, kolonne 4 (mean_post): »x« er ikke et tal."
            let e = match &err {
                rp::PoolInputError::File(c) => Errs::described("summaries", crate::people::import::describe(tr, c)),
                _ => Errs::from(tr, &ValidationErrors::single("summaries", err.message_id())),
            };
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &pool_page(&a, f, e, String::new())))
        }
    }
}
