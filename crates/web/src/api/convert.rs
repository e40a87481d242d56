//! From use-case views to wire types.

use sammen_api_types as t;
use sammen_app::directory::{OrganisationView, PartnershipView, ProgrammeView};
use sammen_app::people::{ParticipantView, PeerWorkerView, StaffView};

pub fn org(o: &OrganisationView) -> t::Organisation {
    t::Organisation {
        id: o.id.to_string(),
        name: o.name.clone(),
        kind: o.kind.code().into(),
        require_totp: o.require_totp,
        time_zone: o.time_zone.clone(),
        created_at: o.created_at.rfc3339(),
    }
}

pub fn partnership(p: &PartnershipView) -> t::Partnership {
    t::Partnership {
        id: p.id.to_string(),
        name: p.name.clone(),
        purpose: p.purpose.clone(),
        legal_basis: p.legal_basis.clone(),
        data_categories: p.categories.iter().map(|c| c.code().to_owned()).collect(),
        valid_from: p.valid_from.clone(),
        valid_to: p.valid_to.clone(),
        parties: p.parties.iter().map(|o| o.to_string()).collect(),
        in_force: p.in_force,
    }
}

pub fn programme(p: &ProgrammeView) -> t::Programme {
    t::Programme {
        id: p.id.to_string(),
        organisation_id: p.organisation_id.to_string(),
        name: p.name.clone(),
        description: p.description.clone(),
        delivery: p.delivery.iter().map(|d| d.code().to_owned()).collect(),
        modes: p.modes.iter().map(|m| m.code().to_owned()).collect(),
        locations: p.locations.clone(),
        active: p.active,
        // Filled in by the handlers that read the programme's costs.
        coordination_hours_per_month: None,
    }
}

pub fn staff(s: &StaffView) -> t::Staff {
    t::Staff {
        id: s.id.to_string(),
        email: s.email.clone(),
        display_name: s.display_name.clone(),
        role: s.role.code().into(),
        active: s.active,
        totp_enabled: s.totp_enabled,
        created_at: s.created_at.rfc3339(),
    }
}

pub fn peer(p: &PeerWorkerView) -> t::PeerWorker {
    t::PeerWorker {
        id: p.id.to_string(),
        organisation_id: p.organisation_id.to_string(),
        display_name: p.display_name.clone(),
        email: p.email.clone(),
        phone: p.phone.clone(),
        engagement: p.engagement.code().into(),
        status: p.status.code().into(),
        languages: p.languages.clone(),
        modes: p.modes.iter().map(|m| m.code().to_owned()).collect(),
        caseload: p.caseload,
        has_login: p.user_id.is_some(),
    }
}

pub fn participant(p: &ParticipantView) -> t::Participant {
    t::Participant {
        id: p.id.to_string(),
        organisation_id: p.organisation_id.to_string(),
        pseudonym: p.pseudonym.clone(),
        name: p.name.clone(),
        cpr: p.cpr.clone(),
        birth_year: p.birth_year,
        gender: p.gender.map(|g| g.code().to_owned()),
        phone: p.phone.clone(),
        email: p.email.clone(),
        status: p.status.code().into(),
        languages: p.languages.clone(),
        programme_id: p.programme_id.map(|x| x.to_string()),
        assigned_peer_id: p.assigned_peer_id.map(|x| x.to_string()),
        created_at: p.created_at.rfc3339(),
        updated_at: p.updated_at.rfc3339(),
    }
}
