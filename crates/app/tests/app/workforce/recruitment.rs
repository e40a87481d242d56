//! Recruitment: the public application, the pipeline with who and when, the panel's scores and
//! who sees them, decisions with letters in the applicant's language, hiring making the peer
//! worker, and the deletion of applicants' data after the retention period.

use std::collections::BTreeSet;

use sammen_app::people as app_people;
use sammen_app::workforce::recruitment::{self as rc, LetterEdit};
use sammen_app::workforce::roles as wf;
use sammen_app::{AppError, Ctx};
use sammen_domain::audit::{AuditAction, AuditOutcome};
use sammen_domain::measurement::MessageKind;
use sammen_domain::people::Role;
use sammen_domain::workforce::recruitment::{ApplicationInput, InterviewInput, PostingInput, ScoresInput, Stage, check_attachments};
use sammen_domain::workforce::roles::RoleInput;
use sammen_domain::{ApplicationId, OrgId, PostingId, UserId};
use sammen_store::StoreError;
use sammen_store::audit::AuditFilter;

use crate::harness::*;

struct Rec {
    org: OrgId,
    coord: Ctx,
    admin: Ctx,
    sup: Ctx,
    sup_user: UserId,
    admin_user: UserId,
    posting: PostingId,
}

async fn setup(env: &Env, name: &str) -> Rec {
    let slug = name.to_lowercase().replace(' ', "");
    let org = env.org(name, false).await;
    let coord = env.staff(org, &format!("koordinator@{slug}.test"), Role::Coordinator).await;
    let coord = env.ctx(coord, org).await;
    let admin_user = env.staff(org, &format!("admin@{slug}.test"), Role::Administrator).await;
    let admin = env.ctx(admin_user, org).await;
    let sup_user = env.staff(org, &format!("supervisor@{slug}.test"), Role::Supervisor).await;
    let sup = env.ctx(sup_user, org).await;
    let role = RoleInput::parse(
        "Peer-medarbejder",
        "Støtte i recovery",
        "Samtaler",
        "outpatient_clinic",
        &["individual_support".into()],
        "paid",
        "15",
        "permanent",
        "Lytte",
        &[],
    )
    .unwrap();
    let role = wf::save_role(&env.app, &coord, None, role).await.unwrap();
    let (_, history) = wf::role(&env.app, &coord, role.id).await.unwrap();
    let key = history.last().unwrap().id.to_string();
    let input = PostingInput::parse(&key, "Vi søger en kollega", "Sundhedshuset", "2026-03-20", "2026-04-15", "open").unwrap();
    let posting = rc::save_posting(&env.app, &coord, None, input).await.unwrap();
    Rec { org, coord, admin, sup, sup_user, admin_user, posting }
}

async fn apply(env: &Env, r: &Rec, name: &str, lang: &str, address: &str) -> ApplicationId {
    let email = format!("{}@ansoeger.test", name.to_lowercase().replace(' ', "."));
    let input = ApplicationInput::parse(name, &email, None, lang, "Jeg vil gerne bruge min erfaring.", true).unwrap();
    let files = check_attachments(vec![("cv.png".into(), b"%PDF-1.4\n%%EOF\n".to_vec())]).unwrap();
    rc::apply(&env.app, r.org, r.posting, input, files, false, address, "POST /jobs/{organisation}/{posting}").await.unwrap();
    let (_, list) = rc::applications(&env.app, &r.coord, r.posting, None).await.unwrap();
    list.iter().find(|a| a.name == name).unwrap().id
}

fn scores(v: &str) -> ScoresInput {
    ScoresInput::parse(|_| Some(v), |c| if c == "hope" { Some("Stærk fortælling") } else { None }).unwrap()
}

