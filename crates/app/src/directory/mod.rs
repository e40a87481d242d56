//! Organisations, partnerships and programmes.

use sammen_domain::audit::AuditAction;
use sammen_domain::directory::{
    Agreement, DataCategory, DeliveryModel, Mode, OrganisationInput, OrganisationKind, PartnershipInput, ProgrammeInput, join_codes,
    split_codes,
};
use sammen_domain::policy;
use sammen_domain::time::{Timestamp, format_date, parse_date};
use sammen_domain::{OrgId, PartnershipId, ProgrammeId, ValidationErrors};
use sammen_store::rows::{OrganisationRow, PartnershipRow, ProgrammeRow};
use sammen_store::{DbConnection, Page, StoreError, directory as st};

use crate::{App, AppError, AppResult, Ctx};

#[derive(Debug, Clone, serde::Serialize)]
pub struct OrganisationView {
    pub id: OrgId,
    pub name: String,
    pub kind: OrganisationKind,
    pub require_totp: bool,
    pub created_at: Timestamp,
}

fn org_view(r: OrganisationRow) -> Result<OrganisationView, StoreError> {
    Ok(OrganisationView {
        id: r.id.parse().map_err(|_| StoreError::Corrupt("org id".into()))?,
        kind: OrganisationKind::parse(&r.kind).unwrap_or(OrganisationKind::Other),
        name: r.name,
        require_totp: r.require_totp,
        created_at: Timestamp(r.created_at),
    })
}

fn unique_to_field(e: StoreError, field: &str, key: &'static str) -> AppError {
    if e.is_unique_violation() { AppError::Validation(ValidationErrors::single(field, key)) } else { e.into() }
}

/// Every organisation's name and kind: the directory is not personal data; anyone with a
/// role somewhere may see it (needed to name partners).
pub async fn list_orgs(app: &App, ctx: &Ctx) -> AppResult<Vec<OrganisationView>> {
    policy::list_organisations(&ctx.actor).map_err(|_| AppError::Forbidden)?;
    let rows = app.db.read(st::orgs).await?;
    Ok(rows.into_iter().map(org_view).collect::<Result<_, _>>()?)
}

/// One organisation's page: its members and the system administrator.
pub async fn get_org(app: &App, ctx: &Ctx, id: OrgId) -> AppResult<OrganisationView> {
    policy::view_organisation(&ctx.actor, id).map_err(|_| AppError::NotFound)?;
    let row = app.db.read(move |c| st::org(c, &id.to_string())).await?.ok_or(AppError::NotFound)?;
    Ok(org_view(row)?)
}

/// Finds an organisation by id or exact name (for the command line).
pub fn find_org_blocking(app: &App, id_or_name: &str) -> AppResult<Option<OrganisationView>> {
    let key = id_or_name.trim().to_owned();
    let row = app.db.read_blocking(|c| match key.parse::<OrgId>() {
        Ok(id) => st::org(c, &id.to_string()),
        Err(_) => st::org_by_name(c, &key),
    })?;
    Ok(row.map(org_view).transpose()?)
}

pub async fn create_org(app: &App, ctx: &Ctx, input: OrganisationInput) -> AppResult<OrganisationView> {
    ctx.require_write()?;
    let basis = policy::edit_organisation(&ctx.actor, None).map_err(|_| AppError::Forbidden)?;
    let now = app.now();
    let row = OrganisationRow {
        id: app.new_id(),
        name: input.name,
        kind: input.kind.code().into(),
        require_totp: input.require_totp,
        created_at: now.micros(),
        updated_at: now.micros(),
    };
    let ctx = ctx.clone();
    let r2 = row.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            st::insert_org(tx.conn(), &r2).map_err(|e| unique_to_field(e, "name", "err-unique-name"))?;
            tx.audit(ctx.ok(now, AuditAction::Create, "organisation", Some(r2.id.clone()), Some(r2.id.clone()), basis));
            Ok(())
        })
        .await?;
    Ok(org_view(row)?)
}

