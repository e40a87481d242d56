//! Studies: creating and editing them, their coders, and the parties of a partnership study.

use sammen_domain::audit::{AuditAction, AuditOutcome};
use sammen_domain::measurement::qualitative::{StudyInput, StudyScope, seed_codebook, seed_guid};
use sammen_domain::policy::{self, Basis};
use sammen_domain::{CodeId, OrgId, StudyId, UserId};
use sammen_store::rows::{GuideQuestionRow, InterviewCodeRow, InterviewStudyRow, StudyCoderRow, StudyPartyRow};
use sammen_store::{DbConnection, StoreError, Stored, Unstore, directory as sd, measurement::qualitative as sq, stored};

use super::{Loaded, PartyView, STUDY, StudySummary, StudyView, bad, guard_study, load_study, named, org_name, summary_of, to_i64};
use crate::{App, AppError, AppResult, Ctx, Subject, guarded};

fn guide_rows(app: &App, study: StudyId, input: &StudyInput) -> Vec<GuideQuestionRow> {
    input
        .guide
        .iter()
        .enumerate()
        .map(|(i, q)| GuideQuestionRow {
            id: app.new_id(),
            study_id: Stored(study),
            position: to_i64(i),
            text_da: q.da.clone(),
            text_en: q.en.clone(),
        })
        .collect()
}

fn summary(conn: &mut DbConnection, s: &Loaded, interviews: usize) -> Result<StudySummary, StoreError> {
    let organisation = org_name(conn, s.owner())?;
    let scope_name = match (s.row.programme_id.get(), s.row.partnership_id.get()) {
        (Some(p), _) => sd::programme(conn, p)?.map(|p| p.name).unwrap_or_default(),
        (None, Some(p)) => sd::partnership(conn, p)?.map(|(p, _)| p.name).unwrap_or_default(),
        _ => organisation.clone(),
    };
    Ok(StudySummary {
        id: s.id(),
        name: s.row.name.clone(),
        scope_kind: *s.row.scope_kind,
        scope_name,
        interviews,
        coders: s.coders.len(),
        organisation,
    })
}

/// Whether the organisation `org` may add interviews to the study today.
pub(crate) fn may_add_interviews(
    conn: &mut DbConnection,
    s: &Loaded,
    org: OrgId,
    now: sammen_domain::time::Timestamp,
) -> Result<bool, StoreError> {
    if org == s.owner() {
        return Ok(true);
    }
    if !s.joined.contains(&org) {
        return Ok(false);
    }
    let today = crate::zone::today_in(conn, Some(s.owner()), now)?;
    let agreements = crate::directory::agreements_involving(conn, s.owner())?;
    Ok(policy::interviews_may_join(s.owner(), org, s.row.partnership_id.get(), &agreements, today))
}

/// The studies the reader may see, newest first. The system administrator (the operator's
/// command line) sees every study's summary, which holds no personal data.
pub async fn list_studies(app: &App, ctx: &Ctx) -> AppResult<Vec<StudySummary>> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let rows = if ctx.actor.system_admin {
                sq::all_studies(tx.conn())?
            } else {
                let orgs: Vec<OrgId> = ctx.actor.orgs().collect();
                let partnerships: Vec<_> = sd::partnerships_for(tx.conn(), Some(&orgs))?.into_iter().map(|(p, _)| p.id.get()).collect();
                sq::studies_reaching(tx.conn(), &orgs, &partnerships, ctx.actor.user)?
            };
            let ids: Vec<StudyId> = rows.iter().map(|r| r.id.get()).collect();
            let counts = sq::active_counts(tx.conn(), &ids)?;
            let mut out = Vec::new();
            for row in rows {
                let Some(s) = load_study(tx.conn(), row.id.get())? else { continue };
                let basis =
                    if ctx.actor.system_admin { Ok(Basis::SystemAdministration) } else { policy::view_study(&ctx.actor, &s.target()) };
                if basis.is_ok() {
                    let n = counts.iter().find(|(k, _)| *k == s.id()).map_or(0, |(_, n)| super::to_usize(*n));
                    out.push(summary(tx.conn(), &s, n)?);
                }
            }
            tx.audit(ctx.event(now, AuditAction::Search, STUDY, None, ctx.org_text(), "list".into(), AuditOutcome::Ok));
            Ok(out)
        })
        .await
}

