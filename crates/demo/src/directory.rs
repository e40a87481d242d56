//! The demo's organisations, their programmes and the partnerships between them.

use sammen_app::App;
use sammen_app::domain::OrgId;
use sammen_app::domain::audit::AuditAction;
use sammen_app::domain::directory::{DataCategory, DeliveryModel, Mode, OrganisationKind};
use sammen_app::domain::time::{DEFAULT_ZONE, Timestamp};
use sammen_app::store::directory as sd;
use sammen_app::store::rows::{OrganisationRow, PartnershipRow, ProgrammeRow};
use sammen_app::store::{StoreError, Stored, Tx};
use time::macros::date;

use crate::event;

/// The organisations: name, kind and the slug of their demo logins' e-mail domain.
pub(crate) const ORGS: &[(&str, OrganisationKind, &str)] = &[
    ("Region Østerdal Psykiatri", OrganisationKind::Region, "region-osterdal"),
    ("Søby Kommune", OrganisationKind::Municipality, "soby"),
    ("Havnstrup Kommune", OrganisationKind::Municipality, "havnstrup"),
    ("Lindholm Kommune", OrganisationKind::Municipality, "lindholm"),
    ("Foreningen Peerkraft", OrganisationKind::Association, "peerkraft"),
    ("Netværket Recovery Sammen", OrganisationKind::Association, "recovery-sammen"),
];

/// The network counts its days on the Faroe Islands' clock, one hour behind Denmark, so the
/// demo shows an organisation outside the default zone; every other one keeps Copenhagen's.
fn zone_of(slug: &str) -> &'static str {
    if slug == "recovery-sammen" { "Atlantic/Faroe" } else { DEFAULT_ZONE }
}

pub(crate) fn organisations(app: &App) -> Vec<OrganisationRow> {
    let now = app.now().micros();
    ORGS.iter()
        .map(|(name, kind, slug)| OrganisationRow {
            id: Stored(app.next_id()),
            name: (*name).into(),
            kind: Stored(*kind),
            require_totp: false,
            created_at: now,
            updated_at: now,
            time_zone: zone_of(slug).into(),
        })
        .collect()
}

/// Two or three programmes per organisation.
pub(crate) fn programmes(app: &App, orgs: &[OrganisationRow]) -> Vec<ProgrammeRow> {
    let now = app.now().micros();
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
                id: Stored(app.next_id()),
                organisation_id: o.id,
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
    programmes
}

/// Three partnerships: all six organisations, the region with an association, and the three
/// municipalities; each with its parties.
pub(crate) fn partnerships(app: &App, orgs: &[OrganisationRow]) -> Vec<(PartnershipRow, Vec<OrgId>)> {
    let now = app.now().micros();
    let parties: Vec<OrgId> = orgs.iter().map(|o| o.id.get()).collect();
    let party = |is: &[usize]| -> Vec<OrgId> { is.iter().filter_map(|&i| orgs.get(i)).map(|o| o.id.get()).collect() };
    vec![
        (
            PartnershipRow {
                id: Stored(app.next_id()),
                name: "Projekt Peerstøtte Østerdal".into(),
                purpose: "Fælles peerstøtteindsats mellem region, kommuner og foreninger: henvisninger og samlet evaluering.".into(),
                legal_basis: "Databeskyttelsesforordningen art. 6, stk. 1, litra e, og art. 9, stk. 2, litra h; serviceloven § 82 b".into(),
                data_categories: [DataCategory::ReferralStatus, DataCategory::AggregateOutcomes, DataCategory::PseudonymisedOutcomes]
                    .iter()
                    .map(|c| c.code())
                    .collect::<Vec<_>>()
                    .join(","),
                valid_from: Stored(date!(2025 - 01 - 01)),
                valid_to: Some(Stored(date!(2027 - 12 - 31))),
                created_at: now,
                updated_at: now,
            },
            parties,
        ),
        (
            PartnershipRow {
                id: Stored(app.next_id()),
                name: "Udskrivningsmentorer Østerdal–Peerkraft".into(),
                purpose: "Peer-medarbejdere fra foreningen følger borgere fra udskrivning til kommunale tilbud.".into(),
                legal_basis: "Samtykke fra borgeren (art. 9, stk. 2, litra a)".into(),
                data_categories: [DataCategory::ReferralStatus, DataCategory::ParticipantRecord]
                    .iter()
                    .map(|c| c.code())
                    .collect::<Vec<_>>()
                    .join(","),
                valid_from: Stored(date!(2026 - 01 - 01)),
                valid_to: None,
                created_at: now,
                updated_at: now,
            },
            party(&[0, 4]),
        ),
        (
            PartnershipRow {
                id: Stored(app.next_id()),
                name: "Fælles evaluering Søby–Havnstrup–Lindholm".into(),
                purpose: "Tre kommuner evaluerer deres peerstøtte efter samme måleplan og deler kun samlede resultater.".into(),
                legal_basis: "Databeskyttelsesforordningen art. 6, stk. 1, litra e, og art. 9, stk. 2, litra j (statistik)".into(),
                data_categories: DataCategory::AggregateOutcomes.code().into(),
                valid_from: Stored(date!(2025 - 06 - 01)),
                valid_to: None,
                created_at: now,
                updated_at: now,
            },
            party(&[1, 2, 3]),
        ),
    ]
}

pub(crate) fn insert_organisations(tx: &mut Tx<'_>, now: Timestamp, orgs: &[OrganisationRow]) -> Result<(), StoreError> {
    for o in orgs {
        sd::insert_org(tx.conn(), o)?;
        let id = o.id.to_string();
        tx.audit(event(now, AuditAction::Create, "organisation", &id, Some(&id)));
    }
    Ok(())
}

pub(crate) fn insert_partnerships(
    tx: &mut Tx<'_>,
    now: Timestamp,
    partnerships: &[(PartnershipRow, Vec<OrgId>)],
) -> Result<(), StoreError> {
    for (p, parties) in partnerships {
        sd::insert_partnership(tx.conn(), p, parties)?;
        tx.audit(event(now, AuditAction::Create, "partnership", &p.id.to_string(), None));
    }
    Ok(())
}

pub(crate) fn insert_programmes(tx: &mut Tx<'_>, now: Timestamp, programmes: &[ProgrammeRow]) -> Result<(), StoreError> {
    for p in programmes {
        sd::insert_programme(tx.conn(), p)?;
        tx.audit(event(now, AuditAction::Create, "programme", &p.id.to_string(), Some(&p.organisation_id.to_string())));
        // Coordination hours a month, for the reports' costs: more for a programme with groups.
        let hours = if p.delivery.contains("group") { 16.0 } else { 10.0 };
        sammen_app::store::measurement::costs::put_coordination(
            tx.conn(),
            p.id.get(),
            p.organisation_id.get(),
            Some(hours),
            None,
            now.micros(),
        )?;
    }
    Ok(())
}
