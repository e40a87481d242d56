//! The demo data set: a fictional partnership shaped like Projekt Peer-støtte, with one region,
//! three municipalities and two associations. Every name is generated; no real person is in it.

use sammen_domain::audit::{AuditAction, AuditEvent};
use sammen_domain::org::{DataCategory, DeliveryModel, Mode, OrganisationKind};
use sammen_domain::people::{Password, Role, pseudonym, search_key};
use sammen_store::rows::{MembershipRow, OrganisationRow, ParticipantRow, PartnershipRow, PeerWorkerRow, ProgrammeRow, UserRow};
use sammen_store::{StoreError, Tx, auth as sta, directory as std_, people as stp};

use crate::{App, AppError, AppResult, auth};

/// The password of every demo account. Printed by `sammen demo`; never use it elsewhere.
pub const DEMO_PASSWORD: &str = "sammen-demo-2026";

/// A demo login, for printing.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub email: String,
    pub role: String,
    pub organisation: String,
}

const ORGS: &[(&str, OrganisationKind, &str)] = &[
    ("Region Østerdal Psykiatri", OrganisationKind::Region, "region-osterdal"),
    ("Søby Kommune", OrganisationKind::Municipality, "soby"),
    ("Havnstrup Kommune", OrganisationKind::Municipality, "havnstrup"),
    ("Lindholm Kommune", OrganisationKind::Municipality, "lindholm"),
    ("Foreningen Peerkraft", OrganisationKind::Association, "peerkraft"),
    ("Netværket Recovery Sammen", OrganisationKind::Association, "recovery-sammen"),
];

