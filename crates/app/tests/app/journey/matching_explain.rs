//! A matching proposal explains itself in agreement with its candidate lists: an unmatched
//! participant with eligible peers is told that exactly those peers' places went to others
//! (and to whom), not the rules that keep other peers away; one without is told each peer's
//! rule; every alternative carries its score parts; and the confirmation after approval shows
//! the offers as they were stored and sent.

use sammen_app::journey::matching as mt;
use sammen_app::people as app_people;
use sammen_domain::journey::courses::{CourseStatus, OfferState, PeerProfileInput};
use sammen_domain::people::{PeerWorkerInput, Role};

use super::courses::{waiting, world};
use crate::harness::*;

fn sum(p: &mt::Parts) -> f64 {
    p.topics + p.availability + p.distance + p.waiting + p.continuity
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn explanations_name_the_possible_peers_and_approval_shows_what_was_sent() {
    on_every_backend("matching_explain", |env| async move {
        let b = env.backend;
        env.set_date((2026, 3, 2, 9, 0, 0));
        let w = world(&env, "forklaring", 2).await;
        // A third peer who speaks only English, with a free place.
        let user = env.staff(w.org, "peer-en@forklaring.test", Role::PeerWorker).await;
        let input =
            PeerWorkerInput::parse("Peer EN", Some("peer-en@forklaring.test"), None, "volunteer", "active", "en", &["phone".into()])
                .unwrap();
        let english_peer = app_people::save_peer(&env.app, &w.coord, None, input).await.unwrap().id;
        let ctx = env.ctx(user, w.org).await;
        let profile = PeerProfileInput::parse(&[], true, "colleagues", None, None, None, None, None, "1", "tue 9-12").unwrap();
        mt::save_profile(&env.app, &ctx, english_peer, profile).await.unwrap();

        let anna = waiting(&env, &w, "Anna", "da", true).await;
        let bo = waiting(&env, &w, "Bo", "da", true).await;
        let cai = waiting(&env, &w, "Cai", "da", true).await;
        let fleur = waiting(&env, &w, "Fleur", "fr", true).await;

        let p = mt::propose(&env.app, &w.coord, w.programme).await.unwrap();
        assert_eq!(p.matched, 2, "{b}: two Danish places for three Danish speakers");
        let left: Vec<&mt::ProposalRow> =
            p.rows.iter().filter(|r| r.proposed.is_none() && [anna, bo, cai].contains(&r.participant)).collect();
        assert_eq!(left.len(), 1, "{b}");
        let left = left[0];
        // The English-speaking peer was never possible for a Danish speaker who had eligible
        // peers: the explanation does not name that peer's language.
        assert_eq!(left.reasons, ["capacity_taken_by_better_matches"], "{b}: {:?}", left.reasons);
        let mut named: Vec<_> = left.against.iter().map(|a| a.peer).collect();
        let mut candidates: Vec<_> = left.candidates.iter().map(|c| c.peer).collect();
        named.sort();
        candidates.sort();
        assert_eq!(named, candidates, "{b}: the explanation names exactly the candidates");
        assert_eq!(candidates.len(), 2, "{b}");
        for a in &left.against {
            // Each candidate's place went to the participant the proposal gives that peer.
            let given: Vec<String> =
                p.rows.iter().filter(|r| r.proposed.as_ref().is_some_and(|c| c.peer == a.peer)).map(|r| r.pseudonym.clone()).collect();
            assert_eq!(a.taken_by, given, "{b}: {}", a.peer_name);
            assert_eq!(a.reason, "capacity_taken_by_better_matches", "{b}");
        }

        // Without any eligible peer, each peer the proposal considered is named with its rule.
        let fleur_row = p.rows.iter().find(|r| r.participant == fleur).unwrap();
        assert!(fleur_row.candidates.is_empty(), "{b}");
        assert_eq!(fleur_row.reasons, ["no_shared_language"], "{b}");
        let mut names: Vec<&str> = fleur_row.against.iter().map(|a| a.peer_name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["Peer 0", "Peer 1", "Peer EN"], "{b}");
        assert!(fleur_row.against.iter().all(|a| a.reason == "no_shared_language" && a.taken_by.is_empty()), "{b}");

        // Every alternative carries its parts, adding up to its score, as the proposal does.
        for r in &p.rows {
            assert!(r.proposed.is_none() || r.reasons.is_empty(), "{b}: a proposed row has no reasons");
            for c in r.candidates.iter().chain(&r.proposed) {
                assert!((sum(&c.parts) - c.score).abs() < 1e-6, "{b}: {} = {:?}", c.score, c.parts);
            }
            if let Some(proposed) = &r.proposed {
                assert!(r.candidates.iter().any(|c| c.peer == proposed.peer && c.parts == proposed.parts), "{b}");
            }
        }

        // The coordinator approves what was proposed; the confirmation reads the stored offers.
        let pairs: Vec<_> = p.rows.iter().filter_map(|r| r.proposed.as_ref().map(|c| (r.participant, c.peer))).collect();
        let made = mt::approve(&env.app, &w.coord, w.programme, pairs.clone()).await.unwrap();
        let sent = mt::sent_offers(&env.app, &w.coord, w.programme, made.clone()).await.unwrap();
        assert_eq!(sent.len(), pairs.len(), "{b}");
        for o in &sent {
            let row = p.rows.iter().find(|r| r.participant == o.participant).unwrap();
            let proposed = row.proposed.as_ref().unwrap();
            assert_eq!(
                (o.peer, o.pseudonym.as_str(), o.peer_name.as_str()),
                (proposed.peer, row.pseudonym.as_str(), proposed.peer_name.as_str()),
                "{b}"
            );
            assert_eq!(o.score, Some(proposed.score), "{b}");
            assert_eq!(o.parts, Some(proposed.parts), "{b}");
            assert_eq!((o.offer, o.status), (OfferState::Pending, CourseStatus::Planned), "{b}");
        }
        // Another programme's confirmation does not show these offers; a peer may not read it.
        let other = world(&env, "andet", 0).await;
        let cross = mt::sent_offers(&env.app, &w.coord, other.programme, made.clone()).await;
        assert!(cross.is_err() || cross.unwrap().is_empty(), "{b}");
        assert!(mt::sent_offers(&env.app, &w.peers[0].0, w.programme, made).await.is_err(), "{b}");
    })
    .await;
}
