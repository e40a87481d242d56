//! Evaluation reports from stored answers: the same numbers as the evaluation crate
//! computes from the scores, small groups suppressed, partners' data only under an agreement,
//! and only for those the policy names.

#[path = "../../../../reports/tests/common/xlsx_model.rs"]
pub(super) mod xlsx_model;

use sammen_app::measurement as ms;
use sammen_app::measurement::report::{self as rp, ReportRequest, ReportScope};
use sammen_app::people as app_people;
use sammen_app::{AppError, Ctx, directory};
use sammen_domain::directory::{PartnershipInput, ProgrammeInput};
use sammen_domain::measurement::{PlanInput, ResponseSource};
use sammen_domain::people::{ParticipantInput, Role};
use sammen_domain::{OrgId, ParticipantId, ProgrammeId};
use sammen_evaluation::{ChangeRow, Method, SuppressionRules, Wave, change_report};
use sammen_store::audit::AuditFilter;

use crate::harness::*;

const WEEK: i64 = 7 * 86_400;

struct Site {
    org: OrgId,
    coordinator: Ctx,
    programme: ProgrammeId,
}

async fn site(env: &Env, name: &str) -> Site {
    let org = env.org(name, false).await;
    let slug: String = name.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase();
    let user = env.staff(org, &format!("koordinator@{slug}.test"), Role::Coordinator).await;
    let coordinator = env.ctx(user, org).await;
    let programme =
        ProgrammeInput::parse(&format!("Peerstøtte {name}"), None, &["individual".into()], &["phone".into()], "", true).unwrap();
    let programme = directory::save_programme(&env.app, &coordinator, None, programme).await.unwrap().id;
    let plan = PlanInput::parse("who-5", true, Some("4"), false, None, None, None).unwrap();
    ms::create_plan(&env.app, &coordinator, programme, plan).await.unwrap();
    Site { org, coordinator, programme }
}

/// Answers a participant's open invitation of `wave` from paper, all five items with `code`.
async fn answer(env: &Env, s: &Site, p: ParticipantId, wave: &str, code: &str) -> f64 {
    let o = ms::participant_measurements(&env.app, &s.coordinator, p).await.unwrap();
    let inv = o.invitations.iter().find(|i| i.wave == wave).unwrap().id;
    let r = ms::start_response(&env.app, &s.coordinator, p, "who-5", ResponseSource::Paper, Some(inv)).await.unwrap();
    let answers: Vec<(String, String)> = (1..=5).map(|i| (i.to_string(), code.to_owned())).collect();
    ms::save_response(&env.app, &s.coordinator, r, answers, true).await.unwrap().score.unwrap()
}

/// The same statistics up to the last bits: the database may hand the pairs over in another
/// order, and floating-point sums depend on the order.
fn assert_same(a: &sammen_evaluation::ChangeStats, b: &sammen_evaluation::ChangeStats, what: &str) {
    assert_eq!((a.n, a.df), (b.n, b.df), "{what}");
    let (x, y) = (serde_json::to_value(a).unwrap(), serde_json::to_value(b).unwrap());
    for (k, v) in x.as_object().unwrap() {
        match (v.as_f64(), y[k].as_f64()) {
            (Some(p), Some(q)) => assert!((p - q).abs() <= 1e-9 * p.abs().max(1.0), "{what}: {k}: {p} vs {q}"),
            _ => assert_eq!(v, &y[k], "{what}: {k}"),
        }
    }
}

