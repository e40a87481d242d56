//! Life outcomes and the CHIME profile in the evaluation report and on the programme page:
//! counted per person from their start to the end of the period, small counts hidden with the
//! counts that would give them away, the CHIME check-in's subscales paired at the start and the
//! follow-up with means only for large enough groups, and only for those who may see reports.

use sammen_app::measurement as ms;
use sammen_app::measurement::report::{self as rp, ReportRequest, ReportScope};
use sammen_app::measurement::report_outcomes::{self as ro, OUTCOME_KINDS};
use sammen_app::people as app_people;
use sammen_app::{Ctx, directory};
use sammen_domain::directory::ProgrammeInput;
use sammen_domain::measurement::{LifeEventInput, LifeEventKind, PlanInput, ResponseSource};
use sammen_domain::people::{ParticipantInput, Role};
use sammen_domain::{OrgId, ParticipantId, ProgrammeId};
use sammen_evaluation::{Cell, Method, SuppressionRules};
use sammen_store::audit::AuditFilter;

use crate::harness::*;

const WEEK: i64 = 7 * 86_400;
const CHECK_IN: &str = "sammen-chime-checkin";

struct Site {
    org: OrgId,
    coordinator: Ctx,
    programme: ProgrammeId,
    small: ProgrammeId,
}

async fn site(env: &Env) -> Site {
    let org = env.org("Udfaldby Kommune", false).await;
    let user = env.staff(org, "koordinator@udfaldby.test", Role::Coordinator).await;
    let coordinator = env.ctx(user, org).await;
    let mut ids = Vec::new();
    for name in ["Peerstøtte Udfaldby", "Lille Udfaldby"] {
        let p = ProgrammeInput::parse(name, None, &["individual".into()], &["phone".into()], "", true).unwrap();
        ids.push(directory::save_programme(&env.app, &coordinator, None, p).await.unwrap().id);
    }
    let plan = PlanInput::parse(CHECK_IN, true, Some("4"), false, None, None, None).unwrap();
    ms::create_plan(&env.app, &coordinator, ids[0], plan).await.unwrap();
    Site { org, coordinator, programme: ids[0], small: ids[1] }
}

async fn person(env: &Env, s: &Site, programme: ProgrammeId, name: &str) -> ParticipantId {
    let programme = programme.to_string();
    let input = ParticipantInput::parse(Some(name), None, None, None, None, None, Some(&programme), "active", "da", 2026).unwrap();
    app_people::create_participant(&env.app, &s.coordinator, input, None).await.unwrap().id
}

/// Answers the check-in of `wave` on paper: every process `level`, hope `hope`.
async fn check_in(env: &Env, s: &Site, p: ParticipantId, wave: &str, level: &str, hope: &str) {
    let o = ms::participant_measurements(&env.app, &s.coordinator, p).await.unwrap();
    let inv = o.invitations.iter().find(|i| i.wave == wave).unwrap().id;
    let r = ms::start_response(&env.app, &s.coordinator, p, CHECK_IN, ResponseSource::Paper, Some(inv)).await.unwrap();
    let answers: Vec<(String, String)> = ["connectedness", "hope", "identity", "meaning", "empowerment"]
        .iter()
        .map(|d| ((*d).to_owned(), if *d == "hope" { hope } else { level }.to_owned()))
        .collect();
    ms::save_response(&env.app, &s.coordinator, r, answers, true).await.unwrap();
}

async fn event(env: &Env, s: &Site, p: ParticipantId, kind: &str, on: time::Date) {
    let ev = LifeEventInput::parse(kind, &on.to_string(), None, None, "staff", None, env.now().date()).unwrap();
    ms::add_life_event(&env.app, &s.coordinator, p, ev).await.unwrap();
}

fn request(scope: ReportScope, rules: SuppressionRules) -> ReportRequest {
    ReportRequest {
        scope,
        instrument: CHECK_IN.into(),
        scale: None,
        wave: "week-4".into(),
        from: None,
        to: None,
        method: Method::Reml,
        hartung_knapp: true,
        rules,
        cost: None,
    }
}

