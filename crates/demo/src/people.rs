//! The demo's peer workers (eight to ten per organisation, one linked to the organisation's
//! peer-worker login) and 500 participants spread over the organisations.

use std::collections::HashSet;

use sammen_app::App;
use sammen_app::domain::audit::AuditAction;
use sammen_app::domain::directory::OrganisationKind;
use sammen_app::domain::people::{Engagement, Gender, ParticipantStatus, PeerStatus, pseudonym, search_key};
use sammen_app::domain::time::Timestamp;
use sammen_app::store::people as sp;
use sammen_app::store::rows::{OrganisationRow, ParticipantRow, PeerWorkerRow, ProgrammeRow};
use sammen_app::store::{StoreError, Stored, Tx};

use crate::access::Accounts;
use crate::directory::ORGS;
use crate::{Rng, event};

pub(crate) const FIRST: &[&str] = &[
    "Anne",
    "Mette",
    "Kirsten",
    "Hanne",
    "Helle",
    "Susanne",
    "Lene",
    "Camilla",
    "Louise",
    "Maria",
    "Julie",
    "Sofie",
    "Emma",
    "Ida",
    "Freja",
    "Laura",
    "Signe",
    "Nanna",
    "Karen",
    "Birgitte",
    "Peter",
    "Jens",
    "Lars",
    "Michael",
    "Henrik",
    "Thomas",
    "Søren",
    "Jan",
    "Niels",
    "Rasmus",
    "Mads",
    "Mikkel",
    "Frederik",
    "Oliver",
    "Lucas",
    "Emil",
    "Jonas",
    "Anders",
    "Kasper",
    "Morten",
    "Ahmad",
    "Fatima",
    "Ali",
    "Amira",
    "Yusuf",
    "Aisha",
    "Omar",
    "Zainab",
    "Mehmet",
    "Agnieszka",
];
pub(crate) const LAST: &[&str] = &[
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Christiansen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Knudsen",
    "Jakobsen",
    "Mikkelsen",
    "Frederiksen",
    "Lund",
    "Holm",
    "Schmidt",
    "Eriksen",
    "Kristiansen",
    "Simonsen",
    "Clausen",
    "Svendsen",
    "Andreasen",
    "Iversen",
    "Østergaard",
    "Jeppesen",
    "Vestergaard",
    "Nissen",
    "Lauridsen",
    "Kjær",
    "Hussein",
    "Yilmaz",
    "Nowak",
    "Khan",
    "Abdi",
];
const LANGS: &[&str] = &["da", "da", "da", "da", "da,en", "da,ar", "da,tr", "da,so", "da,pl", "en"];

pub(crate) fn peers(app: &App, pick: &Rng, orgs: &[OrganisationRow], accounts: &Accounts) -> Vec<PeerWorkerRow> {
    let now = app.now().micros();
    let mut peers: Vec<PeerWorkerRow> = Vec::new();
    for (i, o) in orgs.iter().enumerate() {
        let count = if i == 0 { 10 } else { 8 };
        for k in 0..count {
            let linked = accounts.peer_accounts.iter().find(|(_, org, _)| o.id == *org).filter(|_| k == 0);
            let first = pick.of(FIRST);
            let last = pick.of(LAST);
            peers.push(PeerWorkerRow {
                id: Stored(app.next_id()),
                organisation_id: o.id,
                user_id: linked.map(|(u, _, _)| Stored(*u)),
                // A record linked to an account carries the account's name.
                display_name: linked
                    .and_then(|(u, _, _)| accounts.users.iter().find(|(row, _)| row.id == *u))
                    .map(|(row, _)| row.display_name.clone())
                    .unwrap_or_else(|| format!("{first} {last}")),
                email: Some(linked.map(|(_, _, e)| e.clone()).unwrap_or_else(|| {
                    format!("{}.{}{k}@peer.example", first.to_lowercase(), last.to_lowercase()).replace(['æ', 'ø', 'å'], "x")
                })),
                phone: Some(format!("+45 {:02} {:02} {:02} {:02}", 20 + pick.n(80), pick.n(100), pick.n(100), pick.n(100))),
                engagement: Stored(if ORGS[i].1 == OrganisationKind::Association || pick.chance(30) {
                    Engagement::Volunteer
                } else {
                    Engagement::Paid
                }),
                // The record of a demo login is always active, so it can be given participants.
                status: Stored(if linked.is_some() || pick.chance(90) { PeerStatus::Active } else { PeerStatus::Paused }),
                // A demo login's record speaks Danish and meets every way, so it can be matched.
                languages: if linked.is_some() { "da,en".into() } else { pick.of(LANGS).into() },
                modes: if linked.is_some() {
                    "in_person,phone,online".into()
                } else {
                    ["in_person", "in_person,phone", "phone,online", "in_person,phone,online"][pick.n(4)].into()
                },
                created_at: now,
                updated_at: now,
            });
        }
    }
    peers
}