pub async fn update_org(app: &App, ctx: &Ctx, id: OrgId, input: OrganisationInput) -> AppResult<OrganisationView> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let row = app
        .db
        .write(move |tx| -> AppResult<OrganisationRow> {
            let now = app2.now();
            let basis = match policy::edit_organisation(&ctx.actor, Some(id)) {
                Ok(b) => b,
                Err(_) => {
                    tx.audit_always(ctx.denied(now, AuditAction::Update, "organisation", Some(id.to_string()), Some(id.to_string())));
                    return Err(AppError::NotFound);
                }
            };
            let mut row = st::org(tx.conn(), &id.to_string())?.ok_or(AppError::NotFound)?;
            // An organisation's own administrator may change its settings, not its name or kind.
            if ctx.actor.system_admin {
                row.name = input.name;
                row.kind = input.kind.code().into();
            }
            row.require_totp = input.require_totp;
            row.updated_at = now.micros();
            st::update_org(tx.conn(), &row).map_err(|e| unique_to_field(e, "name", "err-unique-name"))?;
            tx.audit(ctx.ok(now, AuditAction::Update, "organisation", Some(row.id.clone()), Some(row.id.clone()), basis));
            Ok(row)
        })
        .await?;
    Ok(org_view(row)?)
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct PartnershipView {
    pub id: PartnershipId,
    pub name: String,
    pub purpose: String,
    pub legal_basis: String,
    pub categories: Vec<DataCategory>,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub parties: Vec<OrgId>,
    pub in_force: bool,
}

fn partnership_view(p: PartnershipRow, parties: Vec<String>, today: time::Date) -> Result<PartnershipView, StoreError> {
    let parties: Vec<OrgId> = parties.iter().filter_map(|o| o.parse().ok()).collect();
    let agreement = to_agreement(&p, &parties);
    Ok(PartnershipView {
        id: p.id.parse().map_err(|_| StoreError::Corrupt("partnership id".into()))?,
        in_force: agreement.as_ref().is_some_and(|a| a.in_force(today)),
        name: p.name,
        purpose: p.purpose,
        legal_basis: p.legal_basis,
        categories: split_codes(&p.data_categories, DataCategory::parse),
        valid_from: p.valid_from,
        valid_to: p.valid_to,
        parties,
    })
}

fn to_agreement(p: &PartnershipRow, parties: &[OrgId]) -> Option<Agreement> {
    Some(Agreement {
        parties: parties.to_vec(),
        categories: split_codes(&p.data_categories, DataCategory::parse),
        valid_from: parse_date(&p.valid_from).ok()?,
        valid_to: match &p.valid_to {
            Some(t) => Some(parse_date(t).ok()?),
            None => None,
        },
    })
}

/// The agreements that involve `org`, for the policy (read inside the access's transaction).
pub fn agreements_involving(conn: &mut DbConnection, org: &str) -> Result<Vec<(PartnershipId, Agreement)>, StoreError> {
    let rows = st::partnerships_for(conn, Some(&[org.to_owned()]))?;
    Ok(rows
        .into_iter()
        .filter_map(|(p, parties)| {
            let parties: Vec<OrgId> = parties.iter().filter_map(|o| o.parse().ok()).collect();
            Some((p.id.parse().ok()?, to_agreement(&p, &parties)?))
        })
        .collect())
}

pub async fn list_partnerships(app: &App, ctx: &Ctx) -> AppResult<Vec<PartnershipView>> {
    let orgs: Option<Vec<String>> = if ctx.actor.system_admin { None } else { Some(ctx.actor.orgs().map(|o| o.to_string()).collect()) };
    let rows = app.db.read(move |c| st::partnerships_for(c, orgs.as_deref())).await?;
    let today = app.now().date();
    let actor = ctx.actor.clone();
    Ok(rows
        .into_iter()
        .map(|(p, parties)| partnership_view(p, parties, today))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|p| policy::view_partnership(&actor, &p.parties).is_ok())
        .collect())
}