fn request(scope: ReportScope) -> ReportRequest {
    ReportRequest {
        scope,
        instrument: "who-5".into(),
        scale: None,
        wave: "week-4".into(),
        from: None,
        to: None,
        method: Method::Reml,
        hartung_knapp: true,
        rules: SuppressionRules::default(),
        cost: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partnership_report_agrees_with_the_statistics_and_hides_small_groups() {
    on_every_backend("report", |env| async move {
        let b = env.backend;
        let sites = [site(&env, "Aarby Kommune").await, site(&env, "Bebro Kommune").await, site(&env, "Cedervang Kommune").await];
        let outsider = site(&env, "Dalby Forening").await;
        let parties: Vec<String> = sites.iter().map(|s| s.org.to_string()).collect();
        let p = PartnershipInput::parse(
            "Fælles evaluering",
            "Samlet evaluering",
            "Art. 9, stk. 2, litra j",
            &["aggregate_outcomes".into()],
            "2026-01-01",
            None,
            &parties,
        )
        .unwrap();
        let partnership = directory::save_partnership(&env.app, &env.sys, None, p).await.unwrap().id;
        let p = PartnershipInput::parse(
            "Henvisninger",
            "Henvisninger mellem Aarby og Dalby",
            "Samtykke",
            &["referral_status".into()],
            "2026-01-01",
            None,
            &[sites[0].org.to_string(), outsider.org.to_string()],
        )
        .unwrap();
        let referrals = directory::save_partnership(&env.app, &env.sys, None, p).await.unwrap().id;

        // 12, 11 and 6 participants start; each answers at the start; all but one per site at week 4.
        let mut people = Vec::new();
        for (k, s) in sites.iter().chain([&outsider]).enumerate() {
            let count = [12, 11, 6, 10][k];
            for i in 0..count {
                let programme = s.programme.to_string();
                let input = ParticipantInput::parse(
                    Some(&format!("Deltager {k}-{i}")),
                    None,
                    None,
                    None,
                    None,
                    None,
                    Some(&programme),
                    "active",
                    "da",
                    2026,
                )
                .unwrap();
                let id = app_people::create_participant(&env.app, &s.coordinator, input, None).await.unwrap().id;
                people.push((k, i, id));
            }
        }
        let mut rows = Vec::new();
        for &(k, i, id) in &people {
            let pre = answer(&env, sites.get(k).unwrap_or(&outsider), id, "baseline", ["1", "2", "2", "3"][i % 4]).await;
            if k < 3 {
                rows.push(ChangeRow {
                    line: 0,
                    participant: id.to_string(),
                    site: ["Aarby Kommune", "Bebro Kommune", "Cedervang Kommune"][k].into(),
                    wave: Wave::Baseline,
                    score: pre,
                });
            }
        }
        env.clock.advance_seconds(4 * WEEK + 60);
        ms::run_schedule(&env.app).await.unwrap();
        for &(k, i, id) in &people {
            if i == 0 {
                continue; // one per site does not answer the follow-up
            }
            let post = answer(&env, sites.get(k).unwrap_or(&outsider), id, "week-4", ["2", "3", "2", "4", "5"][(i + k) % 5]).await;
            if k < 3 {
                rows.push(ChangeRow {
                    line: 0,
                    participant: id.to_string(),
                    site: ["Aarby Kommune", "Bebro Kommune", "Cedervang Kommune"][k].into(),
                    wave: Wave::Followup,
                    score: post,
                });
            }
        }

        let data = rp::compute(&env.app, &sites[0].coordinator, request(ReportScope::Partnership(partnership))).await.unwrap();
        let expected = change_report(&rows).unwrap();
        // Sites in name order; the two large ones shown with the evaluation crate's numbers.
        let names: Vec<&str> = data.sites.iter().map(|s| s.site.as_str()).collect();
        assert_eq!(names, ["Aarby Kommune", "Bebro Kommune", "Cedervang Kommune"], "{b}");
        for (shown, want) in data.sites.iter().zip(&expected.sites).take(2) {
            assert_same(shown.stats.as_ref().unwrap(), &want.stats, &format!("{b}: {}", shown.site));
        }
        assert_eq!(data.sites[0].stats.as_ref().unwrap().n, 11, "{b}: pairs only");
        // Cedervang has 5 pairs: fewer than 10, so no means or effects.
        assert!(data.sites[2].suppressed && data.sites[2].stats.is_none(), "{b}");
        assert_same(data.overall.stats.as_ref().unwrap(), &expected.overall, &format!("{b}: overall from every pair"));
        // Two sites may be shown: not pooled.
        assert!(data.pooled.is_none(), "{b}");
        assert_eq!(data.pooled_missing, Some("report-pool-too-few-sites"), "{b}");
        assert_eq!(data.effects.len(), 2, "{b}");
        // The flow: 29 started, 29 answered at the start, 26 analysed.
        assert_eq!((data.flow.overall.started, data.flow.overall.baseline, data.flow.overall.analysed), (29, 29, 26), "{b}");
        // WHO-5 has no published reliability in its definition: no reliable change, and the report says why.
        assert_eq!(data.reliable_missing, Some("report-rc-no-reliability"), "{b}");
        assert!(data.excluded.is_empty(), "{b}");
        assert!(data.suppressed_cells >= 1, "{b}");
        // The document reads in Danish, with the caveat and all three sites.
        let i18n = sammen_i18n::I18n::new().unwrap();
        let doc = rp::document(&data, &i18n, sammen_i18n::Lang::Da);
        let pdf = sammen_reports::pdf(&doc);
        // Read back by poppler; a cell's text may wrap over several lines.
        let text = sammen_test_support::tools::pdf_text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains("Evaluering: Fælles evaluering"), "{b}");
        assert!(text.contains("Ændring, ikke effekt"), "{b}");
        assert!(text.contains("færre end 10: ikke vist"), "{b}: Cedervang's row says why it is empty");
        // An accessible file: tagged in reading order, PDF/UA-1 and PDF/A-2 (docs/accessible-documents.md).
        let (_dir, path) = sammen_test_support::tools::temp_file("report.pdf", &pdf);
        sammen_test_support::tools::check_pdf(&[path.as_path()], &["--pdfa", "--expect-types", "H1,H2,Table,TH,TD,Figure,L"]);
        // The workbook: a sheet per table, the CI as two numbers, every value as the model has it.
        xlsx_model::check_workbook("report", &sammen_reports::xlsx(&doc).unwrap(), &doc);
        // The figures as CSV, in Danish: codes, `;`, decimal commas, and `x` where suppressed.
        let csv = String::from_utf8(sammen_app::measurement::report_csv::report_csv(&data, sammen_reports::NumberStyle::Danish).unwrap())
            .unwrap();
        assert!(csv.starts_with("\u{feff}measure;group;label;value\r\n"), "{b}: {csv}");
        assert!(csv.contains("\r\nchange_n;site;Aarby Kommune;11\r\n"), "{b}: {csv}");
        assert!(csv.contains("\r\nchange_n;site;Cedervang Kommune;x\r\n"), "{b}: {csv}");
        assert!(csv.contains("\r\nflow_started;overall;;29\r\n"), "{b}: {csv}");
        let ci_low = data.overall.stats.as_ref().unwrap().ci_low.unwrap();
        assert!(csv.contains(&format!("\r\nchange_ci_low;overall;;{}\r\n", ci_low.to_string().replace('.', ","))), "{b}: {csv}");

        // A party to an agreement without aggregate outcomes is left out, and the report says so.
        let data = rp::compute(&env.app, &sites[0].coordinator, request(ReportScope::Partnership(referrals))).await.unwrap();
        assert_eq!(data.excluded, ["Dalby Forening"], "{b}");
        assert_eq!(data.sites.iter().map(|s| s.site.as_str()).collect::<Vec<_>>(), ["Aarby Kommune"], "{b}");

        // Who may see reports: managers and evaluators of a party; never a peer worker or an outsider.
        let evaluator = env.staff(sites[1].org, "evaluator@bebro.test", Role::Evaluator).await;
        let evaluator = env.ctx(evaluator, sites[1].org).await;
        assert!(rp::compute(&env.app, &evaluator, request(ReportScope::Partnership(partnership))).await.is_ok(), "{b}");
        let peer = env.staff(sites[1].org, "peer@bebro.test", Role::PeerWorker).await;
        let peer = env.ctx(peer, sites[1].org).await;
        assert!(
            matches!(rp::compute(&env.app, &peer, request(ReportScope::Partnership(partnership))).await, Err(AppError::NotFound)),
            "{b}"
        );
        assert!(
            matches!(
                rp::compute(&env.app, &outsider.coordinator, request(ReportScope::Partnership(partnership))).await,
                Err(AppError::NotFound)
            ),
            "{b}: not a party"
        );
        assert!(
            matches!(
                rp::compute(&env.app, &outsider.coordinator, request(ReportScope::Programme(sites[0].programme))).await,
                Err(AppError::NotFound)
            ),
            "{b}"
        );
        // A bad request is refused with field errors.
        let mut bad = request(ReportScope::Organisation(sites[0].org));
        bad.wave = "baseline".into();
        bad.instrument = "nope".into();
        match rp::compute(&env.app, &sites[0].coordinator, bad).await {
            Err(AppError::Validation(v)) => {
                assert_eq!(v.message_for("wave"), Some("err-report-wave"), "{b}");
                assert_eq!(v.message_for("instrument"), Some("err-choice"), "{b}");
            }
            other => panic!("{b}: {other:?}"),
        }
        // Every report is audited as an export, with how many cells it hid.
        let records = env.audit_records(AuditFilter { action: Some("export".into()), ..Default::default() }).await;
        assert!(records.iter().any(|r| r.event.subject_type == "report" && r.event.purpose.contains("suppressed=")), "{b}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organisation_sets_its_own_prices_and_reference_table() {
    on_every_backend("report settings", |env| async move {
        let b = env.backend;
        let s = site(&env, "Aarby Kommune").await;
        // Sammen's prices: only the bed-day price has a source; the rest must be set.
        let defaults = rp::prices(&env.app, &s.coordinator).await.unwrap();
        assert!(defaults.peer_hourly_wage.needs_review && !defaults.bed_day_price.source.is_empty(), "{b}");
        let mut mine = defaults.clone();
        mine.peer_hourly_wage.value = 250.0;
        mine.peer_hourly_wage.low = 300.0;
        match rp::save_prices(&env.app, &s.coordinator, mine.clone()).await {
            Err(AppError::Validation(v)) => assert_eq!(v.message_for("peer_hourly_wage"), Some("err-cost-range-order"), "{b}"),
            other => panic!("{b}: {other:?}"),
        }
        mine.peer_hourly_wage.low = 200.0;
        mine.peer_hourly_wage.high = 300.0;
        mine.peer_hourly_wage.source = "Lokal aftale 2026".into();
        mine.peer_hourly_wage.needs_review = false;
        rp::save_prices(&env.app, &s.coordinator, mine.clone()).await.unwrap();
        assert_eq!(rp::prices(&env.app, &s.coordinator).await.unwrap(), mine, "{b}");
        let peer = env.staff(s.org, "peer@aarby.test", Role::PeerWorker).await;
        let peer = env.ctx(peer, s.org).await;
        assert!(rp::save_prices(&env.app, &peer, defaults.clone()).await.is_err(), "{b}: only managers set prices");

        // The reference table: Sammen's by default; a bad one is refused and changes nothing.
        let (table, own) = rp::reference_table(&env.app, &s.coordinator).await.unwrap();
        assert!(!own && table.contains("Lloyd-Evans"), "{b}");
        let bad = r#"{"note": "", "entries": [{"outcome": "happiness"}]}"#;
        match rp::save_reference_table(&env.app, &s.coordinator, bad.into()).await {
            Err(AppError::Validation(v)) => assert!(v.message_for("reference_table").is_some_and(|m| m.starts_with("err-context-")), "{b}"),
            other => panic!("{b}: {other:?}"),
        }
        assert!(!rp::reference_table(&env.app, &s.coordinator).await.unwrap().1, "{b}");
        let mut own_table: serde_json::Value = serde_json::from_str(&table).unwrap();
        own_table["entries"] = serde_json::json!([own_table["entries"][0].clone()]);
        rp::save_reference_table(&env.app, &s.coordinator, own_table.to_string()).await.unwrap();
        let (now, own) = rp::reference_table(&env.app, &s.coordinator).await.unwrap();
        assert!(own && serde_json::from_str::<serde_json::Value>(&now).unwrap()["entries"].as_array().unwrap().len() == 1, "{b}");
        let data = rp::compute(&env.app, &s.coordinator, request(ReportScope::Programme(s.programme))).await.unwrap();
        assert!(data.context.len() <= 1, "{b}: the report shows the organisation's table");
        rp::save_reference_table(&env.app, &s.coordinator, String::new()).await.unwrap();
        assert!(!rp::reference_table(&env.app, &s.coordinator).await.unwrap().1, "{b}: back to Sammen's");
    })
    .await;
}
