//! Importing participants and peer workers from a spreadsheet (CSV, `.xlsx` or `.ods`): a dry
//! run that reports every row's problems by line and column, then an all-or-nothing commit in
//! one transaction, each new person audited in it.

use std::collections::HashMap;

use sammen_domain::audit::AuditAction;
use sammen_domain::people::import::{ImportPreview, ImportRow, Source, TableError, preview_participants, preview_peers};
use sammen_domain::policy::{self, Actor, Decision};
use sammen_domain::time::Timestamp;
use sammen_domain::{OrgId, ProgrammeId};
use sammen_store::{Page, Tx, directory as std_};

use crate::people::{insert_new_participant, insert_new_peer};
use crate::{App, AppError, AppResult, Ctx, Subject};

/// One problem of one row: the line, the field, the column it was read from (its 1-based
/// position and its header as written), the message id and, for a duplicate, the earlier line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: usize,
    pub field: String,
    pub column: Option<usize>,
    pub header: Option<String>,
    pub message: &'static str,
    pub other_line: Option<usize>,
}

/// What an import found, and whether it wrote anything.
#[derive(Debug, Clone)]
pub struct ImportOutcome {
    /// How the file was read; `None` when it could not be.
    pub source: Option<Source>,
    pub rows: usize,
    pub valid: usize,
    pub file_errors: Vec<TableError>,
    pub problems: Vec<RowProblem>,
    /// True when the rows were written (a commit of a clean file).
    pub committed: bool,
    pub created: usize,
}

impl ImportOutcome {
    pub fn is_clean(&self) -> bool {
        self.file_errors.is_empty() && self.problems.is_empty() && self.rows > 0
    }
}

fn outcome<R: ImportRow>(preview: &ImportPreview<R>, extra: Vec<RowProblem>) -> ImportOutcome {
    let mut problems: Vec<RowProblem> = Vec::new();
    for row in &preview.rows {
        if let Some(errors) = row.errors() {
            for f in &errors.fields {
                problems.push(RowProblem {
                    line: row.line(),
                    field: f.field.clone(),
                    column: None,
                    header: None,
                    message: f.message,
                    other_line: None,
                });
            }
        }
    }
    problems.extend(extra);
    for p in &mut problems {
        if let Some(c) = preview.column(&p.field) {
            p.column = Some(c.position);
            p.header = Some(c.header.clone());
        }
    }
    problems.sort_by(|a, b| (a.line, a.column, &a.field).cmp(&(b.line, b.column, &b.field)));
    ImportOutcome {
        source: preview.source,
        rows: preview.rows.len(),
        valid: preview.valid_count(),
        file_errors: preview.file_errors.clone(),
        problems,
        committed: false,
        created: 0,
    }
}

/// Checks the file (`commit == false`), or checks it and, when it is clean, creates every
/// participant in one transaction (`commit == true`): all rows or none. `file_name` is the name
/// it was uploaded under, if any. Programmes are named in the file and must exist in the active
/// organisation.
pub async fn import_participants(app: &App, ctx: &Ctx, bytes: Vec<u8>, file_name: Option<&str>, commit: bool) -> AppResult<ImportOutcome> {
    if commit {
        ctx.require_write()?;
    }
    let org = ctx.org()?;
    policy::edit_participant(&ctx.actor, org).map_err(|_| AppError::Forbidden)?;
    let year = app.today(ctx).await?.year();
    // Unpacking a workbook takes a while: off the async workers, like password hashing.
    let name = file_name.map(str::to_owned);
    let mut preview = tokio::task::spawn_blocking(move || preview_participants(&bytes, name.as_deref(), year))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let programmes = programme_names(app, org).await?;
    let mut extra = Vec::new();
    for row in &mut preview.rows {
        let Some(name) = row.programme.clone() else { continue };
        match programmes.get(&name.trim().to_lowercase()) {
            Some(id) => {
                if let Ok(input) = &mut row.result {
                    input.programme = Some(*id);
                }
            }
            None => extra.push(RowProblem {
                line: row.line,
                field: "programme".into(),
                column: None,
                header: None,
                message: "err-import-unknown-programme",
                other_line: None,
            }),
        }
    }
    let mut out = outcome(&preview, extra);
    for p in out.problems.iter_mut().filter(|p| p.message == "err-import-duplicate") {
        p.other_line = preview.rows.iter().find(|r| r.line == p.line).and_then(|r| r.duplicate_of);
    }
    if !commit || !out.is_clean() {
        return Ok(out);
    }
    let inputs: Vec<_> = preview.rows.into_iter().filter_map(|r| r.result.ok()).collect();
    let created = commit_all(app, ctx, org, "participant", policy::edit_participant, inputs, |tx, app, org, input, now| {
        insert_new_participant(tx, app, org, input, None, now).map(|r| r.id.to_string())
    })
    .await?;
    out.committed = true;
    out.created = created;
    Ok(out)
}

