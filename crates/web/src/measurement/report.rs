//! Evaluation reports: the form, the report as a web page (SVG charts), and the same report
//! as PDF and XLSX downloads. The report itself is built once by `app::report::document`.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use sammen_app::AppError;
use sammen_app::measurement::report::{self as rp, ReportRequest, ReportScope};
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
    /// The rendered report (trusted HTML built here, every text escaped), or empty.
    pub body: String,
    pub pdf: String,
    pub xlsx: String,
    pub csv: String,
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
    // Costs are optional: given as soon as the peer hours are.
    let hours = |name: &str, e: &mut ValidationErrors| -> Option<f64> {
        let raw = f.get(name).trim().replace(',', ".");
        if raw.is_empty() {
            return Some(0.0);
        }
        match raw.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Some(v),
            _ => {
                e.add(name, "err-cost-not-a-number");
                None
            }
        }
    };
    let cost = if f.get("peer_hours").trim().is_empty() {
        None
    } else {
        let period = f.get("period_months").trim().parse::<u32>().ok().filter(|m| (1..=60).contains(m));
        if period.is_none() {
            e.add("period_months", "err-number-range");
        }
        let peer_hours = hours("peer_hours", &mut e);
        let supervision_hours = hours("supervision_hours", &mut e);
        let coordination_hours = hours("coordination_hours", &mut e);
        let peers_trained = hours("peers_trained", &mut e).map(|v| v.round() as u64);
        match (period, peer_hours, supervision_hours, coordination_hours, peers_trained) {
            (Some(period_months), Some(peer_hours), Some(supervision_hours), Some(coordination_hours), Some(peers_trained)) => {
                Some(rp::CostRequest { period_months, peer_hours, supervision_hours, peers_trained, coordination_hours })
            }
            _ => None,
        }
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

async fn scopes(a: &Authed) -> Vec<(String, String)> {
    let tr = &a.web.tr;
    let app = &a.web.state.app;
    let ctx = a.ctx();
    let mut out = Vec::new();
    if let Ok(list) = sammen_app::directory::list_partnerships(app, &ctx).await {
        for p in list {
            out.push((format!("partnership:{}", p.id), format!("{} ({})", p.name, tr.t("rpt-scope-partnership"))));
        }
    }
    if let Some(org) = ctx.org {
        let name = a.s.orgs.iter().find(|o| o.id == org).map(|o| o.name.clone()).unwrap_or_default();
        out.push((format!("organisation:{org}"), format!("{name} ({})", tr.t("rpt-scope-organisation"))));
        if let Ok((programmes, _)) = sammen_app::directory::list_programmes(app, &ctx, sammen_store::Page { offset: 0, limit: 500 }).await {
            for p in programmes {
                out.push((format!("programme:{}", p.id), format!("{} ({})", p.name, tr.t("rpt-scope-programme"))));
            }
        }
    }
    out
}

fn instruments(a: &Authed) -> Vec<(String, String)> {
    let lang = if a.web.tr.lang == sammen_i18n::Lang::Da { sammen_instruments::Lang::Da } else { sammen_instruments::Lang::En };
    sammen_app::measurement::shipped_definitions()
        .map(|defs| defs.iter().map(|d| (d.id.clone(), d.title.get(lang).unwrap_or(&d.id).to_owned())).collect())
        .unwrap_or_default()
}

async fn page(a: &Authed, f: FormData, e: Errs, body: String) -> ReportPage {
    let tr = &a.web.tr;
    let query = serde_urlencoded::to_string(f.pairs()).unwrap_or_default();
    let has = !body.is_empty();
    ReportPage {
        c: Chrome::new(a, tr.t("nav-reports")),
        scopes: scopes(a).await,
        instruments: instruments(a),
        methods: vec![("reml".into(), tr.t("rpt-method-reml")), ("dl".into(), tr.t("rpt-method-dl"))],
        pdf: if has { format!("/reports/report.pdf?{query}") } else { String::new() },
        xlsx: if has { format!("/reports/report.xlsx?{query}") } else { String::new() },
        csv: if has { format!("/reports/report.csv?{query}") } else { String::new() },
        f,
        e,
        body,
    }
}

/// `GET /reports`: the form, and the report when one was asked for.
pub async fn show(a: Authed, RawQuery(q): RawQuery) -> Page {
    let f = FormData::query(q.as_deref());
    let req = match request(&f) {
        Ok(None) => return Ok(render(&page(&a, f, Errs::none(), String::new()).await)),
        Ok(Some(r)) => r,
        Err(v) => {
            let e = Errs::from(&a.web.tr, &v);
            return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page(&a, f, e, String::new()).await));
        }
    };
    match rp::compute(&a.web.state.app, &a.ctx(), req).await {
        Ok(data) => {
            let doc = rp::document(&data, &a.web.state.i18n, a.web.tr.lang);
            let body = format!("<h2 id=\"report-title\">{}</h2>{}", esc(&doc.title), report_html(&doc));
            Ok(render(&page(&a, f, Errs::none(), body).await))
        }
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page(&a, f, e, String::new()).await))
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
            unit: price.unit.clone(),
            value: n(price.value),
            low: n(price.low),
            high: n(price.high),
            source: price.source.clone(),
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
    let form = crate::ui::post_form(&a, body).await?;
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
    pub detail: String,
    pub body: String,
}

fn pool_page(a: &Authed, f: FormData, e: Errs, detail: String, body: String) -> PoolPage {
    let tr = &a.web.tr;
    PoolPage {
        c: Chrome::new(a, tr.t("pool-title")),
        methods: vec![("reml".into(), tr.t("rpt-method-reml")), ("dl".into(), tr.t("rpt-method-dl"))],
        f,
        e,
        detail,
        body,
    }
}

/// `GET /reports/pool`: the form for pooling partners' per-site summaries.
pub async fn pool_form(a: Authed) -> Page {
    let f = FormData::from_vec(vec![
        ("summaries".into(), "site,n,mean_pre,mean_post,sd_pre,r\n".into()),
        ("direction".into(), "higher".into()),
    ]);
    Ok(render(&pool_page(&a, f, Errs::none(), String::new(), String::new())))
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
                    Ok(render(&pool_page(&a, f, Errs::none(), String::new(), body)))
                }
            }
        }
        Err(err) => {
            let tr = &a.web.tr;
            let detail = match &err {
                rp::PoolInputError::File(c) => crate::people::import::describe(tr, c),
                _ => String::new(),
            };
            let e = Errs::from(tr, &ValidationErrors::single("summaries", err.message_id()));
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &pool_page(&a, f, e, detail, String::new())))
        }
    }
}