pub(crate) fn participants(
    app: &App,
    pick: &Rng,
    orgs: &[OrganisationRow],
    peers: &[PeerWorkerRow],
    programmes: &[ProgrammeRow],
) -> Vec<ParticipantRow> {
    let now = app.now().micros();
    let mut participants: Vec<ParticipantRow> = Vec::new();
    let mut used = HashSet::new();
    for k in 0..500usize {
        let o = &orgs[k % orgs.len()];
        let org_peers: Vec<&PeerWorkerRow> = peers.iter().filter(|p| p.organisation_id == o.id).collect();
        let org_programmes: Vec<&ProgrammeRow> = programmes.iter().filter(|p| p.organisation_id == o.id).collect();
        let status = [
            ParticipantStatus::Waiting,
            ParticipantStatus::Active,
            ParticipantStatus::Active,
            ParticipantStatus::Active,
            ParticipantStatus::Closed,
        ][pick.n(5)];
        let mut ps = pseudonym(pick.bytes());
        while !used.insert(ps.clone()) {
            ps = pseudonym(pick.bytes());
        }
        let name = pick.chance(80).then(|| format!("{} {}", pick.of(FIRST), pick.of(LAST)));
        // The demo peer-worker account always has a caseload, so logging in as it shows one.
        let peer = if status == ParticipantStatus::Waiting {
            None
        } else if k % 7 == 0 {
            org_peers.iter().find(|p| p.user_id.is_some()).or(org_peers.first())
        } else {
            org_peers.get(pick.n(org_peers.len()))
        };
        let created = now - i64::try_from(pick.n(700)).unwrap_or(0) * 86_400_000_000;
        participants.push(ParticipantRow {
            id: Stored(app.next_id()),
            organisation_id: o.id,
            programme_id: org_programmes.get(pick.n(org_programmes.len())).map(|p| p.id),
            search_key: search_key(&[&ps, name.as_deref().unwrap_or("")]),
            pseudonym: ps,
            name,
            cpr: None,
            birth_year: Some(1950 + i64::try_from(pick.n(55)).unwrap_or(0)),
            gender: [Gender::Female, Gender::Male, Gender::Female, Gender::Male, Gender::Other].get(pick.n(6)).map(|g| Stored(*g)),
            phone: pick.chance(60).then(|| format!("+45 {:02} {:02} {:02} {:02}", 20 + pick.n(80), pick.n(100), pick.n(100), pick.n(100))),
            email: None,
            status: Stored(status),
            languages: pick.of(LANGS).into(),
            assigned_peer_id: peer.map(|p| p.id),
            created_at: created,
            updated_at: created,
            started_at: (status != ParticipantStatus::Waiting).then_some(created),
            closed_at: (status == ParticipantStatus::Closed).then(|| (created + 120 * 86_400_000_000).min(now)),
        });
    }
    participants
}

pub(crate) fn insert(tx: &mut Tx<'_>, now: Timestamp, peers: &[PeerWorkerRow], participants: &[ParticipantRow]) -> Result<(), StoreError> {
    for p in peers {
        sp::insert_peer(tx.conn(), p)?;
        tx.audit(event(now, AuditAction::Create, "peer_worker", &p.id.to_string(), Some(&p.organisation_id.to_string())));
    }
    for p in participants {
        sp::insert_participant(tx.conn(), p)?;
        tx.audit(event(now, AuditAction::Create, "participant", &p.id.to_string(), Some(&p.organisation_id.to_string())));
    }
    Ok(())
}
