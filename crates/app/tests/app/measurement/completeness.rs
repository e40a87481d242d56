//! Follow-up completeness: the figures per wave, the missing list, reminders by the person's
//! channel and language, paper copies, "not reachable", and who may see and do it.

use sammen_app::measurement::completeness::{self as fc, ReminderOutcome};
use sammen_app::measurement::{self as ms};
use sammen_app::people as app_people;
use sammen_app::{AppError, directory};
use sammen_domain::directory::ProgrammeInput;
use sammen_domain::measurement::InvitationStatus;
use sammen_domain::measurement::completeness::{FollowUpActionKind, NotReachableInput, ReminderChannel};
use sammen_domain::people::{ParticipantInput, Role};
use sammen_i18n::Lang;
use sammen_store::audit::AuditFilter;

use crate::harness::*;

const DAY: i64 = 86_400;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_answers_are_reminded_marked_and_counted() {
    on_every_backend("follow-up completeness", |env| async move {
        let b = env.backend;
        let org = env.org("Fuldby Kommune", false).await;
        let coord = env.staff(org, "koordinator@fuldby.test", Role::Coordinator).await;
        let c = env.ctx(coord, org).await;
        let programme = ProgrammeInput::parse("Peerstøtte Fuldby", None, &["individual".into()], &["phone".into()], "", true).unwrap();
        let programme = directory::save_programme(&env.app, &c, None, programme).await.unwrap().id;
        let plan = sammen_domain::measurement::PlanInput::parse_with_target(
            "sammen-chime-checkin",
            true,
            None,
            false,
            None,
            Some("7"),
            Some("28"),
            Some("90"),
        )
        .unwrap();
        let plan = ms::create_plan(&env.app, &c, programme, plan).await.unwrap();
        assert_eq!(plan.target_percent, 90, "{b}");
        let person = |name: &str, email: Option<&str>, langs: &str| {
            let p = programme.to_string();
            ParticipantInput::parse(Some(name), None, None, None, None, email, Some(&p), "active", langs, 2026).unwrap()
        };
        // Starting in the programme invites to the baseline at once.
        let english = app_people::create_participant(&env.app, &c, person("Amir English", Some("amir@example.test"), "ar,en"), None)
            .await
            .unwrap()
            .id;
        let no_mail = app_people::create_participant(&env.app, &c, person("Bodil Brev", None, "da"), None).await.unwrap().id;
        let gone =
            app_people::create_participant(&env.app, &c, person("Carl Væk", Some("carl@example.test"), "da"), None).await.unwrap().id;

        // Eight days later nobody has answered: every baseline is overdue.
        env.clock.advance_seconds(8 * DAY);
        let f = fc::follow_up(&env.app, &c, programme).await.unwrap();
        assert_eq!(f.plans.len(), 1, "{b}");
        let w = &f.plans[0].waves[0];
        assert_eq!((w.wave.as_str(), w.due, w.answered, w.overdue, w.not_reachable), ("baseline", 3, 0, 3, 0), "{b}");
        assert!(w.below_target() && (w.target - 0.9).abs() < 1e-9, "{b}");
        assert_eq!(f.missing.len(), 3, "{b}");
        let inv = |p| f.missing.iter().find(|m| m.participant == p).unwrap().invitation;
        let (inv_en, inv_paper, inv_gone) = (inv(english), inv(no_mail), inv(gone));
        // The list shows what a reminder would take: e-mail in English for Amir, nothing for Bodil.
        let m_en = f.missing.iter().find(|m| m.participant == english).unwrap();
        assert_eq!((m_en.channel, m_en.lang), (Some(ReminderChannel::Email), Some(Lang::En)), "{b}");
        assert_eq!(m_en.name.as_deref(), Some("Amir English"), "{b}");
        assert_eq!(f.missing.iter().find(|m| m.participant == no_mail).unwrap().channel, None, "{b}");

        // A reminder now: queued in the outbox in the person's language, with a new link.
        let before = ms::list_outbox(&env.app, &c, ALL).await.unwrap().1;
        let (prog, outcome) = fc::send_reminder(&env.app, &c, inv_en).await.unwrap();
        assert_eq!((prog, outcome), (programme, ReminderOutcome::Queued { channel: ReminderChannel::Email, lang: Some(Lang::En) }), "{b}");
        let (messages, total) = ms::list_outbox(&env.app, &c, ALL).await.unwrap();
        assert_eq!(total, before + 1, "{b}");
        let newest = messages.iter().max_by_key(|m| m.created_at).unwrap();
        assert_eq!((newest.kind.as_str(), newest.recipient.as_str()), ("measurement_reminder", "amir@example.test"), "{b}");
        assert!(newest.subject.starts_with("Reminder"), "{b}: written in English only: {}", newest.subject);
        assert!(!newest.body.contains("---") && newest.body.contains("/a/"), "{b}: one language, with a link");
        // Without an address nothing is sent, and the answer says so.
        assert_eq!(fc::send_reminder(&env.app, &c, inv_paper).await.unwrap().1, ReminderOutcome::NoChannel, "{b}");
        assert_eq!(ms::list_outbox(&env.app, &c, ALL).await.unwrap().1, before + 1, "{b}");
        // A paper copy is recorded as the last step.
        fc::hand_paper_copy(&env.app, &c, inv_paper).await.unwrap();

        // "Other" needs a note; with a reason the person leaves the list but counts as missing.
        assert!(NotReachableInput::parse("other", None).is_err(), "{b}");
        fc::mark_not_reachable(&env.app, &c, inv_gone, NotReachableInput::parse("moved", None).unwrap()).await.unwrap();
        let f = fc::follow_up(&env.app, &c, programme).await.unwrap();
        assert!(f.missing.iter().all(|m| m.participant != gone), "{b}: not reachable leaves the list");
        assert_eq!(f.unreachable.len(), 1, "{b}");
        let w = &f.plans[0].waves[0];
        assert_eq!((w.due, w.answered, w.not_reachable, w.rate), (3, 0, 1, Some(0.0)), "{b}: still counted");
        let paper = f.missing.iter().find(|m| m.participant == no_mail).unwrap();
        assert_eq!(paper.last_step.as_ref().map(|s| s.kind), Some(FollowUpActionKind::PaperCopy), "{b}");

        // Every step is audited with the participant as subject.
        for (p, purpose) in [(english, "follow_up_reminder"), (no_mail, "follow_up_paper_copy"), (gone, "follow_up_not_reachable")] {
            let records = env.audit_records(AuditFilter { subject: Some(p.to_string()), ..Default::default() }).await;
            assert!(
                records.iter().any(|r| r.event.purpose.ends_with(purpose) && r.event.actor == Some(coord.to_string())),
                "{b}: {purpose}"
            );
        }
        // Reading the page is audited too.
        let reads = env.audit_records(AuditFilter { actor: Some(coord.to_string()), ..Default::default() }).await;
        assert!(
            reads.iter().any(|r| r.event.purpose.ends_with(";follow_up") && r.event.action == sammen_domain::audit::AuditAction::Search),
            "{b}"
        );

        // An answer completes the wave: the rate moves.
        let o = ms::participant_measurements(&env.app, &c, english).await.unwrap();
        assert_eq!(o.invitations[0].status, InvitationStatus::Open, "{b}");
        let resp = ms::start_response(
            &env.app,
            &c,
            english,
            "sammen-chime-checkin",
            sammen_domain::measurement::ResponseSource::Paper,
            Some(inv_en),
        )
        .await
        .unwrap();
        let form = ms::response_form(&env.app, &c, resp).await.unwrap();
        let answers: Vec<(String, String)> = form
            .definition
            .items
            .iter()
            .filter_map(|i| match &i.response {
                sammen_instruments::ResponseScale::Choice { options, .. } => Some((i.link_id.clone(), options[0].code.clone())),
                _ => None,
            })
            .collect();
        ms::save_response(&env.app, &c, resp, answers, true).await.unwrap();
        let f = fc::follow_up(&env.app, &c, programme).await.unwrap();
        let w = &f.plans[0].waves[0];
        assert_eq!((w.due, w.answered), (3, 1), "{b}");
        assert!(f.missing.iter().all(|m| m.participant != english), "{b}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_organisation_never_sees_the_list_or_acts_on_it() {
    on_every_backend("follow-up isolation", |env| async move {
        let b = env.backend;
        let org = env.org("Egenby Kommune", false).await;
        let other = env.org("Fremmedby Kommune", false).await;
        let coord = env.staff(org, "k@egenby.test", Role::Coordinator).await;
        let c = env.ctx(coord, org).await;
        let stranger = env.staff(other, "k@fremmedby.test", Role::Coordinator).await;
        let s = env.ctx(stranger, other).await;
        let peer_user = env.staff(org, "peer@egenby.test", Role::PeerWorker).await;
        let peer_ctx = env.ctx(peer_user, org).await;
        let programme = ProgrammeInput::parse("Peerstøtte Egenby", None, &["individual".into()], &["phone".into()], "", true).unwrap();
        let programme = directory::save_programme(&env.app, &c, None, programme).await.unwrap().id;
        let plan = sammen_domain::measurement::PlanInput::parse("sammen-chime-checkin", true, None, false, None, None, None).unwrap();
        ms::create_plan(&env.app, &c, programme, plan).await.unwrap();
        let p = programme.to_string();
        let input = ParticipantInput::parse(Some("Dorte Data"), None, None, None, None, None, Some(&p), "active", "da", 2026).unwrap();
        app_people::create_participant(&env.app, &c, input, None).await.unwrap();
        let f = fc::follow_up(&env.app, &c, programme).await.unwrap();
        let inv = f.missing[0].invitation;

        // Another organisation's coordinator: not found, for the page and for every step.
        assert!(matches!(fc::follow_up(&env.app, &s, programme).await, Err(AppError::NotFound)), "{b}");
        assert!(matches!(fc::send_reminder(&env.app, &s, inv).await, Err(AppError::NotFound)), "{b}");
        assert!(matches!(fc::hand_paper_copy(&env.app, &s, inv).await, Err(AppError::NotFound)), "{b}");
        let nr = NotReachableInput::parse("moved", None).unwrap();
        assert!(matches!(fc::mark_not_reachable(&env.app, &s, inv, nr).await, Err(AppError::NotFound)), "{b}");
        // A peer worker of the same organisation does not get the list of names either.
        assert!(matches!(fc::follow_up(&env.app, &peer_ctx, programme).await, Err(AppError::NotFound)), "{b}");
        // The denials are audited.
        let denied = env.audit_records(AuditFilter { actor: Some(stranger.to_string()), ..Default::default() }).await;
        assert!(denied.iter().filter(|r| r.event.outcome == sammen_domain::audit::AuditOutcome::Denied).count() >= 4, "{b}");
        // Nothing was recorded: the person is still on the list, with no step taken.
        let f = fc::follow_up(&env.app, &c, programme).await.unwrap();
        assert_eq!(f.missing.len(), 1, "{b}");
        assert!(f.missing[0].last_step.is_none() && f.unreachable.is_empty(), "{b}");
    })
    .await;
}