/// Creates a study of the active organisation, with the seed codebook. A programme study's
/// programme is the organisation's; a partnership study's partnership has it as a party (its
/// own interviews join at once; each other party decides for itself).
pub async fn create_study(app: &App, ctx: &Ctx, input: StudyInput) -> AppResult<StudyId> {
    ctx.require_write()?;
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let id: StudyId = app.next_id();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let Ok(basis) = policy::create_study(&ctx.actor, org) else {
                return Err(ctx.refuse(tx, now, AuditAction::Create, Subject::within(STUDY, Some(org)), AppError::Forbidden));
            };
            match input.scope {
                StudyScope::Organisation => {}
                StudyScope::Programme(p) => {
                    if sd::programme(tx.conn(), p)?.is_none_or(|p| p.organisation_id != org) {
                        return Err(bad("scope_id", "err-choice"));
                    }
                }
                StudyScope::Partnership(p) => {
                    if sd::partnership(tx.conn(), p)?.is_none_or(|(_, parties)| !parties.contains(&org)) {
                        return Err(bad("scope_id", "err-choice"));
                    }
                }
            }
            let row = InterviewStudyRow {
                id: Stored(id),
                organisation_id: Stored(org),
                scope_kind: Stored(input.scope.kind()),
                programme_id: stored(input.scope.programme()),
                partnership_id: stored(input.scope.partnership()),
                name: input.name.clone(),
                purpose: input.purpose.clone(),
                sampling: input.sampling.clone(),
                keep_original: input.keep_original,
                created_at: now.micros(),
                created_by: Stored(ctx.actor.user),
            };
            sq::insert_study(tx.conn(), &row, &guide_rows(&app2, id, &input))?;
            if input.scope.partnership().is_some() {
                let party = StudyPartyRow {
                    study_id: Stored(id),
                    organisation_id: Stored(org),
                    joined: true,
                    decided_at: now.micros(),
                    decided_by: Stored(ctx.actor.user),
                };
                sq::set_party(tx.conn(), &party)?;
            }
            let mut keys: Vec<(&str, CodeId)> = Vec::new();
            for (i, seed) in seed_codebook().iter().enumerate() {
                let code_id: CodeId = app2.next_id();
                let parent = seed.parent.and_then(|p| keys.iter().find(|(k, _)| *k == p).map(|(_, c)| *c));
                sq::insert_code(
                    tx.conn(),
                    &InterviewCodeRow {
                        id: Stored(code_id),
                        study_id: Stored(id),
                        parent_id: stored(parent),
                        guid: seed_guid(id, seed.key),
                        name: seed.name.to_owned(),
                        description: seed.description.to_owned(),
                        example: seed.example.to_owned(),
                        theme: Some(Stored(seed.theme)),
                        position: to_i64(i),
                        retired: false,
                        merged_into: None,
                    },
                )?;
                keys.push((seed.key, code_id));
            }
            tx.audit(ctx.ok(now, AuditAction::Create, STUDY, Some(id.to_string()), Some(org.to_string()), basis));
            Ok(id)
        })
        .await
}

/// Changes a study's texts, guide and originals setting. Its scope cannot change.
pub async fn edit_study(app: &App, ctx: &Ctx, id: StudyId, input: StudyInput) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (s, basis) = guard_study(tx, &ctx, now, AuditAction::Update, id, |s| policy::manage_study(&ctx.actor, &s.target()))?;
            if s.scope()? != input.scope {
                return Err(bad("scope_kind", "err-scope-fixed"));
            }
            let row = InterviewStudyRow {
                name: input.name.clone(),
                purpose: input.purpose.clone(),
                sampling: input.sampling.clone(),
                keep_original: input.keep_original,
                ..s.row.clone()
            };
            sq::update_study(tx.conn(), &row, &guide_rows(&app2, id, &input))?;
            tx.audit(ctx.ok(now, AuditAction::Update, STUDY, Some(id.to_string()), Some(s.owner().to_string()), basis));
            Ok(())
        })
        .await
}