/// As [`import_participants`], for peer workers.
pub async fn import_peers(app: &App, ctx: &Ctx, bytes: Vec<u8>, file_name: Option<&str>, commit: bool) -> AppResult<ImportOutcome> {
    if commit {
        ctx.require_write()?;
    }
    let org = ctx.org()?;
    policy::edit_peer_worker(&ctx.actor, org).map_err(|_| AppError::Forbidden)?;
    let name = file_name.map(str::to_owned);
    let preview =
        tokio::task::spawn_blocking(move || preview_peers(&bytes, name.as_deref())).await.map_err(|e| AppError::Internal(e.to_string()))?;
    let mut out = outcome(&preview, Vec::new());
    for p in out.problems.iter_mut().filter(|p| p.message == "err-import-duplicate") {
        p.other_line = preview.rows.iter().find(|r| r.line == p.line).and_then(|r| r.duplicate_of);
    }
    if !commit || !out.is_clean() {
        return Ok(out);
    }
    let inputs: Vec<_> = preview.rows.into_iter().filter_map(|r| r.result.ok()).collect();
    let created = commit_all(app, ctx, org, "peer_worker", policy::edit_peer_worker, inputs, |tx, app, org, input, now| {
        insert_new_peer(tx, app.next_id(), org, input, now).map(|r| r.id.to_string())
    })
    .await?;
    out.committed = true;
    out.created = created;
    Ok(out)
}

/// Writes every row in one transaction, after asking the policy again, and audits each new
/// person in it: all rows or none.
async fn commit_all<I: Send + Sync + 'static>(
    app: &App,
    ctx: &Ctx,
    org: OrgId,
    subject: &'static str,
    allowed: fn(&Actor, OrgId) -> Decision,
    inputs: Vec<I>,
    insert: fn(&mut Tx<'_>, &App, OrgId, &I, Timestamp) -> AppResult<String>,
) -> AppResult<usize> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<usize> {
            let now = app2.now();
            let Ok(basis) = allowed(&ctx.actor, org) else {
                return Err(ctx.refuse(tx, now, AuditAction::Create, Subject::within(subject, Some(org)), AppError::Forbidden));
            };
            for input in &inputs {
                let id = insert(tx, &app2, org, input, now)?;
                tx.audit(ctx.ok(now, AuditAction::Create, subject, Some(id), Some(org.to_string()), basis));
            }
            Ok(inputs.len())
        })
        .await
}

/// The organisation's programmes by lower-cased name.
async fn programme_names(app: &App, org: OrgId) -> AppResult<HashMap<String, ProgrammeId>> {
    let rows = app.db.read(move |c| std_::programmes_of(c, &[org], Page { offset: 0, limit: 10_000 })).await?.0;
    Ok(rows.into_iter().map(|p| (p.name.trim().to_lowercase(), p.id.get())).collect())
}
