//! The workforce overview: one page with SVG charts, and the same figures as
//! CSV (a long, stable shape for other tools), XLSX and PDF. The document is built once here,
//! in the reader's language, and drawn by `sammen_reports`.

use askama::Template;
use sammen_app::workforce::overview::{self as wo, Overview};
use sammen_domain::time::format_date;
use sammen_reports::{Bar, BarValue, Bars, Block, Cell, Chart, ChartKind, Column, Report, Table};

use crate::i18n::Tr;
use crate::measurement::pages::num;
use crate::session::Authed;
use crate::ui::{Chrome, OrPage, Page, render};

#[derive(Template)]
#[template(path = "workforce/overview.html")]
pub struct OverviewPage {
    pub c: Chrome,
    /// The rendered document (trusted HTML built by `report_html`, every text escaped).
    pub body: String,
}

/// The overview as a document: key figures, head count and hours by engagement and by role,
/// training coverage, supervision compliance and turnover, with two charts.
pub fn document(tr: &Tr, o: &Overview, org_name: &str, zone: &sammen_domain::time::Zone) -> Report {
    let f = &o.figures;
    let numbers = tr.numbers();
    let hours_total: f64 = f.by_kind.iter().map(|(_, s)| s.hours_per_week).sum();
    let percent = |p: f64| format!("{} %", num(tr, 100.0 * p, 0));
    let trained_text = o.training.share().map_or_else(|| "–".to_owned(), percent);
    let t = &f.turnover;
    let rate = t.rate().map(|r| format!("{} %", num(tr, 100.0 * r, 0))).unwrap_or_else(|| "–".to_owned());
    let mut blocks = vec![Block::KeyValues(vec![
        (tr.t("wfo-head-count"), f.head_count.to_string()),
        (tr.t("wfo-hours"), num(tr, hours_total, 1)),
        (tr.t("wfo-fte"), num(tr, hours_total / 37.0, 1)),
        (tr.t("wfo-trained"), format!("{trained_text} ({} / {})", o.training.trained, o.training.required)),
        (tr.t("wfo-turnover-rate"), rate.clone()),
    ])];

    blocks.push(Block::Heading(1, tr.t("wfo-by-engagement")));
    let staffing_columns =
        |first: String| vec![Column::left(first), Column::right(tr.t("wfo-people")).fixed(0), Column::right(tr.t("wfo-hours")).fixed(1)];
    blocks.push(Block::Table(Table {
        caption: tr.t("wfo-by-engagement"),
        columns: staffing_columns(tr.t("engagement-kind")),
        rows: f
            .by_kind
            .iter()
            .map(|(k, s)| {
                vec![
                    Cell::text(tr.code("engagement-kind", k.code())),
                    Cell::number(s.people.to_string(), s.people as f64),
                    Cell::number(num(tr, s.hours_per_week, 1), s.hours_per_week),
                ]
            })
            .collect(),
        footnote: Some(tr.t("wfo-head-count-note")),
    }));

    blocks.push(Block::Heading(1, tr.t("wfo-by-role")));
    let role_label = |k: &Option<String>| k.as_deref().map_or_else(|| tr.t("engagement-no-role"), |k| o.role_title(k));
    blocks.push(Block::Table(Table {
        caption: tr.t("wfo-by-role"),
        columns: staffing_columns(tr.t("engagement-role")),
        rows: f
            .by_role
            .iter()
            .map(|(k, s)| {
                vec![
                    Cell::text(role_label(k)),
                    Cell::number(s.people.to_string(), s.people as f64),
                    Cell::number(num(tr, s.hours_per_week, 1), s.hours_per_week),
                ]
            })
            .collect(),
        footnote: None,
    }));
    if !f.by_role.is_empty() {
        blocks.push(Block::Chart(Chart {
            title: tr.t("wfo-hours-chart"),
            description: f
                .by_role
                .iter()
                .map(|(k, s)| format!("{}: {} {}", role_label(k), num(tr, s.hours_per_week, 1), tr.t("wfo-hours-unit")))
                .collect::<Vec<_>>()
                .join("; "),
            x_label: tr.t("wfo-hours"),
            y_label: tr.t("engagement-role"),
            numbers,
            kind: ChartKind::Bars(Bars {
                bars: f
                    .by_role
                    .iter()
                    .map(|(k, s)| Bar {
                        label: role_label(k),
                        value: BarValue::Value(s.hours_per_week),
                        text: num(tr, s.hours_per_week, 1),
                    })
                    .collect(),
                max: None,
            }),
        }));
    }

    blocks.push(Block::Heading(1, tr.t("wfo-compliance")));
    // One line per requirement: (label, met, not met, share). The table and the chart are
    // drawn from the same lines, and training's comes from `TrainingCoverage`, the overview's
    // one definition of trained (its key figure above too).
    let mut lines: Vec<(String, usize, usize, Option<f64>)> =
        vec![(tr.t("wfo-training"), o.training.trained, o.training.untrained(), o.training.share())];
    for s in &o.supervision {
        let whole = s.on_time + s.overdue;
        let share = (whole > 0).then(|| s.on_time as f64 / whole as f64);
        lines.push((tr.code("wfo-supervision", &s.kind), s.on_time, s.overdue, share));
    }
    // The share column holds the fraction behind the percentage, for the spreadsheet.
    let rows: Vec<Vec<Cell>> = lines
        .iter()
        .map(|(label, met, not_met, share)| {
            vec![
                Cell::text(label),
                Cell::number(met.to_string(), *met as f64),
                Cell::number(not_met.to_string(), *not_met as f64),
                share.map_or_else(|| Cell::text("–"), |p| Cell::number(percent(p), p)),
            ]
        })
        .collect();
    let bars: Vec<Bar> = lines
        .iter()
        .filter_map(|(label, _, _, share)| share.map(|p| Bar { label: label.clone(), value: BarValue::Value(100.0 * p), text: percent(p) }))
        .collect();
    blocks.push(Block::Table(Table {
        caption: tr.t("wfo-compliance"),
        columns: vec![
            Column::left(tr.t("wfo-requirement")),
            Column::right(tr.t("wfo-met")).fixed(0),
            Column::right(tr.t("wfo-not-met")).fixed(0),
            Column::right(tr.t("wfo-share")).percent(0),
        ],
        rows,
        footnote: Some(tr.t("wfo-compliance-note")),
    }));
    if !bars.is_empty() {
        blocks.push(Block::Chart(Chart {
            title: tr.t("wfo-compliance-chart"),
            description: bars.iter().map(|b| format!("{}: {}", b.label, b.text)).collect::<Vec<_>>().join("; "),
            x_label: tr.t("wfo-share"),
            y_label: String::new(),
            numbers,
            kind: ChartKind::Bars(Bars { bars, max: Some(100.0) }),
        }));
    }

    blocks.push(Block::Heading(1, tr.t("wfo-turnover")));
    blocks.push(Block::Paragraph(tr.i18n.t_args(
        tr.lang,
        "wfo-turnover-period",
        &[("from", sammen_i18n::Arg::from(format_date(t.from))), ("to", sammen_i18n::Arg::from(format_date(t.to)))],
    )));
    blocks.push(Block::KeyValues(vec![
        (tr.t("wfo-at-start"), t.at_start.to_string()),
        (tr.t("wfo-at-end"), t.at_end.to_string()),
        (tr.t("wfo-starters"), t.starters.to_string()),
        (tr.t("wfo-leavers"), t.leavers.to_string()),
        (tr.t("wfo-turnover-rate"), rate),
    ]));
    blocks.push(Block::Note(tr.t("wfo-turnover-note")));

    Report {
        title: tr.t("wfo-title"),
        subtitle: Some(format!("{org_name} · {}", format_date(f.on))),
        generated_label: tr.s("wfo-made", "date", &o.made_at.short_in(zone)),
        page_label: tr.t("rpt-page"),
        blocks,
        lang: tr.lang.code().to_owned(),
        created: Some(o.made_at.rfc3339()),
    }
}