async fn outbox(env: &Env, org: OrgId) -> Vec<sammen_store::rows::OutboxRow> {
    env.app.db.read(move |c| sammen_store::measurement::outbox_of(c, org, ALL)).await.unwrap().0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pipeline_records_who_and_when_and_the_panel_scores_blind() {
    on_every_backend("recruitment pipeline", |env| async move {
        let b = env.backend;
        let r = setup(&env, "Rekrutby Kommune").await;
        let id = apply(&env, &r, "Ane Ansøger", "da", "198.51.100.7").await;
        // The receipt is queued to the applicant, in Danish.
        let out = outbox(&env, r.org).await;
        assert_eq!(out.len(), 1, "{b}");
        assert_eq!((out[0].kind.code(), out[0].recipient.as_str()), ("application_received", "ane.ansøger@ansoeger.test"), "{b}");
        assert!(out[0].subject.contains("Vi har modtaget"), "{b}: {}", out[0].subject);

        // Not allowed: skipping a stage. Allowed: one step at a time, each recorded.
        let e = rc::move_stage(&env.app, &r.coord, id, Stage::Hired, None, None).await.unwrap_err();
        assert!(matches!(e, AppError::Validation(ref v) if v.message_for("stage") == Some("err-stage-move")), "{b}: {e:?}");
        env.clock.advance_seconds(3600);
        rc::move_stage(&env.app, &r.coord, id, Stage::Screening, Some("God ansøgning".into()), None).await.unwrap();
        rc::move_stage(&env.app, &r.admin, id, Stage::Interview, None, None).await.unwrap();
        let page = rc::application(&env.app, &r.coord, id).await.unwrap();
        let moves: Vec<_> = page.history.iter().map(|h| (h.from, h.to, h.by.clone())).collect();
        assert_eq!(moves.len(), 3, "{b}");
        assert_eq!(moves[0], (None, Stage::Received, None), "{b}");
        assert_eq!(moves[1].1, Stage::Screening, "{b}");
        assert!(moves[1].2.as_deref().unwrap().contains("koordinator@"), "{b}: {moves:?}");
        assert!(moves[2].2.as_deref().unwrap().contains("admin@"), "{b}");
        assert_eq!(page.history[1].at.micros() - page.history[0].at.micros(), 3600 * 1_000_000, "{b}");
        assert_eq!(page.attachments.len(), 1, "{b}");

        // A supervisor not on a panel sees nothing; one panel needs two people.
        assert!(matches!(rc::application(&env.app, &r.sup, id).await, Err(AppError::NotFound)), "{b}");
        let one = InterviewInput::parse("2026-03-10", "10:00", "Lokale 1", false, &[r.sup_user.to_string()]);
        assert!(one.is_err(), "{b}");
        let panel = [r.sup_user.to_string(), r.admin_user.to_string()];
        let iv = InterviewInput::parse("2026-03-10", "10:00", "Lokale 1", false, &panel).unwrap();
        let interview = rc::schedule_interview(&env.app, &r.coord, id, iv).await.unwrap();
        let out = outbox(&env, r.org).await;
        let inv = out.iter().find(|m| m.kind == MessageKind::InterviewInvitation).unwrap();
        assert!(inv.body.contains("2026-03-10 10:00"), "{b}: Danish local time in the invitation: {}", inv.body);

        // The supervisor finds it among their interviews; the coordinator, off the panel, has none.
        let mine = rc::my_interviews(&env.app, &r.sup).await.unwrap();
        assert_eq!((mine.len(), mine[0].application, mine[0].scored), (1, id, false), "{b}");
        assert!(rc::my_interviews(&env.app, &r.coord).await.unwrap().is_empty(), "{b}");
        // On the panel, the supervisor may see the application but not the scores until theirs are saved.
        rc::save_scores(&env.app, &r.admin, interview, scores("4")).await.unwrap();
        let seen = rc::application(&env.app, &r.sup, id).await.unwrap();
        assert!(!seen.can_manage, "{b}");
        assert!(seen.interviews[0].mine && seen.interviews[0].scores.is_none(), "{b}: hidden before scoring");
        rc::save_scores(&env.app, &r.sup, interview, scores("2")).await.unwrap();
        let seen = rc::application(&env.app, &r.sup, id).await.unwrap();
        let all = seen.interviews[0].scores.clone().expect("visible after scoring");
        assert_eq!(all.len(), 2, "{b}");
        // The coordinator (not on the panel) sees both side by side; cannot score.
        let coord_view = rc::application(&env.app, &r.coord, id).await.unwrap();
        assert_eq!(coord_view.interviews[0].scores.as_ref().unwrap().len(), 2, "{b}");
        assert!(matches!(rc::save_scores(&env.app, &r.coord, interview, scores("5")).await, Err(AppError::NotFound)), "{b}");
        // The supervisor cannot move it.
        assert!(matches!(rc::move_stage(&env.app, &r.sup, id, Stage::Rejected, None, None).await, Err(AppError::NotFound)), "{b}");

        // Another organisation sees nothing, and its attempt is recorded as denied.
        let other = env.org("Andenby Kommune", false).await;
        let stranger = env.staff(other, "koordinator@andenby.test", Role::Coordinator).await;
        let stranger = env.ctx(stranger, other).await;
        assert!(matches!(rc::application(&env.app, &stranger, id).await, Err(AppError::NotFound)), "{b}");
        assert!(matches!(rc::applications(&env.app, &stranger, r.posting, None).await, Err(AppError::NotFound)), "{b}");
        assert!(matches!(rc::posting(&env.app, &stranger, r.posting).await, Err(AppError::NotFound)), "{b}");
        let recs = env.audit_records(AuditFilter { subject: Some(id.to_string()), ..Default::default() }).await;
        assert!(
            recs.iter().any(|x| x.event.outcome == AuditOutcome::Denied && x.event.actor == Some(stranger.actor.user.to_string())),
            "{b}"
        );
        assert!(recs.iter().all(|x| x.event.subject_type == "application"), "{b}");
        assert!(recs.iter().any(|x| x.event.purpose == "interview_panel"), "{b}: the panel's basis is recorded");
        assert!(recs.iter().all(|x| !format!("{:?}", x.event).contains("Ane")), "{b}: no names in the audit");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hiring_makes_the_peer_worker_and_letters_follow_the_applicants_language() {
    on_every_backend("recruitment decisions", |env| async move {
        let b = env.backend;
        let r = setup(&env, "Ansætby Kommune").await;
        let hired = apply(&env, &r, "Hans Hyret", "en", "198.51.100.8").await;
        let rejected = apply(&env, &r, "Rikke Afvist", "da", "198.51.100.9").await;
        let withdrawn = apply(&env, &r, "Villy Væk", "da", "198.51.100.10").await;
        for id in [hired, rejected] {
            rc::move_stage(&env.app, &r.coord, id, Stage::Screening, None, None).await.unwrap();
            rc::move_stage(&env.app, &r.coord, id, Stage::Interview, None, None).await.unwrap();
        }
        // The drafts are merged in the applicant's language.
        let en = rc::letter_draft(&env.app, &r.coord, hired, Stage::Hired).await.unwrap();
        assert!(en.subject.starts_with("Employment as Peer-medarbejder at Ansætby Kommune"), "{b}: {}", en.subject);
        assert!(en.body.contains("Dear Hans Hyret") && en.body.contains("2026-04-15") && en.body.contains("15 hours"), "{b}: {}", en.body);
        let da = rc::letter_draft(&env.app, &r.coord, rejected, Stage::Rejected).await.unwrap();
        assert!(da.body.contains("Kære Rikke Afvist") && da.body.contains("2026-03-02"), "{b}: {}", da.body);

        // Hiring with an edited letter: the outbox keeps the edit; the peer worker and engagement exist.
        let edit = LetterEdit { subject: en.subject.clone(), body: format!("{}\n\nPS: Welcome!", en.body) };
        rc::move_stage(&env.app, &r.coord, hired, Stage::Hired, None, Some(edit)).await.unwrap();
        rc::move_stage(&env.app, &r.coord, rejected, Stage::Rejected, None, None).await.unwrap();
        rc::move_stage(&env.app, &r.coord, withdrawn, Stage::Withdrawn, Some("Har fået andet job".into()), None).await.unwrap();
        let out = outbox(&env, r.org).await;
        let letter = out.iter().find(|m| m.kind == MessageKind::HiringLetter).unwrap();
        assert!(letter.body.ends_with("PS: Welcome!") && letter.recipient == "hans.hyret@ansoeger.test", "{b}");
        let no = out.iter().find(|m| m.kind == MessageKind::RejectionLetter).unwrap();
        assert!(no.subject.contains("Din ansøgning"), "{b}: {}", no.subject);
        assert_eq!(out.iter().filter(|m| m.subject_id.as_deref() == Some(&withdrawn.to_string())).count(), 1, "{b}: only the receipt");

        let page = rc::application(&env.app, &r.coord, hired).await.unwrap();
        let peer = page.peer_id.expect("hiring makes the peer worker");
        let p = app_people::get_peer(&env.app, &r.coord, peer).await.unwrap();
        assert_eq!((p.display_name.as_str(), p.status.code(), p.engagement.code()), ("Hans Hyret", "active", "paid"), "{b}");
        let eng = wf::engagements(&env.app, &r.coord, peer).await.unwrap();
        assert_eq!(eng.list.len(), 1, "{b}");
        let e = &eng.list[0].input;
        assert_eq!((e.kind.code(), e.hours_per_week, e.starts_on.to_string().as_str()), ("employment", 15.0, "2026-04-15"), "{b}");
        assert!(e.role_key.is_some(), "{b}: the engagement names the role");
        let (_, letter) = rc::letter(&env.app, &r.coord, hired).await.unwrap();
        assert!(letter.unwrap().2.ends_with("PS: Welcome!"), "{b}");
        // A decision is final.
        assert!(rc::move_stage(&env.app, &r.coord, hired, Stage::Rejected, None, None).await.is_err(), "{b}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applicants_data_goes_after_the_retention_period_and_not_before() {
    on_every_backend("recruitment retention", |env| async move {
        let b = env.backend;
        let r = setup(&env, "Slettby Kommune").await;
        // Only the administrator sets the period.
        assert!(rc::save_settings(&env.app, &r.coord, 2).await.is_err(), "{b}");
        rc::save_settings(&env.app, &r.admin, 2).await.unwrap();
        assert_eq!(rc::settings(&env.app, &r.coord).await.unwrap(), (2, false), "{b}");
        let kept = apply(&env, &r, "Karl Bliver", "da", "198.51.100.11").await;
        let gone = apply(&env, &r, "Gitte Går", "da", "198.51.100.12").await;
        let hired = apply(&env, &r, "Henny Hyret", "da", "198.51.100.13").await;
        for id in [gone, hired] {
            rc::move_stage(&env.app, &r.coord, id, Stage::Screening, None, None).await.unwrap();
            rc::move_stage(&env.app, &r.coord, id, Stage::Interview, None, None).await.unwrap();
        }
        let panel = [r.sup_user.to_string(), r.admin_user.to_string()];
        let iv = InterviewInput::parse("2026-03-05", "09:00", "Lokale", true, &panel).unwrap();
        let interview = rc::schedule_interview(&env.app, &r.coord, gone, iv).await.unwrap();
        rc::save_scores(&env.app, &r.sup, interview, scores("3")).await.unwrap();
        rc::move_stage(&env.app, &r.coord, gone, Stage::Rejected, None, None).await.unwrap();
        rc::move_stage(&env.app, &r.coord, hired, Stage::Hired, None, None).await.unwrap();
        let peer = rc::application(&env.app, &r.coord, hired).await.unwrap().peer_id.unwrap();

        // Decided 2026-03-02; two months: kept through 2026-05-02, gone on 2026-05-03 from
        // Danish midnight (22:00 UTC in summer), though the UTC date is still the 2nd.
        env.set_date((2026, 5, 2, 21, 59, 59));
        assert_eq!(rc::purge_expired(&env.app).await.unwrap(), 0, "{b}: not before");
        assert!(rc::application(&env.app, &r.coord, gone).await.is_ok(), "{b}");
        env.set_date((2026, 5, 2, 22, 0, 1));
        let head = env.audit_head().await;
        assert_eq!(rc::purge_expired(&env.app).await.unwrap(), 2, "{b}: both decided applications");
        for id in [gone, hired] {
            assert!(matches!(rc::application(&env.app, &r.coord, id).await, Err(AppError::NotFound)), "{b}");
        }
        assert!(rc::application(&env.app, &r.coord, kept).await.is_ok(), "{b}: undecided stays");
        let left = env
            .app
            .db
            .read(move |c| -> Result<(usize, usize, usize), StoreError> {
                use sammen_store::workforce::recruitment as sr;
                Ok((
                    sr::stages_of(c, gone)?.len() + sr::attachments_of(c, gone)?.len(),
                    sr::interviews_of(c, gone)?.len() + sr::scores_of(c, &[interview])?.len(),
                    sr::panels_of(c, &[interview])?.len(),
                ))
            })
            .await
            .unwrap();
        assert_eq!(left, (0, 0, 0), "{b}");
        let out = outbox(&env, r.org).await;
        assert!(out.iter().all(|m| m.subject_id.as_deref() != Some(&gone.to_string())), "{b}: the outbox forgets them");
        assert!(out.iter().any(|m| m.subject_id.as_deref() == Some(&kept.to_string())), "{b}");
        // One system audit record per deleted application, no personal data.
        let recs = env.audit_records(AuditFilter::default()).await;
        let deletes: Vec<_> = recs.iter().filter(|x| x.seq > head && x.event.action == AuditAction::Delete).collect();
        assert_eq!(deletes.len(), 2, "{b}");
        assert!(deletes.iter().all(|x| x.event.actor.is_none() && x.event.subject_type == "application"), "{b}");
        let ids: BTreeSet<String> = deletes.iter().filter_map(|x| x.event.subject_id.clone()).collect();
        assert_eq!(ids, BTreeSet::from([gone.to_string(), hired.to_string()]), "{b}");
        // The hired person's record stays.
        assert!(app_people::get_peer(&env.app, &r.coord, peer).await.is_ok(), "{b}");
        assert_eq!(rc::purge_expired(&env.app).await.unwrap(), 0, "{b}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_form_is_throttled_and_a_robot_stores_nothing() {
    on_every_backend("recruitment throttle", |env| async move {
        let b = env.backend;
        let r = setup(&env, "Spamby Kommune").await;
        let input = || ApplicationInput::parse("Robot", "robot@spam.test", None, "da", "x", true).unwrap();
        rc::apply(&env.app, r.org, r.posting, input(), Vec::new(), true, "203.0.113.1", "x").await.unwrap();
        assert!(rc::applications(&env.app, &r.coord, r.posting, None).await.unwrap().1.is_empty(), "{b}");
        for _ in 0..4 {
            rc::apply(&env.app, r.org, r.posting, input(), Vec::new(), false, "203.0.113.1", "x").await.unwrap();
        }
        let e = rc::apply(&env.app, r.org, r.posting, input(), Vec::new(), false, "203.0.113.1", "x").await.unwrap_err();
        assert!(matches!(e, AppError::TooManyAttempts), "{b}: {e:?}");
        assert_eq!(rc::applications(&env.app, &r.coord, r.posting, None).await.unwrap().1.len(), 4, "{b}");
        // A closed posting takes no applications and is not on the job page.
        env.set_date((2026, 3, 21, 9, 0, 0));
        assert!(rc::public_jobs(&env.app, r.org).await.unwrap().postings.is_empty(), "{b}");
        let e = rc::apply(&env.app, r.org, r.posting, input(), Vec::new(), false, "203.0.113.2", "x").await.unwrap_err();
        assert!(matches!(e, AppError::NotFound), "{b}");
    })
    .await;
}
