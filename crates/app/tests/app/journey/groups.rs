//! Group courses and open events: groups, facilitators, meetings, enrolment within capacity,
//! attendance and its rates, an open event's head count, and who may see and do what.

use std::collections::{BTreeMap, BTreeSet};

use sammen_app::AppError;
use sammen_app::journey::groups::{self as gr, Attendance};
use sammen_app::people::{self as app_people, ParticipantView};
use sammen_domain::audit::{AuditOutcome, AuditRecord};
use sammen_domain::journey::groups::{GroupInput, MeetingInput, MeetingStatus};
use sammen_domain::people::{PeerWorkerInput, Role};
use sammen_domain::{GroupId, MeetingId};
use sammen_store::StoreError;

use crate::harness::*;

fn course(name: &str, capacity: Option<&str>) -> GroupInput {
    GroupInput::parse("course", name, Some("Erfaringer og håb"), None, "in_person", Some("Aktivitetshuset"), capacity, "running").unwrap()
}

fn meeting(date: &str) -> MeetingInput {
    MeetingInput::parse(date, "17:00", "90", None, None).unwrap()
}

/// Audit records after `seq`.
async fn audit_after(env: &Env, seq: i64) -> Vec<AuditRecord> {
    env.app
        .db
        .read(move |c| -> Result<Vec<AuditRecord>, StoreError> {
            sammen_store::audit::rows_after(c, seq, 10_000)?.into_iter().map(sammen_store::audit::from_row).collect()
        })
        .await
        .unwrap()
}