/// A study with its guide, coders, parties and interviews (pseudonyms and kinds only).
pub async fn study(app: &App, ctx: &Ctx, id: StudyId) -> AppResult<StudyView> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let (s, basis) = guard_study(tx, &ctx, now, AuditAction::Read, id, |s| policy::view_study(&ctx.actor, &s.target()))?;
            let rows = sq::interviews_of(tx.conn(), id)?;
            let ids: Vec<_> = rows.iter().map(|r| r.id.get()).collect();
            let segs = sq::segments_of_many(tx.conn(), &ids)?;
            let done = sq::done_of(tx.conn(), &ids)?;
            let interviews: Vec<_> = rows
                .iter()
                .map(|r| {
                    let n = segs.iter().filter(|g| g.interview_id == r.id.get()).count();
                    summary_of(r, n, &s.coders, &done, ctx.actor.user)
                })
                .collect();
            let active = rows.iter().filter(|r| *r.status == sammen_domain::measurement::qualitative::InterviewStatus::Active).count();
            let parties = match s.row.partnership_id.get() {
                Some(p) => {
                    let orgs = sd::partnership(tx.conn(), p)?.map(|(_, parties)| parties).unwrap_or_default();
                    let mut out = Vec::new();
                    for o in orgs {
                        out.push(PartyView { org: o, name: org_name(tx.conn(), o)?, joined: o == s.owner() || s.joined.contains(&o) });
                    }
                    out
                }
                None => Vec::new(),
            };
            let t = s.target();
            let is_coder = policy::is_study_coder(&ctx.actor, &t);
            let can_record = match ctx.org {
                Some(o) => policy::record_interview(&ctx.actor, &t, o).is_ok() && may_add_interviews(tx.conn(), &s, o, now)?,
                None => false,
            };
            let can_decide_party = match ctx.org {
                Some(o) => {
                    o != s.owner() && policy::decide_study_party(&ctx.actor, o, &parties.iter().map(|p| p.org).collect::<Vec<_>>()).is_ok()
                }
                None => false,
            };
            let view = StudyView {
                summary: summary(tx.conn(), &s, active)?,
                purpose: s.row.purpose.clone(),
                sampling: s.row.sampling.clone(),
                keep_original: s.row.keep_original,
                scope: s.scope()?,
                guide: sq::guide(tx.conn(), id)?
                    .into_iter()
                    .map(|q| sammen_domain::measurement::qualitative::GuideQuestion { da: q.text_da, en: q.text_en })
                    .collect(),
                coders: named(tx.conn(), &s.coders)?,
                parties,
                interviews,
                can_manage: policy::manage_study(&ctx.actor, &t).is_ok(),
                can_code: is_coder,
                can_record,
                is_coder,
                can_decide_party,
            };
            tx.audit(ctx.ok(now, AuditAction::Read, STUDY, Some(id.to_string()), Some(s.owner().to_string()), basis));
            Ok(view)
        })
        .await
}

/// Who may be made a coder: members (any role) of the owner and of the parties that joined,
/// by name, those already coders left out.
pub async fn coder_candidates(app: &App, ctx: &Ctx, id: StudyId) -> AppResult<Vec<(UserId, String)>> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let (s, basis) = guard_study(tx, &ctx, now, AuditAction::Read, id, |s| policy::manage_study(&ctx.actor, &s.target()))?;
            let mut orgs = vec![s.owner()];
            orgs.extend(s.joined.iter().copied());
            let mut out: Vec<(UserId, String)> = Vec::new();
            for (u, name, _) in sq::members_of(tx.conn(), &orgs)? {
                if !s.coders.contains(&u) && !out.iter().any(|(k, _)| *k == u) {
                    out.push((u, name));
                }
            }
            tx.audit(ctx.event(
                now,
                AuditAction::Read,
                STUDY,
                Some(id.to_string()),
                Some(s.owner().to_string()),
                format!("{};coder_candidates", basis.describe()),
                AuditOutcome::Ok,
            ));
            Ok(out)
        })
        .await
}

