//! The programme page's outcomes: the life outcomes and the CHIME profile of everyone who
//! started in the programme, as the evaluation report shows them (the same blocks, small
//! counts hidden), for those who may see the organisation's reports.

use sammen_app::measurement::report_outcomes;
use sammen_domain::ProgrammeId;
use sammen_reports::Report;

use crate::session::Authed;
use crate::ui::OrPage;
use crate::ui::chart::esc;

/// The section as HTML, or `None` when the actor may not see the organisation's reports.
pub async fn programme_section(a: &Authed, id: ProgrammeId) -> Result<Option<String>, axum::response::Response> {
    let Some(section) = report_outcomes::for_programme(&a.web.state.app, &a.ctx(), id).await.or_page(a)? else {
        return Ok(None);
    };
    let tr = &a.web.tr;
    let doc = Report {
        title: String::new(),
        subtitle: None,
        generated_label: String::new(),
        page_label: String::new(),
        blocks: report_outcomes::blocks(Some(&section), 2, &a.web.state.i18n, tr.lang),
        lang: tr.lang.code().to_owned(),
        created: None,
    };
    Ok(Some(format!(
        "<section class=\"card\" id=\"outcomes\" aria-labelledby=\"h-outcomes\"><h2 id=\"h-outcomes\">{}</h2><p>{} <a href=\"/reports\">{}</a>.</p>{}</section>",
        esc(&tr.t("outcomes-programme")),
        esc(&tr.t("outcomes-programme-intro")),
        esc(&tr.t("outcomes-programme-report")),
        super::report::report_html(&doc),
    )))
}