/// Rows of a group as stored, to show that a refused or invalid change wrote nothing.
async fn stored(env: &Env, group: GroupId) -> String {
    let g = group;
    env.app
        .db
        .read(move |c| -> Result<String, StoreError> {
            use sammen_store::journey::groups as sg;
            let ms = sg::meetings_of(c, std::slice::from_ref(&g))?;
            let ids: Vec<sammen_domain::MeetingId> = ms.iter().map(|m| *m.id).collect();
            Ok(format!(
                "{:?} {:?} {:?} {:?} {:?}",
                sg::group(c, g)?.map(|g| (g.name, g.capacity, g.status)),
                sg::facilitators_of(c, g)?,
                ms.iter().map(|m| (&m.id, &m.status, m.anonymous_count)).collect::<Vec<_>>(),
                sg::enrolments_of(c, g)?.iter().map(|e| (e.enrolment.participant_id, e.enrolment.left_at)).collect::<Vec<_>>(),
                sg::attendance_of(c, &ids)?.iter().map(|a| (&a.participant_id, a.present)).collect::<Vec<_>>(),
            ))
        })
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_course_with_facilitators_meetings_enrolment_and_attendance() {
    on_every_backend("groups", |env| async move {
        let b = env.backend;
        let org = env.org("Gruppeby Kommune", false).await;
        let coord = env.staff(org, "koordinator@gruppeby.test", Role::Coordinator).await;
        let coord = env.ctx(coord, org).await;
        let peer_user = env.staff(org, "peer@gruppeby.test", Role::PeerWorker).await;
        let peer_input = PeerWorkerInput::parse("Pia Peer", Some("peer@gruppeby.test"), None, "paid", "active", "da", &[]).unwrap();
        let peer = app_people::save_peer(&env.app, &coord, None, peer_input).await.unwrap();
        assert_eq!(peer.user_id, Some(peer_user), "{b}: linked by e-mail");
        let other_user = env.staff(org, "anden@gruppeby.test", Role::PeerWorker).await;
        let other_input = PeerWorkerInput::parse("Anne Anden", Some("anden@gruppeby.test"), None, "paid", "active", "da", &[]).unwrap();
        app_people::save_peer(&env.app, &coord, None, other_input).await.unwrap();

        // A group with a capacity of two and a facilitating peer.
        let g = gr::save_group(&env.app, &coord, None, course("WRAP-forløb", Some("2"))).await.unwrap();
        gr::set_facilitators(&env.app, &coord, g.id, vec![peer.id.to_string()]).await.unwrap();
        let p: Vec<ParticipantView> = {
            let mut v = Vec::new();
            for name in ["Anna Andersen", "Bo Bech", "Cille Carlsen"] {
                v.push(app_people::create_participant(&env.app, &coord, participant_input(name, None), None).await.unwrap());
            }
            v
        };
        gr::enrol(&env.app, &coord, g.id, &p[0].id.to_string()).await.unwrap();
        gr::enrol(&env.app, &coord, g.id, &p[1].id.to_string()).await.unwrap();
        gr::enrol(&env.app, &coord, g.id, &p[1].id.to_string()).await.unwrap();
        let before = stored(&env, g.id).await;
        assert_field_error(&err(gr::enrol(&env.app, &coord, g.id, &p[2].id.to_string()).await), "participant_id", "err-group-full");
        assert_eq!(stored(&env, g.id).await, before, "{b}: a full group takes nobody");

        // Two meetings in Danish time; attendance at the first.
        let m1 = gr::plan_meeting(&env.app, &coord, g.id, meeting("2026-03-03")).await.unwrap();
        let m2 = gr::plan_meeting(&env.app, &coord, g.id, meeting("2026-03-10")).await.unwrap();
        assert_eq!(m1.starts_at.short(), "2026-03-03 16:00", "{b}: 17:00 Danish winter time");
        // Not before the meeting has begun: a minute before, it is refused and nothing is held.
        env.set_date((2026, 3, 3, 15, 59, 0));
        let planned = stored(&env, g.id).await;
        let e = err(gr::record_attendance(&env.app, &coord, m1.id, Attendance::Present(vec![p[0].id])).await);
        assert_field_error(&e, "present", "err-meeting-not-begun");
        assert_eq!(stored(&env, g.id).await, planned, "{b}: a refused attendance stores nothing");
        env.set_date((2026, 3, 3, 16, 0, 0));
        let saved = gr::record_attendance(&env.app, &coord, m1.id, Attendance::Present(vec![p[0].id])).await.unwrap();
        assert_eq!((saved.present, saved.recorded, saved.rate, saved.status), (1, 2, Some(50), MeetingStatus::Held), "{b}");

        // Leaving keeps the history; the place is free again.
        gr::leave(&env.app, &coord, g.id, &p[1].id.to_string()).await.unwrap();
        gr::enrol(&env.app, &coord, g.id, &p[2].id.to_string()).await.unwrap();

        // The facilitator records the second meeting, and sees pseudonyms only.
        let facilitator = env.ctx(peer_user, org).await;
        let m = gr::meeting(&env.app, &facilitator, m2.id).await.unwrap();
        let roll: BTreeSet<String> = m.roll.iter().map(|r| r.pseudonym.clone()).collect();
        assert_eq!(roll, BTreeSet::from([p[0].pseudonym.clone(), p[2].pseudonym.clone()]), "{b}: who was enrolled at the time");
        assert!(m.roll.iter().all(|r| r.name.is_none()), "{b}: no names for a facilitator");
        let head = env.audit_head().await;
        env.set_date((2026, 3, 10, 17, 0, 0));
        gr::record_attendance(&env.app, &facilitator, m2.id, Attendance::Present(vec![p[0].id, p[2].id])).await.unwrap();
        let records = audit_after(&env, head).await;
        for x in [&p[0], &p[2]] {
            assert!(
                records.iter().any(|r| r.event.subject_type == "participant"
                    && r.event.subject_id.as_deref() == Some(&x.id.to_string())
                    && r.event.purpose == "facilitator"),
                "{b}: attendance is audited per participant: {records:?}"
            );
        }

        let d = gr::group(&env.app, &facilitator, g.id).await.unwrap();
        assert!(!d.shows_names && !d.can_manage, "{b}");
        assert!(d.members.iter().all(|m| m.name.is_none()), "{b}: pseudonyms only");
        let d = gr::group(&env.app, &coord, g.id).await.unwrap();
        assert!(d.shows_names && d.can_manage, "{b}");
        assert_eq!(d.facilitators.iter().map(|f| f.1.as_str()).collect::<Vec<_>>(), ["Pia Peer"], "{b}");
        assert_eq!(
            d.meetings.iter().map(|m| (m.present, m.recorded, m.rate)).collect::<Vec<_>>(),
            [(1, 2, Some(50)), (2, 2, Some(100))],
            "{b}"
        );
        let rates: BTreeMap<String, (i64, i64, Option<i64>, bool)> =
            d.members.iter().map(|m| (m.name.clone().unwrap(), (m.attended, m.recorded, m.rate, m.left_at.is_some()))).collect();
        assert_eq!(rates["Anna Andersen"], (2, 2, Some(100), false), "{b}");
        assert_eq!(rates["Bo Bech"], (0, 1, Some(0), true), "{b}: left, history kept");
        assert_eq!(rates["Cille Carlsen"], (1, 1, Some(100), false), "{b}");

        // Listing: the facilitator sees their group; the other peer sees none.
        let list = gr::list_groups(&env.app, &facilitator).await.unwrap();
        assert_eq!(list.iter().map(|s| (s.group.input.name.as_str(), s.enrolled)).collect::<Vec<_>>(), [("WRAP-forløb", 2)], "{b}");
        let other = env.ctx(other_user, org).await;
        assert!(gr::list_groups(&env.app, &other).await.unwrap().is_empty(), "{b}");

        // The lead's calendar: planned meetings of the groups a peer facilitates.
        let m3 = gr::plan_meeting(&env.app, &coord, g.id, meeting("2026-03-17")).await.unwrap();
        let peers = vec![peer.id];
        let (from, to) = (env.now().micros(), env.now().plus_seconds(60 * 24 * 3600).micros());
        let cal = env.app.db.read(move |c| gr::meetings_facilitated(c, &peers, from, to)).await.unwrap();
        assert_eq!(
            cal.iter().map(|m| (m.id, m.group_name.clone())).collect::<Vec<_>>(),
            [(sammen_store::Stored(m3.id), "WRAP-forløb".to_owned())],
            "{b}"
        );
        assert_eq!(cal[0].place.as_deref(), Some("Aktivitetshuset"), "{b}: the group's place");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_event_counts_heads_and_strangers_see_nothing() {
    on_every_backend("groups-open", |env| async move {
        let b = env.backend;
        let org = env.org("Caféby Kommune", false).await;
        let coord = env.staff(org, "koordinator@cafeby.test", Role::Coordinator).await;
        let coord = env.ctx(coord, org).await;
        let cafe = GroupInput::parse("open_event", "Recovery-café", None, None, "in_person", Some("Torvet 3"), None, "running").unwrap();
        let cafe = gr::save_group(&env.app, &coord, None, cafe).await.unwrap();
        let p = app_people::create_participant(&env.app, &coord, participant_input("Dorte Deltager", None), None).await.unwrap();
        assert_field_error(&err(gr::enrol(&env.app, &coord, cafe.id, &p.id.to_string()).await), "participant_id", "err-open-event");
        let m = gr::plan_meeting(&env.app, &coord, cafe.id, meeting("2026-03-05")).await.unwrap();
        let before = stored(&env, cafe.id).await;
        // Three days ahead: no head count yet.
        assert_field_error(
            &err(gr::record_attendance(&env.app, &coord, m.id, Attendance::HeadCount(17)).await),
            "anonymous_count",
            "err-meeting-not-begun",
        );
        assert_eq!(stored(&env, cafe.id).await, before, "{b}: nothing is held before it begins");
        // The day after the meetings of this test.
        env.set_date((2026, 3, 7, 9, 0, 0));
        assert_field_error(
            &err(gr::record_attendance(&env.app, &coord, m.id, Attendance::HeadCount(-3)).await),
            "anonymous_count",
            "err-head-count",
        );
        assert_field_error(
            &err(gr::record_attendance(&env.app, &coord, m.id, Attendance::Present(vec![p.id])).await),
            "anonymous_count",
            "err-head-count",
        );
        assert_eq!(stored(&env, cafe.id).await, before, "{b}: bad input stores nothing");
        let saved = gr::record_attendance(&env.app, &coord, m.id, Attendance::HeadCount(17)).await.unwrap();
        assert_eq!((saved.anonymous_count, saved.status, saved.recorded), (Some(17), MeetingStatus::Held, 0), "{b}");

        // Every role of the organisation but its managers, and other organisations, are refused
        // and the refusal is audited; nothing changes.
        let course = gr::save_group(&env.app, &coord, None, course("Recovery-gruppe", None)).await.unwrap();
        gr::enrol(&env.app, &coord, course.id, &p.id.to_string()).await.unwrap();
        let cm = gr::plan_meeting(&env.app, &coord, course.id, meeting("2026-03-06")).await.unwrap();
        let other_org = env.org("Andenby Kommune", false).await;
        let mut strangers = Vec::new();
        for role in [Role::PeerWorker, Role::Supervisor, Role::Referrer, Role::Evaluator] {
            let u = env.staff(org, &format!("{}@cafeby.test", role.code()), role).await;
            strangers.push((format!("{role}"), env.ctx(u, org).await));
        }
        let u = env.staff(other_org, "koordinator@andenby.test", Role::Coordinator).await;
        strangers.push(("other organisation".into(), env.ctx(u, other_org).await));
        strangers.push(("system administrator".into(), env.sys.clone()));
        let before = stored(&env, course.id).await;
        for (who, ctx) in &strangers {
            let head = env.audit_head().await;
            assert!(matches!(gr::group(&env.app, ctx, course.id).await, Err(AppError::NotFound)), "{b}: {who}");
            assert!(matches!(gr::meeting(&env.app, ctx, cm.id).await, Err(AppError::NotFound)), "{b}: {who}");
            let r = gr::record_attendance(&env.app, ctx, cm.id, Attendance::Present(vec![p.id])).await;
            assert!(matches!(r, Err(AppError::NotFound)), "{b}: {who}");
            assert!(matches!(gr::enrol(&env.app, ctx, course.id, &p.id.to_string()).await, Err(AppError::NotFound)), "{b}: {who}");
            assert!(gr::plan_meeting(&env.app, ctx, course.id, meeting("2026-04-01")).await.is_err(), "{b}: {who}");
            let records = audit_after(&env, head).await;
            let denied = records.iter().filter(|r| r.event.outcome == AuditOutcome::Denied).count();
            assert_eq!(denied, 5, "{b}: {who}: every refusal is audited: {records:?}");
            assert!(records.iter().all(|r| r.event.outcome == AuditOutcome::Denied), "{b}: {who}: nothing read: {records:?}");
        }
        assert_eq!(stored(&env, course.id).await, before, "{b}: refused changes wrote nothing");
        let missing: MeetingId = "00000000-0000-7000-8000-000000000000".parse().unwrap();
        assert!(matches!(gr::meeting(&env.app, &coord, missing).await, Err(AppError::NotFound)), "{b}: missing alike");

        // Bad input: a participant of another organisation, a facilitator of another one, a
        // non-enrolled participant in the attendance.
        let stranger_p = {
            let (_, ctx) = strangers.iter().find(|(w, _)| w == "other organisation").unwrap();
            app_people::create_participant(&env.app, ctx, participant_input("Fremmed", None), None).await.unwrap()
        };
        assert_field_error(&err(gr::enrol(&env.app, &coord, course.id, &stranger_p.id.to_string()).await), "participant_id", "err-choice");
        assert_field_error(
            &err(gr::set_facilitators(&env.app, &coord, course.id, vec!["nonsense".into()]).await),
            "facilitators",
            "err-facilitator",
        );
        assert_field_error(
            &err(gr::record_attendance(&env.app, &coord, cm.id, Attendance::Present(vec![stranger_p.id])).await),
            "present",
            "err-not-enrolled",
        );
        assert_eq!(stored(&env, course.id).await, before, "{b}: invalid changes wrote nothing");
        let bad = GroupInput::parse("course", "", None, None, "in_person", None, Some("500"), "running").unwrap_err();
        assert_eq!(bad.message_for("capacity"), Some("err-capacity"), "{b}");
    })
    .await;
}
