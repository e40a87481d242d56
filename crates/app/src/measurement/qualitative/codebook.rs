//! The codebook of a study: seeded at creation, then added to, renamed, merged and retired,
//! every change kept with who made it. Managers of the study and its coders change it (coders
//! add the codes they find while coding); every reader of the study reads it.

use sammen_domain::audit::{AuditAction, AuditOutcome};
use sammen_domain::measurement::qualitative::{CodeChangeKind, CodeInput, code_guid};
use sammen_domain::policy::{self, Basis};
use sammen_domain::{CodeId, StudyId};
use sammen_store::rows::{CodeChangeRow, InterviewCodeRow};
use sammen_store::{DbConnection, Stored, Unstore, measurement::qualitative as sq, stored};

use super::{CODE, CodeChangeView, CodeView, Loaded, STUDY, bad, guard_study, load_study, named, tree};
use crate::{App, AppError, AppResult, Ctx, Subject, guarded};

/// The codebook of a study in tree order, retired codes included (marked).
pub async fn codebook(app: &App, ctx: &Ctx, study: StudyId) -> AppResult<Vec<CodeView>> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let (s, basis) = guard_study(tx, &ctx, now, AuditAction::Read, study, |s| policy::view_study(&ctx.actor, &s.target()))?;
            let codes = tree(&sq::codes_of(tx.conn(), study)?);
            tx.audit(ctx.ok_as(now, AuditAction::Read, STUDY, Some(study.to_string()), Some(s.owner().to_string()), basis, "codebook"));
            Ok(codes)
        })
        .await
}

#[allow(clippy::too_many_arguments)]
fn change(
    app: &App,
    s: &Loaded,
    code: CodeId,
    kind: CodeChangeKind,
    old: Option<String>,
    new: Option<String>,
    ctx: &Ctx,
    at: i64,
) -> CodeChangeRow {
    CodeChangeRow {
        id: app.new_id(),
        study_id: Stored(s.id()),
        code_id: Stored(code),
        kind: Stored(kind),
        old_value: old,
        new_value: new,
        at,
        by_user: Stored(ctx.actor.user),
    }
}

/// A code of the study that may be a parent or a merge target: in the study and not retired.
fn live_code(conn: &mut DbConnection, study: StudyId, id: CodeId) -> Result<Option<InterviewCodeRow>, AppError> {
    Ok(sq::code(conn, id)?.filter(|c| c.study_id == study && !c.retired))
}

/// Adds a code (under a parent, whose theme it takes, or at the top without a theme).
pub async fn add_code(app: &App, ctx: &Ctx, study: StudyId, input: CodeInput) -> AppResult<CodeId> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let id: CodeId = app.next_id();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (s, basis) = guard_study(tx, &ctx, now, AuditAction::Create, study, |s| policy::edit_codebook(&ctx.actor, &s.target()))?;
            let parent = match input.parent {
                Some(p) => Some(live_code(tx.conn(), study, p)?.ok_or_else(|| bad("parent", "err-choice"))?),
                None => None,
            };
            let row = InterviewCodeRow {
                id: Stored(id),
                study_id: Stored(study),
                parent_id: stored(input.parent),
                guid: code_guid(id),
                name: input.name.clone(),
                description: input.description.clone(),
                example: input.example.clone(),
                theme: parent.and_then(|p| p.theme),
                position: sq::next_code_position(tx.conn(), study)?,
                retired: false,
                merged_into: None,
            };
            sq::insert_code(tx.conn(), &row)?;
            sq::insert_code_change(
                tx.conn(),
                &change(&app2, &s, id, CodeChangeKind::Created, None, Some(input.name.clone()), &ctx, now.micros()),
            )?;
            tx.audit(ctx.ok(now, AuditAction::Create, CODE, Some(id.to_string()), Some(s.owner().to_string()), basis));
            Ok(id)
        })
        .await
}

/// Loads a code with its study and decides whether the actor may change the codebook.
fn guarded_code(
    tx: &mut sammen_store::Tx<'_>,
    ctx: &Ctx,
    now: sammen_domain::time::Timestamp,
    id: CodeId,
) -> Result<((InterviewCodeRow, Loaded), Basis), AppError> {
    guarded(
        tx,
        ctx,
        now,
        AuditAction::Update,
        Subject::record(ctx, CODE, id),
        |c| {
            let Some(code) = sq::code(c, id)? else { return Ok(None) };
            Ok(load_study(c, code.study_id.get())?.map(|s| (code, s)))
        },
        |_, (_, s)| Ok(policy::edit_codebook(&ctx.actor, &s.target()).ok()),
    )
}