/// Makes a member of the owner or of a party that joined a coder of the study.
pub async fn add_coder(app: &App, ctx: &Ctx, id: StudyId, user: UserId) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (s, basis) = guard_study(tx, &ctx, now, AuditAction::Update, id, |s| policy::manage_study(&ctx.actor, &s.target()))?;
            let orgs = sq::orgs_of_user(tx.conn(), user)?;
            if !policy::may_be_coder(&orgs, &s.target()) {
                return Err(bad("user", "err-coder-not-member"));
            }
            sq::add_coder(
                tx.conn(),
                &StudyCoderRow { study_id: Stored(id), user_id: Stored(user), added_at: now.micros(), added_by: Stored(ctx.actor.user) },
            )?;
            let purpose = format!("{};coder_added:{user}", basis.describe());
            tx.audit(ctx.event(
                now,
                AuditAction::Update,
                STUDY,
                Some(id.to_string()),
                Some(s.owner().to_string()),
                purpose,
                AuditOutcome::Ok,
            ));
            Ok(())
        })
        .await
}

/// Takes a coder off the study; the codings they made stay part of it.
pub async fn remove_coder(app: &App, ctx: &Ctx, id: StudyId, user: UserId) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (s, basis) = guard_study(tx, &ctx, now, AuditAction::Update, id, |s| policy::manage_study(&ctx.actor, &s.target()))?;
            sq::remove_coder(tx.conn(), id, user)?;
            let purpose = format!("{};coder_removed:{user}", basis.describe());
            tx.audit(ctx.event(
                now,
                AuditAction::Update,
                STUDY,
                Some(id.to_string()),
                Some(s.owner().to_string()),
                purpose,
                AuditOutcome::Ok,
            ));
            Ok(())
        })
        .await
}

/// The active organisation, a party of a partnership study, decides whether its interviews
/// join. Joining needs an agreement of the partnership in force that lets pseudonymised
/// outcomes flow to the study's owner.
pub async fn set_party_joined(app: &App, ctx: &Ctx, id: StudyId, joined: bool) -> AppResult<()> {
    ctx.require_write()?;
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (s, basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Update,
                Subject::record(&ctx, STUDY, id),
                |c| load_study(c, id),
                |c, s| {
                    let Some(p) = s.row.partnership_id.get() else { return Ok(None) };
                    if org == s.owner() {
                        return Ok(None);
                    }
                    let parties = sd::partnership(c, p)?.map(|(_, parties)| parties).unwrap_or_default();
                    Ok(policy::decide_study_party(&ctx.actor, org, &parties).ok())
                },
            )?;
            if joined {
                let today = crate::zone::today_in(tx.conn(), Some(s.owner()), now)?;
                let agreements = crate::directory::agreements_involving(tx.conn(), s.owner())?;
                if !policy::interviews_may_join(s.owner(), org, s.row.partnership_id.get(), &agreements, today) {
                    return Err(bad("joined", "err-party-no-agreement"));
                }
            }
            sq::set_party(
                tx.conn(),
                &StudyPartyRow {
                    study_id: Stored(id),
                    organisation_id: Stored(org),
                    joined,
                    decided_at: now.micros(),
                    decided_by: Stored(ctx.actor.user),
                },
            )?;
            let purpose = format!("{};{}", basis.describe(), if joined { "party_joined" } else { "party_left" });
            tx.audit(ctx.event(now, AuditAction::Update, STUDY, Some(id.to_string()), Some(org.to_string()), purpose, AuditOutcome::Ok));
            Ok(())
        })
        .await
}