fn org_name(a: &Authed) -> String {
    a.s.orgs.iter().find(|o| Some(o.id) == a.s.org).map(|o| o.name.clone()).unwrap_or_default()
}

pub async fn page(a: Authed) -> Page {
    let o = wo::overview(&a.web.state.app, &a.ctx(), false).await.or_page(&a)?;
    let doc = document(&a.web.tr, &o, &org_name(&a), &a.s.zone);
    Ok(render(&OverviewPage { c: Chrome::new(&a, a.web.tr.t("wfo-title")), body: crate::measurement::report::report_html(&doc) }))
}

async fn download(a: Authed, kind: &str) -> Page {
    let o = wo::overview(&a.web.state.app, &a.ctx(), true).await.or_page(&a)?;
    let internal = |e: &dyn std::fmt::Display| a.fail(&sammen_app::AppError::Internal(e.to_string()));
    let (bytes, mime): (Vec<u8>, &str) = match kind {
        "csv" => (wo::csv(&o, a.web.tr.numbers()).map_err(|e| internal(&e))?, crate::download::CSV),
        "pdf" => (sammen_reports::pdf(&document(&a.web.tr, &o, &org_name(&a), &a.s.zone)), crate::download::PDF),
        _ => (sammen_reports::xlsx(&document(&a.web.tr, &o, &org_name(&a), &a.s.zone)).map_err(|e| internal(&e))?, crate::download::XLSX),
    };
    let name = format!("{}-{}.{kind}", a.web.tr.t("file-workforce-overview"), format_date(o.figures.on));
    Ok(crate::download::file(mime, &name, bytes))
}

pub async fn csv(a: Authed) -> Page {
    download(a, "csv").await
}

pub async fn xlsx(a: Authed) -> Page {
    download(a, "xlsx").await
}

pub async fn pdf(a: Authed) -> Page {
    download(a, "pdf").await
}
