//! Organisations, partnerships and programmes; the start page's work queues ([`front`]).

pub mod front;

use sammen_domain::audit::AuditAction;
use sammen_domain::directory::{
    Agreement, DataCategory, DeliveryModel, Mode, OrganisationInput, OrganisationKind, PartnershipInput, ProgrammeInput, join_codes,
    split_codes,
};
use sammen_domain::policy;
use sammen_domain::time::{Timestamp, format_date};
use sammen_domain::{OrgId, PartnershipId, ProgrammeId, ValidationErrors};
use sammen_store::rows::{OrganisationRow, PartnershipRow, ProgrammeRow};
use sammen_store::{DbConnection, Page, StoreError, Stored, directory as st, stored};

use crate::{App, AppError, AppResult, Ctx, Subject};

#[derive(Debug, Clone, serde::Serialize)]
pub struct OrganisationView {
    pub id: OrgId,
    pub name: String,
    pub kind: OrganisationKind,
    pub require_totp: bool,
    /// The IANA name of the zone its days are counted in.
    pub time_zone: String,
    pub created_at: Timestamp,
}

fn org_view(r: OrganisationRow) -> OrganisationView {
    OrganisationView {
        id: r.id.get(),
        kind: r.kind.get(),
        name: r.name,
        require_totp: r.require_totp,
        time_zone: r.time_zone,
        created_at: Timestamp(r.created_at),
    }
}

fn unique_to_field(e: StoreError, field: &str, key: &'static str) -> AppError {
    if e.is_unique_violation() { AppError::Validation(ValidationErrors::single(field, key)) } else { e.into() }
}

/// Every organisation's name and kind: the directory is not personal data; anyone with a
/// role somewhere may see it (needed to name partners).
pub async fn list_orgs(app: &App, ctx: &Ctx) -> AppResult<Vec<OrganisationView>> {
    policy::list_organisations(&ctx.actor).map_err(|_| AppError::Forbidden)?;
    let rows = app.db.read(st::orgs).await?;
    Ok(rows.into_iter().map(org_view).collect())
}

/// One organisation's page: its members and the system administrator.
pub async fn get_org(app: &App, ctx: &Ctx, id: OrgId) -> AppResult<OrganisationView> {
    policy::view_organisation(&ctx.actor, id).map_err(|_| AppError::NotFound)?;
    let row = app.db.read(move |c| st::org(c, id)).await?.ok_or(AppError::NotFound)?;
    Ok(org_view(row))
}

/// Finds an organisation by id or exact name (for the command line).
pub fn find_org_blocking(app: &App, id_or_name: &str) -> AppResult<Option<OrganisationView>> {
    let key = id_or_name.trim().to_owned();
    let row = app.db.read_blocking(|c| match key.parse::<OrgId>() {
        Ok(id) => st::org(c, id),
        Err(_) => st::org_by_name(c, &key),
    })?;
    Ok(row.map(org_view))
}

pub async fn create_org(app: &App, ctx: &Ctx, input: OrganisationInput) -> AppResult<OrganisationView> {
    ctx.require_write()?;
    let basis = policy::edit_organisation(&ctx.actor, None).map_err(|_| AppError::Forbidden)?;
    let now = app.now();
    let row = OrganisationRow {
        id: Stored(app.next_id()),
        name: input.name,
        kind: input.kind.into(),
        require_totp: input.require_totp,
        created_at: now.micros(),
        updated_at: now.micros(),
        time_zone: input.time_zone.unwrap_or_default().name().to_owned(),
    };
    let ctx = ctx.clone();
    let r2 = row.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            st::insert_org(tx.conn(), &r2).map_err(|e| unique_to_field(e, "name", "err-unique-name"))?;
            tx.audit(ctx.ok(now, AuditAction::Create, "organisation", Some(r2.id.to_string()), Some(r2.id.to_string()), basis));
            Ok(())
        })
        .await?;
    Ok(org_view(row))
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
                    let subject = Subject { kind: "organisation", id: Some(id.to_string()), org: Some(id.to_string()) };
                    return Err(ctx.refuse(tx, now, AuditAction::Update, subject, AppError::NotFound));
                }
            };
            let mut row = st::org(tx.conn(), id)?.ok_or(AppError::NotFound)?;
            // An organisation's own administrator may change its settings, not its name or kind.
            if ctx.actor.system_admin {
                row.name = input.name;
                row.kind = input.kind.into();
            }
            row.require_totp = input.require_totp;
            if let Some(zone) = input.time_zone {
                row.time_zone = zone.name().to_owned();
            }
            row.updated_at = now.micros();
            st::update_org(tx.conn(), &row).map_err(|e| unique_to_field(e, "name", "err-unique-name"))?;
            tx.audit(ctx.ok(now, AuditAction::Update, "organisation", Some(row.id.to_string()), Some(row.id.to_string()), basis));
            Ok(row)
        })
        .await?;
    Ok(org_view(row))
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