pub async fn get_partnership(app: &App, ctx: &Ctx, id: PartnershipId) -> AppResult<PartnershipView> {
    let (p, parties) = app.db.read(move |c| st::partnership(c, &id.to_string())).await?.ok_or(AppError::NotFound)?;
    let v = partnership_view(p, parties, app.now().date())?;
    policy::view_partnership(&ctx.actor, &v.parties).map_err(|_| AppError::NotFound)?;
    Ok(v)
}

fn partnership_row(id: String, input: &PartnershipInput, created_at: i64, now: i64) -> PartnershipRow {
    PartnershipRow {
        id,
        name: input.name.clone(),
        purpose: input.purpose.clone(),
        legal_basis: input.legal_basis.clone(),
        data_categories: join_codes(&input.categories),
        valid_from: format_date(input.valid_from),
        valid_to: input.valid_to.map(format_date),
        created_at,
        updated_at: now,
    }
}

/// Creates (id None) or replaces a partnership agreement. The actor must administer one of
/// the parties both before and after the change.
pub async fn save_partnership(app: &App, ctx: &Ctx, id: Option<PartnershipId>, input: PartnershipInput) -> AppResult<PartnershipView> {
    ctx.require_write()?;
    let new_id = app.new_id();
    let ctx = ctx.clone();
    let app2 = app.clone();
    let (row, parties) = app
        .db
        .write(move |tx| -> AppResult<(PartnershipRow, Vec<String>)> {
            let now = app2.now();
            let parties: Vec<String> = input.parties.iter().map(|o| o.to_string()).collect();
            for p in &parties {
                if st::org(tx.conn(), p)?.is_none() {
                    return Err(AppError::Validation(ValidationErrors::single("parties", "err-choice")));
                }
            }
            let existing = match id {
                Some(id) => Some(st::partnership(tx.conn(), &id.to_string())?.ok_or(AppError::NotFound)?),
                None => None,
            };
            let before: Vec<OrgId> =
                existing.as_ref().map(|(_, ps)| ps.iter().filter_map(|o| o.parse().ok()).collect()).unwrap_or_default();
            let allowed = policy::edit_partnership(&ctx.actor, &input.parties)
                .and_then(|b| if existing.is_some() { policy::edit_partnership(&ctx.actor, &before).map(|_| b) } else { Ok(b) });
            let subject = id.map(|i| i.to_string()).unwrap_or_else(|| new_id.clone());
            let basis = match allowed {
                Ok(b) => b,
                Err(_) => {
                    let action = if existing.is_some() { AuditAction::Update } else { AuditAction::Create };
                    tx.audit_always(ctx.denied(now, action, "partnership", Some(subject), ctx.org.map(|o| o.to_string())));
                    return Err(if existing.is_some() { AppError::NotFound } else { AppError::Forbidden });
                }
            };
            let (row, action) = match existing {
                Some((old, _)) => {
                    let row = partnership_row(old.id.clone(), &input, old.created_at, now.micros());
                    st::update_partnership(tx.conn(), &row, &parties)?;
                    (row, AuditAction::Update)
                }
                None => {
                    let row = partnership_row(subject.clone(), &input, now.micros(), now.micros());
                    st::insert_partnership(tx.conn(), &row, &parties)?;
                    (row, AuditAction::Create)
                }
            };
            tx.audit(ctx.ok(now, action, "partnership", Some(row.id.clone()), ctx.org.map(|o| o.to_string()), basis));
            Ok((row, parties))
        })
        .await?;
    Ok(partnership_view(row, parties, app.now().date())?)
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ProgrammeView {
    pub id: ProgrammeId,
    pub organisation_id: OrgId,
    pub name: String,
    pub description: Option<String>,
    pub delivery: Vec<DeliveryModel>,
    pub modes: Vec<Mode>,
    pub locations: Vec<String>,
    pub active: bool,
}

fn programme_view(r: ProgrammeRow) -> Result<ProgrammeView, StoreError> {
    Ok(ProgrammeView {
        id: r.id.parse().map_err(|_| StoreError::Corrupt("programme id".into()))?,
        organisation_id: r.organisation_id.parse().map_err(|_| StoreError::Corrupt("org id".into()))?,
        name: r.name,
        description: r.description,
        delivery: split_codes(&r.delivery, DeliveryModel::parse),
        modes: split_codes(&r.modes, Mode::parse),
        locations: r.locations.lines().filter(|l| !l.is_empty()).map(str::to_owned).collect(),
        active: r.active,
    })
}

/// Programmes of the actor's active organisation.
pub async fn list_programmes(app: &App, ctx: &Ctx, page: Page) -> AppResult<(Vec<ProgrammeView>, i64)> {
    let org = ctx.org()?;
    policy::view_programme(&ctx.actor, org).map_err(|_| AppError::Forbidden)?;
    let (rows, total) = app.db.read(move |c| st::programmes_of(c, &[org.to_string()], page)).await?;
    Ok((rows.into_iter().map(programme_view).collect::<Result<_, _>>()?, total))
}

pub async fn get_programme(app: &App, ctx: &Ctx, id: ProgrammeId) -> AppResult<ProgrammeView> {
    let row = app.db.read(move |c| st::programme(c, &id.to_string())).await?.ok_or(AppError::NotFound)?;
    let v = programme_view(row)?;
    policy::view_programme(&ctx.actor, v.organisation_id).map_err(|_| AppError::NotFound)?;
    Ok(v)
}

fn programme_row(id: String, org: OrgId, i: &ProgrammeInput, created_at: i64, now: i64) -> ProgrammeRow {
    ProgrammeRow {
        id,
        organisation_id: org.to_string(),
        name: i.name.clone(),
        description: i.description.clone(),
        delivery: join_codes(&i.delivery),
        modes: join_codes(&i.modes),
        locations: i.locations.join("\n"),
        active: i.active,
        created_at,
        updated_at: now,
    }
}

/// Creates (id None, in the active organisation) or updates a programme.
pub async fn save_programme(app: &App, ctx: &Ctx, id: Option<ProgrammeId>, input: ProgrammeInput) -> AppResult<ProgrammeView> {
    ctx.require_write()?;
    let new_id = app.new_id();
    let ctx = ctx.clone();
    let app2 = app.clone();
    let row = app
        .db
        .write(move |tx| -> AppResult<ProgrammeRow> {
            let now = app2.now();
            let existing = match id {
                Some(id) => Some(st::programme(tx.conn(), &id.to_string())?.ok_or(AppError::NotFound)?),
                None => None,
            };
            let org = match &existing {
                Some(e) => e.organisation_id.parse::<OrgId>().map_err(|_| AppError::NotFound)?,
                None => ctx.org()?,
            };
            let subject = existing.as_ref().map(|e| e.id.clone()).unwrap_or_else(|| new_id.clone());
            let basis = match policy::edit_programme(&ctx.actor, org) {
                Ok(b) => b,
                Err(_) => {
                    tx.audit_always(ctx.denied(now, AuditAction::Update, "programme", Some(subject), Some(org.to_string())));
                    return Err(if existing.is_some() { AppError::NotFound } else { AppError::Forbidden });
                }
            };
            let row = match existing {
                Some(e) => {
                    let row = programme_row(e.id, org, &input, e.created_at, now.micros());
                    st::update_programme(tx.conn(), &row)?;
                    tx.audit(ctx.ok(now, AuditAction::Update, "programme", Some(row.id.clone()), Some(org.to_string()), basis));
                    row
                }
                None => {
                    let row = programme_row(subject, org, &input, now.micros(), now.micros());
                    st::insert_programme(tx.conn(), &row)?;
                    tx.audit(ctx.ok(now, AuditAction::Create, "programme", Some(row.id.clone()), Some(org.to_string()), basis));
                    row
                }
            };
            Ok(row)
        })
        .await?;
    Ok(programme_view(row)?)
}