/// Renames a code and changes its description and example (recorded as renamed and/or edited).
/// Its place in the tree stays.
pub async fn edit_code(app: &App, ctx: &Ctx, id: CodeId, input: CodeInput) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let ((code, s), basis) = guarded_code(tx, &ctx, now, id)?;
            let at = now.micros();
            if code.name != input.name {
                sq::insert_code_change(
                    tx.conn(),
                    &change(&app2, &s, id, CodeChangeKind::Renamed, Some(code.name.clone()), Some(input.name.clone()), &ctx, at),
                )?;
            }
            if code.description != input.description || code.example != input.example {
                let old = format!("{}\n{}", code.description, code.example);
                let new = format!("{}\n{}", input.description, input.example);
                // One microsecond after a rename in the same edit, so the history keeps their order.
                sq::insert_code_change(
                    tx.conn(),
                    &change(
                        &app2,
                        &s,
                        id,
                        CodeChangeKind::Edited,
                        Some(old.trim_end().to_owned()),
                        Some(new.trim_end().to_owned()),
                        &ctx,
                        at + 1,
                    ),
                )?;
            }
            let row = InterviewCodeRow {
                name: input.name.clone(),
                description: input.description.clone(),
                example: input.example.clone(),
                ..code
            };
            sq::update_code(tx.conn(), &row)?;
            tx.audit(ctx.ok(now, AuditAction::Update, CODE, Some(id.to_string()), Some(s.owner().to_string()), basis));
            Ok(())
        })
        .await
}

/// Merges `from` into `into` (both of one study): every coding and quote of `from` moves to
/// `into`, `from`'s children move under `into`, and `from` is retired as merged.
pub async fn merge_code(app: &App, ctx: &Ctx, from: CodeId, into: CodeId) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let ((code, s), basis) = guarded_code(tx, &ctx, now, from)?;
            if from == into || code.retired {
                return Err(bad("into", "err-choice"));
            }
            let Some(target) = live_code(tx.conn(), s.id(), into)? else { return Err(bad("into", "err-choice")) };
            let codes = sq::codes_of(tx.conn(), s.id())?;
            // A code deeper below `from` than its child would end up under itself.
            let mut up = target.parent_id.get();
            let mut steps = 0;
            while let Some(p) = up {
                if p == from && steps > 0 {
                    return Err(bad("into", "err-choice"));
                }
                up = codes.iter().find(|c| c.id == p).and_then(|c| c.parent_id.get());
                steps += 1;
                if steps > codes.len() {
                    break;
                }
            }
            for child in codes.iter().filter(|c| c.parent_id.get() == Some(from)) {
                let parent = if child.id == into { code.parent_id } else { Some(Stored(into)) };
                sq::update_code(tx.conn(), &InterviewCodeRow { parent_id: parent, ..child.clone() })?;
            }
            sq::move_codings(tx.conn(), from, into)?;
            sq::update_code(tx.conn(), &InterviewCodeRow { retired: true, merged_into: Some(Stored(into)), ..code.clone() })?;
            sq::insert_code_change(
                tx.conn(),
                &change(&app2, &s, from, CodeChangeKind::Merged, Some(code.name.clone()), Some(target.name.clone()), &ctx, now.micros()),
            )?;
            let purpose = format!("{};merged_into:{into}", basis.describe());
            tx.audit(ctx.event(
                now,
                AuditAction::Update,
                CODE,
                Some(from.to_string()),
                Some(s.owner().to_string()),
                purpose,
                AuditOutcome::Ok,
            ));
            Ok(())
        })
        .await
}

/// Retires a code (it is no longer offered for coding; its codings stay) or restores it.
pub async fn retire_code(app: &App, ctx: &Ctx, id: CodeId, retired: bool) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let ((code, s), basis) = guarded_code(tx, &ctx, now, id)?;
            if code.retired == retired {
                return Ok(());
            }
            if !retired && code.merged_into.is_some() {
                return Err(bad("retired", "err-code-merged"));
            }
            let kind = if retired { CodeChangeKind::Retired } else { CodeChangeKind::Restored };
            sq::update_code(tx.conn(), &InterviewCodeRow { retired, ..code.clone() })?;
            sq::insert_code_change(tx.conn(), &change(&app2, &s, id, kind, None, Some(code.name.clone()), &ctx, now.micros()))?;
            tx.audit(ctx.ok(now, AuditAction::Update, CODE, Some(id.to_string()), Some(s.owner().to_string()), basis));
            Ok(())
        })
        .await
}

/// Every change to a study's codebook with who made it, newest first.
pub async fn code_history(app: &App, ctx: &Ctx, study: StudyId) -> AppResult<Vec<CodeChangeView>> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let (s, basis) = guard_study(tx, &ctx, now, AuditAction::Read, study, |s| policy::view_study(&ctx.actor, &s.target()))?;
            let changes = sq::code_changes(tx.conn(), study)?;
            let codes = sq::codes_of(tx.conn(), study)?;
            let mut users: Vec<_> = changes.iter().map(|c| c.by_user.get()).collect();
            users.sort();
            users.dedup();
            let names = named(tx.conn(), &users)?;
            let out = changes
                .into_iter()
                .map(|c| CodeChangeView {
                    at: sammen_domain::time::Timestamp(c.at),
                    by: names.iter().find(|(u, _)| *u == c.by_user.get()).map(|(_, n)| n.clone()).unwrap_or_default(),
                    code: codes.iter().find(|k| k.id == c.code_id.get()).map(|k| k.name.clone()).unwrap_or_default(),
                    kind: *c.kind,
                    old_value: c.old_value,
                    new_value: c.new_value,
                })
                .collect();
            tx.audit(ctx.ok_as(now, AuditAction::Read, STUDY, Some(study.to_string()), Some(s.owner().to_string()), basis, "code_history"));
            Ok(out)
        })
        .await
}