const FIRST: &[&str] = &[
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
const LAST: &[&str] = &[
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

struct Pick<'a>(&'a App);
impl Pick<'_> {
    fn n(&self, below: usize) -> usize {
        let b: [u8; 4] = self.0.random_bytes();
        (u32::from_le_bytes(b) as usize) % below.max(1)
    }
    fn of<'b>(&self, xs: &'b [&'b str]) -> &'b str {
        xs[self.n(xs.len())]
    }
    fn chance(&self, percent: usize) -> bool {
        self.n(100) < percent
    }
}

fn event(app: &App, action: AuditAction, subject_type: &str, id: &str, org: Option<&str>) -> AuditEvent {
    record(app.now(), action, subject_type, id, org)
}

/// The audit record of a row the demo data set creates or changes: no actor, purpose
/// `demo_data`, route `cli demo`. Every area's demo seeding uses it.
pub(crate) fn demo_event(at: sammen_domain::time::Timestamp, action: AuditAction, subject_type: &str, id: &str, org: &str) -> AuditEvent {
    record(at, action, subject_type, id, Some(org))
}

fn record(at: sammen_domain::time::Timestamp, action: AuditAction, subject_type: &str, id: &str, org: Option<&str>) -> AuditEvent {
    AuditEvent::system(at, org, action, subject_type, Some(id.to_owned()), "demo_data", "cli demo")
}

/// The demo logins, as `seed` creates them (for printing on every start of the demo).
pub fn logins() -> Vec<DemoLogin> {
    let mut out =
        vec![DemoLogin { email: "systemadmin@sammen.example".into(), role: "system_administrator".into(), organisation: String::new() }];
    for (name, _, slug) in ORGS {
        for (role, local) in ROLE_LOCALS {
            out.push(DemoLogin { email: format!("{local}@{slug}.example"), role: role.code().into(), organisation: (*name).into() });
        }
    }
    out.push(crate::supervision::demo_login()); // supervision (issue 3): the external supervisor
    out
}

const ROLE_LOCALS: [(Role, &str); 6] = [
    (Role::Administrator, "admin"),
    (Role::Coordinator, "koordinator"),
    (Role::Supervisor, "supervisor"),
    (Role::PeerWorker, "peer"),
    (Role::Referrer, "henviser"),
    (Role::Evaluator, "evaluator"),
];

/// Creates the demo data if the database has no organisations. Returns the logins, or None
/// when the database already held data (then nothing is changed).
pub fn seed(app: &App) -> AppResult<Option<Vec<DemoLogin>>> {
    if app.db.read_blocking(std_::count_orgs)? > 0 {
        return Ok(None);
    }
    let pick = Pick(app);
    let now = app.now().micros();
    let pw = Password::parse(DEMO_PASSWORD).map_err(|m| AppError::Internal(m.into()))?;
    let mut users: Vec<(UserRow, Option<MembershipRow>)> = Vec::new();
    let mut logins = Vec::new();
    let mut orgs: Vec<OrganisationRow> = Vec::new();
    for (name, kind, _) in ORGS {
        orgs.push(OrganisationRow {
            id: app.new_id(),
            name: (*name).into(),
            kind: kind.code().into(),
            require_totp: false,
            created_at: now,
            updated_at: now,
        });
    }
    let mut user = |email: String, display: String, org: Option<(&OrganisationRow, Role)>| -> AppResult<String> {
        let id = app.new_id();
        let hash = auth::hash_password(app, &pw)?;
        let row = UserRow {
            id: id.clone(),
            organisation_id: org.map(|(o, _)| o.id.clone()),
            email: email.clone(),
            display_name: display,
            password_hash: hash,
            system_admin: org.is_none(),
            totp_secret: None,
            totp_enabled: false,
            totp_last_step: None,
            active: true,
            password_changed_at: now,
            created_at: now,
            updated_at: now,
        };
        let m =
            org.map(|(o, r)| MembershipRow { user_id: id.clone(), organisation_id: o.id.clone(), role: r.code().into(), created_at: now });
        logins.push(DemoLogin {
            email,
            role: org.map(|(_, r)| r.code().to_owned()).unwrap_or_else(|| "system_administrator".into()),
            organisation: org.map(|(o, _)| o.name.clone()).unwrap_or_default(),
        });
        users.push((row, m));
        Ok(id)
    };
    user("systemadmin@sammen.example".into(), "Systemadministrator".into(), None)?;
    let mut peer_accounts: Vec<(String, String, String)> = Vec::new(); // (user id, org id, email)
    for (o, (_, _, slug)) in orgs.iter().zip(ORGS) {
        for (role, local) in ROLE_LOCALS {
            let email = format!("{local}@{slug}.example");
            let display = format!("{} {}", pick.of(FIRST), pick.of(LAST));
            let id = user(email.clone(), display, Some((o, role)))?;
            if role == Role::PeerWorker {
                peer_accounts.push((id, o.id.clone(), email));
            }
        }
    }
    let mut programmes: Vec<ProgrammeRow> = Vec::new();
    for (i, o) in orgs.iter().enumerate() {
        let town = ORGS[i].0.split(' ').next().unwrap_or("Østerdal");
        let list: &[(&str, &[DeliveryModel], &[Mode])] = &[
            ("Individuelle peerforløb", &[DeliveryModel::Individual], &[Mode::InPerson, Mode::Phone]),
            ("Recovery-gruppe", &[DeliveryModel::Group], &[Mode::InPerson]),
            ("Peerstøtte online og på telefon", &[DeliveryModel::Individual, DeliveryModel::Group], &[Mode::Phone, Mode::Online]),
        ];
        for (name, delivery, modes) in list.iter().take(if i % 2 == 0 { 3 } else { 2 }) {
            programmes.push(ProgrammeRow {
                id: app.new_id(),
                organisation_id: o.id.clone(),
                name: format!("{name} – {town}"),
                description: Some("Støtte fra en peer-medarbejder med levet erfaring, som supplement til behandling.".into()),
                delivery: delivery.iter().map(|d| d.code()).collect::<Vec<_>>().join(","),
                modes: modes.iter().map(|m| m.code()).collect::<Vec<_>>().join(","),
                locations: if modes.contains(&Mode::InPerson) {
                    format!("Aktivitetshuset, {town}\nBiblioteket, {town}")
                } else {
                    String::new()
                },
                active: true,
                created_at: now,
                updated_at: now,
            });
        }
    }
    let mut peers: Vec<PeerWorkerRow> = Vec::new();
    for (i, o) in orgs.iter().enumerate() {
        let count = if i == 0 { 10 } else { 8 };
        for k in 0..count {
            let linked = peer_accounts.iter().find(|(_, org, _)| *org == o.id).filter(|_| k == 0);
            let first = pick.of(FIRST);
            let last = pick.of(LAST);
            peers.push(PeerWorkerRow {
                id: app.new_id(),
                organisation_id: o.id.clone(),
                user_id: linked.map(|(u, _, _)| u.clone()),
                // A record linked to an account carries the account's name.
                display_name: linked
                    .and_then(|(u, _, _)| users.iter().find(|(row, _)| &row.id == u))
                    .map(|(row, _)| row.display_name.clone())
                    .unwrap_or_else(|| format!("{first} {last}")),
                email: Some(linked.map(|(_, _, e)| e.clone()).unwrap_or_else(|| {
                    format!("{}.{}{k}@peer.example", first.to_lowercase(), last.to_lowercase()).replace(['æ', 'ø', 'å'], "x")
                })),
                phone: Some(format!("+45 {:02} {:02} {:02} {:02}", 20 + pick.n(80), pick.n(100), pick.n(100), pick.n(100))),
                engagement: if ORGS[i].1 == OrganisationKind::Association || pick.chance(30) { "volunteer".into() } else { "paid".into() },
                // The record of a demo login is always active, so it can be given participants.
                status: if linked.is_some() || pick.chance(90) { "active".into() } else { "paused".into() },
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
    let mut participants: Vec<ParticipantRow> = Vec::new();
    let mut used = std::collections::HashSet::new();
    for k in 0..500usize {
        let o = &orgs[k % orgs.len()];
        let org_peers: Vec<&PeerWorkerRow> = peers.iter().filter(|p| p.organisation_id == o.id).collect();
        let org_programmes: Vec<&ProgrammeRow> = programmes.iter().filter(|p| p.organisation_id == o.id).collect();
        let status = ["waiting", "active", "active", "active", "closed"][pick.n(5)];
        let mut ps = pseudonym(app.random_bytes());
        while !used.insert(ps.clone()) {
            ps = pseudonym(app.random_bytes());
        }
        let name = pick.chance(80).then(|| format!("{} {}", pick.of(FIRST), pick.of(LAST)));
        // The demo peer-worker account always has a caseload, so logging in as it shows one.
        let peer = if status == "waiting" {
            None
        } else if k % 7 == 0 {
            org_peers.iter().find(|p| p.user_id.is_some()).or(org_peers.first())
        } else {
            org_peers.get(pick.n(org_peers.len()))
        };
        let created = now - i64::try_from(pick.n(700)).unwrap_or(0) * 86_400_000_000;
        participants.push(ParticipantRow {
            id: app.new_id(),
            organisation_id: o.id.clone(),
            programme_id: org_programmes.get(pick.n(org_programmes.len())).map(|p| p.id.clone()),
            search_key: search_key(&[&ps, name.as_deref().unwrap_or("")]),
            pseudonym: ps,
            name,
            cpr: None,
            birth_year: Some(1950 + i64::try_from(pick.n(55)).unwrap_or(0)),
            gender: ["female", "male", "female", "male", "other"].get(pick.n(6)).map(|g| (*g).to_owned()),
            phone: pick.chance(60).then(|| format!("+45 {:02} {:02} {:02} {:02}", 20 + pick.n(80), pick.n(100), pick.n(100), pick.n(100))),
            email: None,
            status: status.into(),
            languages: pick.of(LANGS).into(),
            assigned_peer_id: peer.map(|p| p.id.clone()),
            created_at: created,
            updated_at: created,
            started_at: (status != "waiting").then_some(created),
            closed_at: (status == "closed").then(|| (created + 120 * 86_400_000_000).min(now)),
        });
    }
    let parties: Vec<String> = orgs.iter().map(|o| o.id.clone()).collect();
    let partnerships = vec![
        (
            PartnershipRow {
                id: app.new_id(),
                name: "Projekt Peerstøtte Østerdal".into(),
                purpose: "Fælles peerstøtteindsats mellem region, kommuner og foreninger: henvisninger og samlet evaluering.".into(),
                legal_basis: "Databeskyttelsesforordningen art. 6, stk. 1, litra e, og art. 9, stk. 2, litra h; serviceloven § 82 b".into(),
                data_categories: [DataCategory::ReferralStatus, DataCategory::AggregateOutcomes, DataCategory::PseudonymisedOutcomes]
                    .iter()
                    .map(|c| c.code())
                    .collect::<Vec<_>>()
                    .join(","),
                valid_from: "2025-01-01".into(),
                valid_to: Some("2027-12-31".into()),
                created_at: now,
                updated_at: now,
            },
            parties.clone(),
        ),
        (
            PartnershipRow {
                id: app.new_id(),
                name: "Udskrivningsmentorer Østerdal–Peerkraft".into(),
                purpose: "Peer-medarbejdere fra foreningen følger borgere fra udskrivning til kommunale tilbud.".into(),
                legal_basis: "Samtykke fra borgeren (art. 9, stk. 2, litra a)".into(),
                data_categories: [DataCategory::ReferralStatus, DataCategory::ParticipantRecord]
                    .iter()
                    .map(|c| c.code())
                    .collect::<Vec<_>>()
                    .join(","),
                valid_from: "2026-01-01".into(),
                valid_to: None,
                created_at: now,
                updated_at: now,
            },
            vec![orgs[0].id.clone(), orgs[4].id.clone()],
        ),
        (
            PartnershipRow {
                id: app.new_id(),
                name: "Fælles evaluering Søby–Havnstrup–Lindholm".into(),
                purpose: "Tre kommuner evaluerer deres peerstøtte efter samme måleplan og deler kun samlede resultater.".into(),
                legal_basis: "Databeskyttelsesforordningen art. 6, stk. 1, litra e, og art. 9, stk. 2, litra j (statistik)".into(),
                data_categories: DataCategory::AggregateOutcomes.code().into(),
                valid_from: "2025-06-01".into(),
                valid_to: None,
                created_at: now,
                updated_at: now,
            },
            vec![orgs[1].id.clone(), orgs[2].id.clone(), orgs[3].id.clone()],
        ),
    ];
    let app2 = app.clone();
    let (programmes2, participants2, peers2) = (programmes.clone(), participants.clone(), peers.clone());
    let orgs2: Vec<String> = orgs.iter().map(|o| o.id.clone()).collect();
    app.db.write_blocking(move |tx: &mut Tx<'_>| -> Result<(), StoreError> {
        for o in &orgs {
            std_::insert_org(tx.conn(), o)?;
            tx.audit(event(&app2, AuditAction::Create, "organisation", &o.id, Some(&o.id)));
        }
        for (u, m) in &users {
            sta::insert_user(tx.conn(), u)?;
            if let Some(m) = m {
                sta::insert_membership(tx.conn(), m)?;
            }
            tx.audit(event(&app2, AuditAction::Create, "user", &u.id, u.organisation_id.as_deref()));
        }
        for (p, parties) in &partnerships {
            std_::insert_partnership(tx.conn(), p, parties)?;
            tx.audit(event(&app2, AuditAction::Create, "partnership", &p.id, None));
        }
        for p in &programmes {
            std_::insert_programme(tx.conn(), p)?;
            tx.audit(event(&app2, AuditAction::Create, "programme", &p.id, Some(&p.organisation_id)));
        }
        for p in &peers {
            stp::insert_peer(tx.conn(), p)?;
            tx.audit(event(&app2, AuditAction::Create, "peer_worker", &p.id, Some(&p.organisation_id)));
        }
        for p in &participants {
            stp::insert_participant(tx.conn(), p)?;
            tx.audit(event(&app2, AuditAction::Create, "participant", &p.id, Some(&p.organisation_id)));
        }
        Ok(())
    })?;
    seed_measurements(app, &pick, &programmes2, &participants2)?;
    seed_roles(app, &orgs2)?;
    crate::demo_courses::seed(app, &peers2, &participants2, &programmes2)?;
    crate::workforce::seed_demo_engagements(app, &peers2)?;
    crate::intake::seed_demo(app, &orgs2)?;
    crate::groups::seed_demo(app, &orgs2)?;
    logins.push(crate::supervision::seed_demo(app, &orgs2)?); // supervision and wellbeing (issue 3)
    crate::training::seed_demo(app, &orgs2)?; // onboarding and training (issue 3)
    crate::recruitment::seed_demo(app, &orgs2)?;
    Ok(Some(logins))
}

/// Measurement plans for every programme (the CHIME check-in at the start, every 8 weeks, at
/// closure and 6 months after; WHO-5 on paper at the start, every 12 weeks and at closure) and the history they
/// would have made: most waves answered, some lapsed, the current one open.
fn seed_measurements(app: &App, pick: &Pick<'_>, programmes: &[ProgrammeRow], participants: &[ParticipantRow]) -> AppResult<()> {
    use sammen_domain::measurement::{InvitationStatus, ResponseSource, Schedule, due_waves};
    use sammen_domain::time::Timestamp;
    use sammen_instruments::AnswerValue;
    use sammen_store::measurement as sm;
    use sammen_store::rows::{InvitationRow, MeasurementPlanRow};

    let now = app.now();
    let day = 86_400_000_000i64;
    let since = participants.iter().map(|p| p.created_at).min().unwrap_or(now.micros()) - day;
    let chime = crate::measurement::shipped_definition("sammen-chime-checkin", None)?;
    let who5 = crate::measurement::shipped_definition("who-5", None)?;
    let mut plans = Vec::new();
    for prog in programmes {
        for (def, s) in [
            (chime, Schedule { at_start: true, every_weeks: Some(8), at_closure: true, followup_months: Some(6) }),
            (who5, Schedule { at_start: true, every_weeks: Some(12), at_closure: true, followup_months: None }),
        ] {
            plans.push((
                MeasurementPlanRow {
                    id: app.new_id(),
                    organisation_id: prog.organisation_id.clone(),
                    programme_id: prog.id.clone(),
                    instrument_id: def.id.clone(),
                    instrument_version: def.version.clone(),
                    at_start: s.at_start,
                    every_weeks: s.every_weeks.map(i64::from),
                    at_closure: s.at_closure,
                    followup_months: s.followup_months.map(i64::from),
                    reminder_days: 7,
                    valid_days: 28,
                    active: true,
                    created_at: since,
                    updated_at: since,
                },
                s,
                def,
            ));
        }
    }
    let mut invitations = Vec::new();
    let mut responses = Vec::new();
    let mut events = Vec::new();
    for p in participants {
        let Some(prog) = &p.programme_id else { continue };
        // Psychiatric admissions in the half year before the start for some, fewer after.
        if let Some(start) = p.started_at {
            for (chance, sign) in [(30, -1i64), (15, 1)] {
                if pick.chance(chance) {
                    let on = Timestamp(start + sign * (5 + pick.n(170) as i64) * day);
                    if on.0 > now.0 {
                        continue;
                    }
                    let days = 3 + pick.n(25) as i64;
                    for (kind, quantity) in [("admission", None), ("bed_days", Some(days))] {
                        events.push(sammen_store::rows::LifeEventRow {
                            id: app.new_id(),
                            organisation_id: p.organisation_id.clone(),
                            participant_id: p.id.clone(),
                            kind: kind.into(),
                            occurred_on: sammen_domain::time::format_date(on.date()),
                            ended_on: None,
                            quantity,
                            source: "referrer".into(),
                            note: None,
                            recorded_by: None,
                            created_at: now.0,
                        });
                    }
                }
            }
        }
        // Where this person starts (item level 0–4 or 0–5) and how much they gain per wave.
        let base = 1.0 + pick.n(15) as f64 / 10.0;
        let gain = pick.n(6) as f64 / 10.0 - 0.1;
        for (plan, s, def) in plans.iter().filter(|(pl, _, _)| &pl.programme_id == prog) {
            for (k, w) in due_waves(s, p.started_at.map(Timestamp), p.closed_at.map(Timestamp), now).into_iter().enumerate() {
                let expires = w.due.0 + plan.valid_days * day;
                let current = expires > now.0;
                // Fewer people answer as time goes on; the current wave is still open.
                let answered = !current && pick.chance(if k == 0 { 92 } else { 78usize.saturating_sub(4 * k) });
                let status = if current {
                    InvitationStatus::Open
                } else if answered {
                    InvitationStatus::Completed
                } else {
                    InvitationStatus::Expired
                };
                let inv = InvitationRow {
                    id: app.new_id(),
                    organisation_id: p.organisation_id.clone(),
                    participant_id: p.id.clone(),
                    plan_id: plan.id.clone(),
                    instrument_id: def.id.clone(),
                    instrument_version: def.version.clone(),
                    wave: w.label.clone(),
                    wave_order: w.order,
                    due_at: w.due.0,
                    expires_at: expires,
                    token_hash: None,
                    status: status.code().into(),
                    reminders_sent: if answered { 0 } else { 2 },
                    last_notified_at: None,
                    created_at: w.due.0,
                    updated_at: w.due.0,
                };
                if answered {
                    let at = Timestamp(w.due.0 + (1 + pick.n(10) as i64) * day);
                    let source = if def.id == "who-5" {
                        ResponseSource::Paper
                    } else if pick.chance(70) {
                        ResponseSource::Link
                    } else {
                        ResponseSource::WithPeer
                    };
                    let mut row = crate::measurement::new_response(app, Some(&inv), p, def, source, None, at);
                    let answers = def
                        .items
                        .iter()
                        .map(|item| {
                            let (lo, hi) = item.bounds();
                            let level = (base + gain * k as f64 + (pick.n(21) as f64 - 10.0) / 10.0) * (hi - lo) / 4.0;
                            let v = if item.reverse { hi + lo - level } else { level };
                            (item.link_id.clone(), AnswerValue::Code(format!("{}", v.round().clamp(lo, hi) as i64)))
                        })
                        .collect();
                    crate::measurement::apply_answers(&mut row, def, answers, true, at)?;
                    responses.push(row);
                }
                invitations.push(inv);
            }
        }
    }
    let app2 = app.clone();
    app.db.write_blocking(move |tx: &mut Tx<'_>| -> AppResult<()> {
        for (plan, _, _) in &plans {
            sm::insert_plan(tx.conn(), plan)?;
            tx.audit(event(&app2, AuditAction::Create, "measurement_plan", &plan.id, Some(&plan.organisation_id)));
        }
        for inv in &invitations {
            sm::insert_invitation(tx.conn(), inv)?;
        }
        for e in &events {
            sm::insert_life_event(tx.conn(), e)?;
        }
        for r in &responses {
            sm::insert_response(tx.conn(), r)?;
            tx.audit(event(&app2, AuditAction::Create, "participant", &r.participant_id, Some(&r.organisation_id)));
        }
        Ok(())
    })
}

/// Two role descriptions per organisation, the first in two versions.
fn seed_roles(app: &App, orgs: &[String]) -> AppResult<()> {
    use sammen_domain::workforce::RoleInput;
    use sammen_store::rows::RoleDescriptionRow;
    let competences = "Bruge egne erfaringer til at give håb\nStøtte selvbestemmelse ud fra et ligeværdigt udgangspunkt\nFacilitere selvudforskning\nVære forandringsagent\nLytte";
    let roles = [
        (
            "Peer-medarbejder i ambulant psykiatri",
            "Støtte borgere i deres recovery med egen erfaring som grundlag, i samarbejde med de faglige medarbejdere.",
            "Individuelle samtaler\nFølge med til møder på jobcenter og i kommunen\nDeltage i teammøder",
            "outpatient_clinic",
            vec!["individual_support".to_owned(), "bridge_building".to_owned()],
            "paid",
            "18,5",
            "permanent",
            vec!["intro_course".to_owned(), "wrap".to_owned()],
        ),
        (
            "Frivillig i recovery-café",
            "Være vært i caféen og vise, at recovery er muligt.",
            "Byde velkommen\nHolde samtalen i gang\nHenvise videre",
            "drop_in_centre",
            vec!["community_work".to_owned(), "reception".to_owned()],
            "volunteer",
            "4",
            "temporary",
            vec!["intro_course".to_owned()],
        ),
    ];
    let mut rows = Vec::new();
    let now = app.now().micros();
    for org in orgs {
        for (k, (title, purpose, tasks, setting, functions, engagement, hours, term, training)) in roles.iter().enumerate() {
            let input = RoleInput::parse(title, purpose, tasks, setting, functions, engagement, hours, term, competences, training)
                .map_err(|e| AppError::Internal(format!("demo role: {e}")))?;
            let key = app.new_id();
            let versions = if k == 0 { 2 } else { 1 };
            for v in 1..=versions {
                let hours = if v == 1 && versions == 2 { input.hours_per_week - 3.5 } else { input.hours_per_week };
                rows.push(RoleDescriptionRow {
                    id: app.new_id(),
                    organisation_id: org.clone(),
                    role_key: key.clone(),
                    version: v,
                    current: v == versions,
                    title: input.title.clone(),
                    purpose: input.purpose.clone(),
                    tasks: input.tasks.join("\n"),
                    setting: input.setting.code().into(),
                    functions: sammen_domain::org::join_codes(&input.functions),
                    engagement: input.engagement.code().into(),
                    hours_per_week: hours,
                    term: input.term.code().into(),
                    competences: input.competences.join("\n"),
                    training: sammen_domain::org::join_codes(&input.training),
                    created_by: None,
                    created_at: now - (versions - v) * 86_400_000_000 * 30,
                });
            }
        }
    }
    app.db.write_blocking(move |tx: &mut Tx<'_>| -> AppResult<()> {
        for r in &rows {
            sammen_store::workforce::insert_role_row(tx.conn(), r)?;
        }
        Ok(())
    })
}
