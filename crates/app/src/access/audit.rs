//! Reading the audit trail: the administrator's search and the chain verification.

use sammen_domain::audit::{AuditAction, AuditRecord, BrokenLink, ChainVerifier};
use sammen_domain::policy;
use sammen_store::audit::{self as st, AuditFilter};
use sammen_store::{Db, Page, StoreError};

use crate::{App, AppError, AppResult, Ctx, Subject};

/// Searches audit records: an administrator sees their organisation's, the system
/// administrator everyone's. The search itself is audited.
pub async fn search(app: &App, ctx: &Ctx, mut filter: AuditFilter, page: Page) -> AppResult<(Vec<AuditRecord>, i64)> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<(Vec<AuditRecord>, i64)> {
            let now = app2.now();
            let basis = if ctx.actor.system_admin {
                policy::view_audit(&ctx.actor, None)
            } else {
                filter.organisation = ctx.org_text();
                policy::view_audit(&ctx.actor, ctx.org)
            };
            let Ok(basis) = basis else {
                return Err(ctx.refuse(tx, now, AuditAction::Search, Subject::within("audit_log", ctx.org), AppError::Forbidden));
            };
            let (rows, total) = st::search(tx.conn(), &filter, page)?;
            tx.audit(ctx.ok(now, AuditAction::Search, "audit_log", None, ctx.org_text(), basis));
            Ok((rows.into_iter().map(st::from_row).collect::<Result<_, _>>()?, total))
        })
        .await
}

/// The result of verifying the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Intact { records: u64 },
    Broken(BrokenLink),
}

/// Walks the whole chain in pages. Blocking: for the command line.
pub fn verify_chain(db: &Db, mut progress: impl FnMut(u64)) -> Result<Verification, StoreError> {
    let (head_seq, head_hash) = db.read_blocking(st::head)?;
    let mut v = ChainVerifier::default();
    let mut after = 0;
    let mut seen = 0u64;
    loop {
        let rows = db.read_blocking(|c| st::rows_after(c, after, 5_000))?;
        if rows.is_empty() {
            break;
        }
        for row in rows {
            let seq = row.seq;
            let rec = match st::from_row(row) {
                Ok(r) => r,
                Err(_) => return Ok(Verification::Broken(BrokenLink { seq, reason: "record has an unknown action or outcome" })),
            };
            if let Err(b) = v.feed(&rec) {
                return Ok(Verification::Broken(b));
            }
            after = seq;
            seen += 1;
        }
        progress(seen);
    }
    Ok(match v.finish(head_seq, &head_hash) {
        Ok(n) => Verification::Intact { records: n },
        Err(b) => Verification::Broken(b),
    })
}
