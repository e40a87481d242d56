//! A support session's date held against its course: held only once begun, and within the
//! course's period (not before it was agreed, not after it ended). A refusal names the field
//! and stores nothing.

use sammen_app::journey::courses as cs;
use sammen_app::journey::matching as mt;
use sammen_domain::journey::courses::{CourseStatus, EndReason, SessionInput, SessionStatus};

use super::courses::{waiting, world};
use crate::harness::*;

fn session(status: &str, date: &str, time_of_day: &str) -> SessionInput {
    SessionInput::parse(status, date, time_of_day, "50", "phone", None, "conversation", None, "team").unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_is_held_only_once_begun_and_within_its_course() {
    on_every_backend("session dates", |env| async move {
        let b = env.backend;
        // The match is approved on Monday 2 March 2026 at 10:00 Danish time.
        env.set_date((2026, 3, 2, 9, 0, 0));
        let w = world(&env, "datoby", 1).await;
        let (peer, _) = &w.peers[0];
        let anna = waiting(&env, &w, "Anna", "da", true).await;
        let course = mt::approve(&env.app, &w.coord, w.programme, vec![(anna, w.peers[0].1)]).await.unwrap()[0];
        cs::answer_offer(&env.app, peer, course, true, None).await.unwrap();
        let sessions = |env: &Env| {
            let (app, coord) = (env.app.clone(), w.coord.clone());
            async move { cs::course(&app, &coord, course).await.unwrap().sessions.len() }
        };

        // Held half an hour ahead: refused on the date field.
        env.set_date((2026, 3, 4, 9, 0, 0));
        let e = err(cs::log_session(&env.app, peer, course, session("held", "2026-03-04", "10:30")).await);
        assert_field_error(&e, "date", "err-held-in-future");
        // Before the course was agreed: refused, held or planned.
        let e = err(cs::log_session(&env.app, peer, course, session("held", "2026-03-01", "10:00")).await);
        assert_field_error(&e, "date", "err-session-before-course");
        let e = err(cs::log_session(&env.app, peer, course, session("planned", "2025-03-01", "10:00")).await);
        assert_field_error(&e, "date", "err-session-before-course");
        assert_eq!(sessions(&env).await, 0, "{b}: nothing stored");

        // At its start it can be logged held; the course starts that day.
        cs::log_session(&env.app, peer, course, session("held", "2026-03-04", "10:00")).await.unwrap();
        let v = cs::course(&env.app, &w.coord, course).await.unwrap();
        assert_eq!((v.status, v.started_on.as_deref()), (CourseStatus::Active, Some("2026-03-04")), "{b}");
        // A session of the day the course was agreed, logged afterwards: the course began then.
        cs::log_session(&env.app, peer, course, session("held", "2026-03-02", "14:00")).await.unwrap();
        let v = cs::course(&env.app, &w.coord, course).await.unwrap();
        assert_eq!(
            v.started_on.as_deref(),
            Some("2026-03-02"),
            "{b}: the course starts on the day of its earliest held support conversation"
        );

        // A planned session cannot be marked held before it begins.
        let next = cs::log_session(&env.app, peer, course, session("planned", "2026-03-05", "10:00")).await.unwrap();
        let e = err(cs::set_session_status(&env.app, peer, next, SessionStatus::Held).await);
        assert_field_error(&e, "status", "err-held-in-future");
        let planned = cs::course(&env.app, &w.coord, course).await.unwrap();
        assert!(planned.sessions.iter().any(|s| s.id == next && s.status == SessionStatus::Planned), "{b}: still planned");
        env.set_date((2026, 3, 5, 9, 0, 0));
        cs::set_session_status(&env.app, peer, next, SessionStatus::Held).await.unwrap();

        // Ended: no session after (nor on) a closed course.
        cs::set_status(&env.app, &w.coord, course, CourseStatus::Ended, Some(EndReason::GoalsReached)).await.unwrap();
        let before = sessions(&env).await;
        assert!(cs::log_session(&env.app, peer, course, session("held", "2026-03-05", "09:00")).await.is_err(), "{b}");
        assert_eq!(sessions(&env).await, before, "{b}");
    })
    .await;
}