fn partnership_view(p: PartnershipRow, parties: Vec<OrgId>, today: time::Date) -> PartnershipView {
    let agreement = to_agreement(&p, &parties);
    PartnershipView {
        id: p.id.get(),
        in_force: agreement.in_force(today),
        name: p.name,
        purpose: p.purpose,
        legal_basis: p.legal_basis,
        categories: split_codes(&p.data_categories, DataCategory::parse),
        valid_from: format_date(*p.valid_from),
        valid_to: p.valid_to.map(|d| format_date(*d)),
        parties,
    }
}

fn to_agreement(p: &PartnershipRow, parties: &[OrgId]) -> Agreement {
    Agreement {
        parties: parties.to_vec(),
        categories: split_codes(&p.data_categories, DataCategory::parse),
        valid_from: *p.valid_from,
        valid_to: p.valid_to.map(|d| *d),
    }
}

/// The agreements that involve `org`, for the policy (read inside the access's transaction).
pub fn agreements_involving(conn: &mut DbConnection, org: OrgId) -> Result<Vec<(PartnershipId, Agreement)>, StoreError> {
    let rows = st::partnerships_for(conn, Some(&[org]))?;
    Ok(rows.into_iter().map(|(p, parties)| (p.id.get(), to_agreement(&p, &parties))).collect())
}

pub async fn list_partnerships(app: &App, ctx: &Ctx) -> AppResult<Vec<PartnershipView>> {
    let orgs: Option<Vec<OrgId>> = if ctx.actor.system_admin { None } else { Some(ctx.actor.orgs().collect()) };
    let rows = app.db.read(move |c| st::partnerships_for(c, orgs.as_deref())).await?;
    let today = app.today(ctx).await?;
    let actor = ctx.actor.clone();
    Ok(rows
        .into_iter()
        .map(|(p, parties)| partnership_view(p, parties, today))
        .filter(|p| policy::view_partnership(&actor, &p.parties).is_ok())
        .collect())
}

pub async fn get_partnership(app: &App, ctx: &Ctx, id: PartnershipId) -> AppResult<PartnershipView> {
    let (p, parties) = app.db.read(move |c| st::partnership(c, id)).await?.ok_or(AppError::NotFound)?;
    let v = partnership_view(p, parties, app.today(ctx).await?);
    policy::view_partnership(&ctx.actor, &v.parties).map_err(|_| AppError::NotFound)?;
    Ok(v)
}

fn partnership_row(id: PartnershipId, input: &PartnershipInput, created_at: i64, now: i64) -> PartnershipRow {
    PartnershipRow {
        id: Stored(id),
        name: input.name.clone(),
        purpose: input.purpose.clone(),
        legal_basis: input.legal_basis.clone(),
        data_categories: join_codes(&input.categories),
        valid_from: Stored(input.valid_from),
        valid_to: stored(input.valid_to),
        created_at,
        updated_at: now,
    }
}

