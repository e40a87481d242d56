//! What the store's tests share: a fixed instant, ids, rows and events, and a reading of the
//! audit chain.

use std::collections::BTreeSet;

use sammen_domain::audit::{AuditAction, AuditEvent, AuditOutcome, ChainVerifier};
use sammen_domain::directory::OrganisationKind;
use sammen_domain::time::Timestamp;
use sammen_store::rows::{AuditRow, OrganisationRow};
use sammen_store::{Db, DbConnection, StoreError, Stored, audit, directory};

/// A fixed instant: tests never read the clock for data.
pub const T0: i64 = 1_795_000_000_000_000;

pub fn new_id<T: From<uuid::Uuid>>() -> T {
    #[allow(clippy::disallowed_methods)] // row ids in store tests need no controlled clock
    T::from(uuid::Uuid::now_v7())
}

pub fn org_row(name: &str) -> OrganisationRow {
    OrganisationRow {
        id: Stored(new_id()),
        name: name.into(),
        kind: Stored(OrganisationKind::Municipality),
        require_totp: false,
        created_at: T0,
        updated_at: T0,
        time_zone: sammen_domain::time::DEFAULT_ZONE.into(),
    }
}

pub fn event(org: &str, subject: &str, purpose: &str, outcome: AuditOutcome) -> AuditEvent {
    AuditEvent {
        at: Timestamp(T0),
        actor: Some("user-test".into()),
        organisation: Some(org.into()),
        action: AuditAction::Create,
        subject_type: "organisation".into(),
        subject_id: Some(subject.into()),
        purpose: purpose.into(),
        route: "TEST".into(),
        outcome,
    }
}

/// Every audit row, in order.
pub fn audit_rows(db: &Db) -> Vec<AuditRow> {
    db.read_blocking(|c| audit::rows_after(c, 0, 1_000_000)).unwrap()
}

/// Verifies the whole chain page by page against the stored head; returns how many records.
pub fn verify_chain(db: &Db) -> Result<u64, String> {
    db.read_blocking(|c| Ok::<_, StoreError>(verify_chain_on(c))).map_err(|e| e.to_string())?
}

fn verify_chain_on(c: &mut DbConnection) -> Result<u64, String> {
    let mut v = ChainVerifier::default();
    let mut after = 0;
    loop {
        let page = audit::rows_after(c, after, 37).map_err(|e| e.to_string())?;
        if page.is_empty() {
            break;
        }
        for row in page {
            let r = audit::from_row(row).map_err(|e| e.to_string())?;
            v.feed(&r).map_err(|b| format!("{b:?}"))?;
            after = r.seq;
        }
    }
    let (seq, hash) = audit::head(c).map_err(|e| e.to_string())?;
    v.finish(seq, &hash).map_err(|b| format!("{b:?}"))
}

pub fn org_names(db: &Db) -> BTreeSet<String> {
    db.read_blocking(directory::orgs).unwrap().into_iter().map(|o| o.name).collect()
}
