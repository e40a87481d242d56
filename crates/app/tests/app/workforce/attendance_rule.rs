//! Each training course sets the attendance its completion asks: a course that asks for every
//! meeting refuses a peer who missed one, and one that asks for half accepts two of four.

use sammen_app::people as app_people;
use sammen_app::{Ctx, workforce::training as tr};
use sammen_domain::PeerWorkerId;
use sammen_domain::journey::groups::MeetingInput;
use sammen_domain::people::{PeerWorkerInput, Role};
use sammen_domain::workforce::training::{CohortInput, CourseInput, Outcome};

use crate::harness::*;

/// A course asking `percent` % attendance with a cohort of four weekly meetings in February
/// 2026, the peer enrolled and present at the first `present` of them.
async fn cohort_attended(env: &Env, coord: &Ctx, peer: PeerWorkerId, percent: &str, present: usize) -> (String, String) {
    let course = CourseInput::parse("own", &format!("Kursus {percent}"), None, "Formål", "8", None, true, Some(percent)).unwrap();
    let course = tr::save_course(&env.app, coord, None, course).await.unwrap();
    let meetings = ["2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23"]
        .iter()
        .map(|d| MeetingInput::parse(d, "17:00", "120", None, None).unwrap())
        .collect();
    let cohort = CohortInput::parse(None, None, None, None).unwrap();
    let cohort = tr::create_cohort(&env.app, coord, &course.id, cohort, meetings).await.unwrap();
    tr::enrol(&env.app, coord, &cohort, peer).await.unwrap();
    let ms: Vec<String> = tr::cohort(&env.app, coord, &cohort).await.unwrap().meetings.into_iter().map(|m| m.id).collect();
    let marks = ms.iter().take(present).map(|m| (m.clone(), peer.to_string())).collect();
    tr::record_attendance(&env.app, coord, &cohort, ms, marks).await.unwrap();
    (course.id, cohort)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_course_completes_by_its_own_attendance_rule() {
    on_every_backend("attendance_rule", |env| async move {
        let b = env.backend;
        env.set_date((2026, 3, 2, 9, 0, 0));
        let org = env.org("Fremmøde Kommune", false).await;
        let coord = env.staff(org, "koordinator@fremmoede.test", Role::Coordinator).await;
        let coord = env.ctx(coord, org).await;
        let input =
            PeerWorkerInput::parse("Peer", Some("peer@fremmoede.test"), None, "volunteer", "active", "da", &["phone".into()]).unwrap();
        let peer = app_people::save_peer(&env.app, &coord, None, input).await.unwrap().id;

        // Every meeting asked: three of four is refused, and nothing is issued.
        let (all_id, all) = cohort_attended(&env, &coord, peer, "100", 3).await;
        let e = err(tr::complete(&env.app, &coord, &all, peer, Outcome::Completed).await);
        assert_field_error(&e, "outcome", "err-attendance-rule");
        let d = tr::cohort(&env.app, &coord, &all).await.unwrap();
        assert_eq!(d.course.input.min_attendance_percent, 100, "{b}: the course keeps its rule");
        assert_eq!(d.enrolments[0].attendance, [Some(true), Some(true), Some(true), Some(false)], "{b}");
        assert!(d.enrolments[0].outcome.is_none(), "{b}: no outcome recorded by a refusal");

        // Half asked: two of four completes and issues a certificate; one of four would not.
        let (_, half) = cohort_attended(&env, &coord, peer, "50", 2).await;
        let cert = tr::complete(&env.app, &coord, &half, peer, Outcome::Completed).await.unwrap();
        assert!(cert.is_some(), "{b}: two of four meets 50 %");
        let (_, short) = cohort_attended(&env, &coord, peer, "50", 1).await;
        let e = err(tr::complete(&env.app, &coord, &short, peer, Outcome::Completed).await);
        assert_field_error(&e, "outcome", "err-attendance-rule");

        // Lowering the rule of the first course lets the same attendance complete it.
        let lower = CourseInput::parse("own", "Kursus 100", None, "Formål", "8", None, true, Some("75")).unwrap();
        tr::save_course(&env.app, &coord, Some(all_id), lower).await.unwrap();
        assert!(tr::complete(&env.app, &coord, &all, peer, Outcome::Completed).await.unwrap().is_some(), "{b}: three of four meets 75 %");
    })
    .await;
}