fn kind(k: LifeEventKind) -> usize {
    OUTCOME_KINDS.iter().position(|x| *x == k).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn life_outcomes_and_the_chime_profile_are_counted_paired_and_suppressed() {
    on_every_backend("outcomes", |env| async move {
        let b = env.backend;
        let s = site(&env).await;
        let start = env.now().date();
        let mut big = Vec::new();
        for i in 0..12 {
            big.push(person(&env, &s, s.programme, &format!("Deltager {i}")).await);
        }
        let mut small = Vec::new();
        for i in 0..3 {
            small.push(person(&env, &s, s.small, &format!("Lille {i}")).await);
        }
        for p in &big {
            check_in(&env, &s, *p, "baseline", "1", "1").await;
        }
        env.clock.advance_seconds(4 * WEEK + 60);
        ms::run_schedule(&env.app).await.unwrap();
        for p in big.iter().skip(1) {
            check_in(&env, &s, *p, "week-4", "3", "2").await;
        }
        let today = env.now().date();
        // Six of the twelve got a job (one of them twice), two did volunteer work; one job
        // before the start does not count; one in the small programme got a job.
        for p in big.iter().take(6) {
            event(&env, &s, *p, "job_started", today).await;
        }
        event(&env, &s, big[0], "job_started", today - time::Duration::days(3)).await;
        event(&env, &s, big[6], "volunteer_work", today).await;
        event(&env, &s, big[7], "volunteer_work", today).await;
        event(&env, &s, big[8], "job_started", start - time::Duration::days(10)).await;
        event(&env, &s, small[0], "job_started", today).await;

        // The programme's report: one site.
        let data =
            rp::compute(&env.app, &s.coordinator, request(ReportScope::Programme(s.programme), SuppressionRules::default())).await.unwrap();
        let o = data.outcomes.as_ref().unwrap();
        let life = &o.life;
        assert_eq!(life.overall.followed, Cell::Shown(12), "{b}: everyone who started is followed");
        assert_eq!(life.overall.counts[kind(LifeEventKind::JobStarted)], Cell::Shown(6), "{b}: once per person, from the start");
        assert_eq!(life.overall.counts[kind(LifeEventKind::VolunteerWork)], Cell::Suppressed, "{b}: 2 < 5");
        assert_eq!(life.sites[0].counts[kind(LifeEventKind::VolunteerWork)], Cell::Suppressed, "{b}: the site too");
        assert_eq!(life.overall.counts[OUTCOME_KINDS.len()], Cell::Shown(8), "{b}: any change");
        assert_eq!(life.overall.counts[kind(LifeEventKind::NewRelation)], Cell::Shown(0), "{b}: zeros are shown");
        // The CHIME subscales: 25 at the start (level 1), 75 at week 4 (level 3), hope 50.
        let c = &o.chime;
        assert_eq!((c.baseline_people, c.follow_up_people), (Cell::Shown(12), Cell::Shown(11)), "{b}");
        let hope = c.domains.iter().find(|d| d.domain == "hope").unwrap();
        assert_eq!(hope.people, Cell::Shown(11), "{b}: paired people only");
        assert_eq!((hope.baseline, hope.follow_up, hope.change), (Some(25.0), Some(50.0), Some(25.0)), "{b}");
        let meaning = c.domains.iter().find(|d| d.domain == "meaning").unwrap();
        assert_eq!((meaning.baseline, meaning.follow_up), (Some(25.0), Some(75.0)), "{b}");
        assert!(data.suppressed_cells >= o.hidden && o.hidden >= 2, "{b}");

        // The subscale is stored like any other and reported through the change section too.
        let mut by_scale = request(ReportScope::Programme(s.programme), SuppressionRules::default());
        by_scale.scale = Some("hope".into());
        let d = rp::compute(&env.app, &s.coordinator, by_scale).await.unwrap();
        let st = d.overall.stats.as_ref().unwrap();
        assert_eq!((st.n, st.mean_pre, st.mean_post), (11, Some(25.0), Some(50.0)), "{b}");

        // A stricter group size hides the means but keeps the counts.
        let strict = SuppressionRules { min_count: 5, min_group_for_statistics: 12 };
        let d = rp::compute(&env.app, &s.coordinator, request(ReportScope::Programme(s.programme), strict)).await.unwrap();
        let hope = d.outcomes.as_ref().unwrap().chime.domains.iter().find(|d| d.domain == "hope").unwrap().clone();
        assert_eq!((hope.people, hope.baseline, hope.change), (Cell::Shown(11), None, None), "{b}");

        // The organisation's report: two sites. The small programme's one job is hidden, and so
        // is the large one's, which would give it away from the overall 7.
        let data =
            rp::compute(&env.app, &s.coordinator, request(ReportScope::Organisation(s.org), SuppressionRules::default())).await.unwrap();
        let life = &data.outcomes.as_ref().unwrap().life;
        let names: Vec<&str> = life.sites.iter().map(|x| x.site.as_str()).collect();
        assert_eq!(names, ["Lille Udfaldby", "Peerstøtte Udfaldby"], "{b}");
        let job = kind(LifeEventKind::JobStarted);
        assert_eq!(life.overall.counts[job], Cell::Shown(7), "{b}");
        assert_eq!((life.sites[0].counts[job], life.sites[1].counts[job]), (Cell::Suppressed, Cell::Suppressed), "{b}");
        assert_eq!(
            (life.sites[0].followed, life.sites[1].followed, life.overall.followed),
            (Cell::Suppressed, Cell::Suppressed, Cell::Shown(15)),
            "{b}"
        );

        // The document and the CSV carry both sections, with `x` where hidden.
        let i18n = sammen_i18n::I18n::new().unwrap();
        let doc = rp::document(&data, &i18n, sammen_i18n::Lang::Da);
        let headings: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|x| match x {
                sammen_reports::Block::Heading(_, t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert!(headings.contains(&"Ændringer i livet") && headings.contains(&"CHIME-profil"), "{b}: {headings:?}");
        let csv = String::from_utf8(sammen_app::measurement::report_csv::report_csv(&data, sammen_reports::NumberStyle::Danish).unwrap())
            .unwrap();
        assert!(csv.contains("\r\nlife_outcome:job_started;overall;;7\r\n"), "{b}: {csv}");
        assert!(csv.contains("\r\nlife_outcome:job_started;site;Lille Udfaldby;x\r\n"), "{b}: {csv}");
        assert!(csv.contains("\r\nchime_mean_follow_up:hope;overall;;50\r\n"), "{b}: {csv}");

        // The programme page: each person's latest follow-up, for those who may see reports,
        // audited as an aggregate read.
        let page = ro::for_programme(&env.app, &s.coordinator, s.programme).await.unwrap().unwrap();
        assert_eq!(page.chime.follow_up, "latest", "{b}");
        assert_eq!(page.life.overall.counts[job], Cell::Shown(6), "{b}");
        let hope = page.chime.domains.iter().find(|d| d.domain == "hope").unwrap();
        assert_eq!((hope.baseline, hope.follow_up), (Some(25.0), Some(50.0)), "{b}");
        let records = env.audit_records(AuditFilter { subject: Some(s.programme.to_string()), ..AuditFilter::default() }).await;
        assert!(
            records.iter().any(|r| r.event.subject_type == "report" && r.event.purpose.contains("programme_outcomes;suppressed=")),
            "{b}: {records:?}"
        );
        let peer = env.staff(s.org, "peer@udfaldby.test", Role::PeerWorker).await;
        let peer = env.ctx(peer, s.org).await;
        assert!(ro::for_programme(&env.app, &peer, s.programme).await.unwrap().is_none(), "{b}: a peer worker sees no reports");
        let other = env.org("Andetsted Kommune", false).await;
        let outsider = env.staff(other, "koordinator@andetsted.test", Role::Coordinator).await;
        let outsider = env.ctx(outsider, other).await;
        assert!(ro::for_programme(&env.app, &outsider, s.programme).await.unwrap().is_none(), "{b}: another organisation's coordinator");
    })
    .await;
}