/// Creates (id None) or replaces a partnership agreement. The actor must administer one of
/// the parties both before and after the change.
pub async fn save_partnership(app: &App, ctx: &Ctx, id: Option<PartnershipId>, input: PartnershipInput) -> AppResult<PartnershipView> {
    ctx.require_write()?;
    let new_id: PartnershipId = app.next_id();
    let today = app.today(ctx).await?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let (row, parties) = app
        .db
        .write(move |tx| -> AppResult<(PartnershipRow, Vec<OrgId>)> {
            let now = app2.now();
            let parties: Vec<OrgId> = input.parties.clone();
            for p in &parties {
                if st::org(tx.conn(), *p)?.is_none() {
                    return Err(AppError::Validation(ValidationErrors::single("parties", "err-choice")));
                }
            }
            let existing = match id {
                Some(id) => Some(st::partnership(tx.conn(), id)?.ok_or(AppError::NotFound)?),
                None => None,
            };
            let before: Vec<OrgId> = existing.as_ref().map(|(_, ps)| ps.clone()).unwrap_or_default();
            let allowed = policy::edit_partnership(&ctx.actor, &input.parties)
                .and_then(|b| if existing.is_some() { policy::edit_partnership(&ctx.actor, &before).map(|_| b) } else { Ok(b) });
            let subject = id.unwrap_or(new_id);
            let basis = match allowed {
                Ok(b) => b,
                Err(_) => {
                    let action = if existing.is_some() { AuditAction::Update } else { AuditAction::Create };
                    let answer = if existing.is_some() { AppError::NotFound } else { AppError::Forbidden };
                    return Err(ctx.refuse(tx, now, action, Subject::record(&ctx, "partnership", subject), answer));
                }
            };
            // A sensible period; the dates already stored are not judged again.
            let kept = existing.as_ref().map(|(old, _)| (*old.valid_from, old.valid_to.map(|d| *d)));
            input.check_period(today, kept)?;
            let (row, action) = match existing {
                Some((old, _)) => {
                    let row = partnership_row(old.id.get(), &input, old.created_at, now.micros());
                    st::update_partnership(tx.conn(), &row, &parties)?;
                    (row, AuditAction::Update)
                }
                None => {
                    let row = partnership_row(subject, &input, now.micros(), now.micros());
                    st::insert_partnership(tx.conn(), &row, &parties)?;
                    (row, AuditAction::Create)
                }
            };
            tx.audit(ctx.ok(now, action, "partnership", Some(row.id.to_string()), ctx.org_text(), basis));
            Ok((row, parties))
        })
        .await?;
    Ok(partnership_view(row, parties, today))
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

fn programme_view(r: ProgrammeRow) -> ProgrammeView {
    ProgrammeView {
        id: r.id.get(),
        organisation_id: r.organisation_id.get(),
        name: r.name,
        description: r.description,
        delivery: split_codes(&r.delivery, DeliveryModel::parse),
        modes: split_codes(&r.modes, Mode::parse),
        locations: r.locations.lines().filter(|l| !l.is_empty()).map(str::to_owned).collect(),
        active: r.active,
    }
}

/// Programmes of the actor's active organisation.
pub async fn list_programmes(app: &App, ctx: &Ctx, page: Page) -> AppResult<(Vec<ProgrammeView>, i64)> {
    let org = ctx.org()?;
    policy::view_programme(&ctx.actor, org).map_err(|_| AppError::Forbidden)?;
    let (rows, total) = app.db.read(move |c| st::programmes_of(c, &[org], page)).await?;
    Ok((rows.into_iter().map(programme_view).collect(), total))
}

pub async fn get_programme(app: &App, ctx: &Ctx, id: ProgrammeId) -> AppResult<ProgrammeView> {
    let row = app.db.read(move |c| st::programme(c, id)).await?.ok_or(AppError::NotFound)?;
    let v = programme_view(row);
    policy::view_programme(&ctx.actor, v.organisation_id).map_err(|_| AppError::NotFound)?;
    Ok(v)
}

fn programme_row(id: ProgrammeId, org: OrgId, i: &ProgrammeInput, created_at: i64, now: i64) -> ProgrammeRow {
    ProgrammeRow {
        id: Stored(id),
        organisation_id: org.into(),
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
    save_programme_with(app, ctx, id, input, None).await
}

/// Saves a programme and, in the same transaction, its coordination hours a month (`None`
/// leaves them as they are; `Some(None)` clears them): either both are stored or neither.
pub async fn save_programme_with_coordination(
    app: &App,
    ctx: &Ctx,
    id: Option<ProgrammeId>,
    input: ProgrammeInput,
    hours: Option<f64>,
) -> AppResult<ProgrammeView> {
    save_programme_with(app, ctx, id, input, Some(hours)).await
}

async fn save_programme_with(
    app: &App,
    ctx: &Ctx,
    id: Option<ProgrammeId>,
    input: ProgrammeInput,
    coordination: Option<Option<f64>>,
) -> AppResult<ProgrammeView> {
    ctx.require_write()?;
    let new_id: ProgrammeId = app.next_id();
    let ctx = ctx.clone();
    let app2 = app.clone();
    let row = app
        .db
        .write(move |tx| -> AppResult<ProgrammeRow> {
            let now = app2.now();
            let existing = match id {
                Some(id) => Some(st::programme(tx.conn(), id)?.ok_or(AppError::NotFound)?),
                None => None,
            };
            let org = match &existing {
                Some(e) => e.organisation_id.get(),
                None => ctx.org()?,
            };
            let subject = existing.as_ref().map(|e| e.id.get()).unwrap_or(new_id);
            let basis = match policy::edit_programme(&ctx.actor, org) {
                Ok(b) => b,
                Err(_) => {
                    let answer = if existing.is_some() { AppError::NotFound } else { AppError::Forbidden };
                    let subject = Subject { kind: "programme", id: Some(subject.to_string()), org: Some(org.to_string()) };
                    return Err(ctx.refuse(tx, now, AuditAction::Update, subject, answer));
                }
            };
            let row = match existing {
                Some(e) => {
                    let row = programme_row(e.id.get(), org, &input, e.created_at, now.micros());
                    st::update_programme(tx.conn(), &row)?;
                    tx.audit(ctx.ok(now, AuditAction::Update, "programme", Some(row.id.to_string()), Some(org.to_string()), basis));
                    row
                }
                None => {
                    let row = programme_row(subject, org, &input, now.micros(), now.micros());
                    st::insert_programme(tx.conn(), &row)?;
                    tx.audit(ctx.ok(now, AuditAction::Create, "programme", Some(row.id.to_string()), Some(org.to_string()), basis));
                    row
                }
            };
            if let Some(hours) = coordination {
                sammen_store::measurement::costs::put_coordination(
                    tx.conn(),
                    row.id.get(),
                    org,
                    hours,
                    Some(ctx.actor.user),
                    now.micros(),
                )?;
            }
            Ok(row)
        })
        .await?;
    Ok(programme_view(row))
}
