//! The demo's accounts: a system administrator and one login of every role per organisation.

use sammen_app::domain::audit::AuditAction;
use sammen_app::domain::people::{Password, Role};
use sammen_app::domain::time::Timestamp;
use sammen_app::domain::{OrgId, UserId};
use sammen_app::store::access as sta;
use sammen_app::store::rows::{MembershipRow, OrganisationRow, UserRow};
use sammen_app::store::{StoreError, Stored, Tx, Unstore};
use sammen_app::{App, AppError, AppResult, access::auth};

use crate::directory::ORGS;
use crate::people::{FIRST, LAST};
use crate::{DEMO_PASSWORD, DemoLogin, Rng, event};

pub(crate) const ROLE_LOCALS: [(Role, &str); 6] = [
    (Role::Administrator, "admin"),
    (Role::Coordinator, "koordinator"),
    (Role::Supervisor, "supervisor"),
    (Role::PeerWorker, "peer"),
    (Role::Referrer, "henviser"),
    (Role::Evaluator, "evaluator"),
];

const SYSTEM_ADMIN: &str = "systemadmin@sammen.example";

/// The logins of the system administrator and of every organisation's role accounts.
pub(crate) fn logins() -> Vec<DemoLogin> {
    let mut out = vec![DemoLogin { email: SYSTEM_ADMIN.into(), role: "system_administrator".into(), organisation: String::new() }];
    for (name, _, slug) in ORGS {
        for (role, local) in ROLE_LOCALS {
            out.push(DemoLogin { email: format!("{local}@{slug}.example"), role: role.code().into(), organisation: (*name).into() });
        }
    }
    out
}

/// The accounts to insert, their logins, and the peer-worker accounts: (user id, org id, e-mail).
pub(crate) struct Accounts {
    pub users: Vec<(UserRow, Option<MembershipRow>)>,
    pub logins: Vec<DemoLogin>,
    pub peer_accounts: Vec<(UserId, OrgId, String)>,
}

pub(crate) fn accounts(app: &App, pick: &Rng, orgs: &[OrganisationRow]) -> AppResult<Accounts> {
    let now = app.now().micros();
    let pw = Password::parse(DEMO_PASSWORD).map_err(|m| AppError::Internal(m.into()))?;
    let mut out = Accounts { users: Vec::new(), logins: Vec::new(), peer_accounts: Vec::new() };
    let user = |out: &mut Accounts, email: String, display: String, org: Option<(&OrganisationRow, Role)>| -> AppResult<UserId> {
        let id: UserId = app.next_id();
        let hash = auth::hash_password(app, &pw)?;
        let row = UserRow {
            id: Stored(id),
            organisation_id: org.map(|(o, _)| o.id),
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
        let m = org.map(|(o, r)| MembershipRow { user_id: Stored(id), organisation_id: o.id, role: r.into(), created_at: now });
        out.logins.push(DemoLogin {
            email,
            role: org.map(|(_, r)| r.code().to_owned()).unwrap_or_else(|| "system_administrator".into()),
            organisation: org.map(|(o, _)| o.name.clone()).unwrap_or_default(),
        });
        out.users.push((row, m));
        Ok(id)
    };
    user(&mut out, SYSTEM_ADMIN.into(), "Systemadministrator".into(), None)?;
    for (o, (_, _, slug)) in orgs.iter().zip(ORGS) {
        for (role, local) in ROLE_LOCALS {
            let email = format!("{local}@{slug}.example");
            let display = format!("{} {}", pick.of(FIRST), pick.of(LAST));
            let id = user(&mut out, email.clone(), display, Some((o, role)))?;
            if role == Role::PeerWorker {
                out.peer_accounts.push((id, o.id.get(), email));
            }
        }
    }
    Ok(out)
}

pub(crate) fn insert_users(tx: &mut Tx<'_>, now: Timestamp, users: &[(UserRow, Option<MembershipRow>)]) -> Result<(), StoreError> {
    for (u, m) in users {
        sta::insert_user(tx.conn(), u)?;
        if let Some(m) = m {
            sta::insert_membership(tx.conn(), m)?;
        }
        let org = u.organisation_id.get().map(|o| o.to_string());
        tx.audit(event(now, AuditAction::Create, "user", &u.id.to_string(), org.as_deref()));
    }
    Ok(())
}
