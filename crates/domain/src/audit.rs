//! The audit trail: what is recorded, and the hash chain that makes tampering visible.
//!
//! Each record's hash covers its own fields and the previous record's hash, so changing,
//! removing or reordering any record breaks every link after it.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::directory::code_enum;
use crate::time::Timestamp;

code_enum!(
    /// What was done.
    AuditAction {
        Read => "read",
        Search => "search",
        Create => "create",
        Update => "update",
        Delete => "delete",
        Export => "export",
        Login => "login",
        Logout => "logout",
    }
);

code_enum!(
    /// How it ended.
    AuditOutcome { Ok => "ok", Denied => "denied", Failed => "failed" }
);

/// The hash that precedes the first record.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audit record's content, before it is placed in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    pub at: Timestamp,
    pub actor: Option<String>,
    pub organisation: Option<String>,
    pub action: AuditAction,
    pub subject_type: String,
    pub subject_id: Option<String>,
    pub purpose: String,
    pub route: String,
    pub outcome: AuditOutcome,
}

impl AuditEvent {
    /// An event with no user behind it: the public forms, the scheduler, retention, generated
    /// data sets. Always `ok`; refusals carry their actor.
    pub fn system(
        at: Timestamp,
        organisation: Option<&str>,
        action: AuditAction,
        subject_type: &str,
        subject_id: Option<String>,
        purpose: &str,
        route: &str,
    ) -> Self {
        AuditEvent {
            at,
            actor: None,
            organisation: organisation.map(str::to_owned),
            action,
            subject_type: subject_type.to_owned(),
            subject_id,
            purpose: purpose.to_owned(),
            route: route.to_owned(),
            outcome: AuditOutcome::Ok,
        }
    }
}

/// A record as stored: the event, its place in the chain and the two hashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    pub seq: i64,
    pub event: AuditEvent,
    pub prev_hash: String,
    pub hash: String,
}

fn field(out: &mut Vec<u8>, s: &str) {
    // Length-prefixed so that no choice of field contents can make two records hash alike.
    out.extend_from_slice(&(s.len() as u64).to_be_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// The hash of a record at `seq` whose predecessor has `prev_hash`.
pub fn chain_hash(seq: i64, prev_hash: &str, e: &AuditEvent) -> String {
    let mut buf = Vec::with_capacity(256);
    field(&mut buf, "sammen-audit-v1");
    field(&mut buf, &seq.to_string());
    field(&mut buf, prev_hash);
    field(&mut buf, &e.at.micros().to_string());
    field(&mut buf, e.actor.as_deref().unwrap_or(""));
    field(&mut buf, e.organisation.as_deref().unwrap_or(""));
    field(&mut buf, e.action.code());
    field(&mut buf, &e.subject_type);
    field(&mut buf, e.subject_id.as_deref().unwrap_or(""));
    field(&mut buf, &e.purpose);
    field(&mut buf, &e.route);
    field(&mut buf, e.outcome.code());
    hex::encode(Sha256::digest(&buf))
}

/// Places events after the chain head (`head_seq`, `head_hash`), giving each its seq and hashes.
pub fn extend_chain(head_seq: i64, head_hash: &str, events: Vec<AuditEvent>) -> Vec<AuditRecord> {
    let mut prev = head_hash.to_owned();
    let mut seq = head_seq;
    events
        .into_iter()
        .map(|event| {
            seq += 1;
            let hash = chain_hash(seq, &prev, &event);
            AuditRecord { seq, event, prev_hash: std::mem::replace(&mut prev, hash.clone()), hash }
        })
        .collect()
}

/// Where and why a chain stopped verifying.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokenLink {
    pub seq: i64,
    pub reason: &'static str,
}

/// Checks records in seq order, continuing from (`seq`, `hash`) of the last good one.
/// Feed it pages of records; it keeps its place between pages.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    seq: i64,
    hash: String,
    checked: u64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self { seq: 0, hash: GENESIS.to_owned(), checked: 0 }
    }
}

impl ChainVerifier {
    pub fn feed(&mut self, r: &AuditRecord) -> Result<(), BrokenLink> {
        let broken = |reason| Err(BrokenLink { seq: r.seq, reason });
        if r.seq <= self.seq {
            return broken("sequence repeats or goes back");
        }
        if r.seq != self.seq + 1 {
            return Err(BrokenLink { seq: self.seq + 1, reason: "record is missing" });
        }
        if r.prev_hash != self.hash {
            return broken("previous-hash does not match the record before");
        }
        if chain_hash(r.seq, &r.prev_hash, &r.event) != r.hash {
            return broken("record content does not match its hash");
        }
        self.seq = r.seq;
        self.hash.clone_from(&r.hash);
        self.checked += 1;
        Ok(())
    }
    /// Checks that the chain ends where the stored head says it does (no cut-off tail).
    pub fn finish(&self, head_seq: i64, head_hash: &str) -> Result<u64, BrokenLink> {
        if self.seq != head_seq || self.hash != head_hash {
            return Err(BrokenLink { seq: self.seq + 1, reason: "chain ends before the recorded head" });
        }
        Ok(self.checked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ev(n: i64) -> AuditEvent {
        AuditEvent {
            at: Timestamp(n),
            actor: Some(format!("user-{n}")),
            organisation: None,
            action: AuditAction::Read,
            subject_type: "participant".into(),
            subject_id: Some(n.to_string()),
            purpose: "own_organisation:coordinator".into(),
            route: "GET /participants/{id}".into(),
            outcome: AuditOutcome::Ok,
        }
    }

    fn verify_against(rs: &[AuditRecord], head: (i64, &str)) -> Result<u64, BrokenLink> {
        let mut v = ChainVerifier::default();
        for r in rs {
            v.feed(r)?;
        }
        v.finish(head.0, head.1)
    }

    fn verify(rs: &[AuditRecord]) -> Result<u64, BrokenLink> {
        let (s, h) = rs.last().map(|r| (r.seq, r.hash.clone())).unwrap_or((0, GENESIS.into()));
        verify_against(rs, (s, &h))
    }

    #[test]
    fn chain_extends_across_batches() {
        let a = extend_chain(0, GENESIS, (1..=3).map(ev).collect());
        let last = &a[2];
        let b = extend_chain(last.seq, &last.hash, (4..=5).map(ev).collect());
        let all: Vec<_> = a.into_iter().chain(b).collect();
        assert_eq!(verify(&all), Ok(5));
    }

    proptest! {
        #[test]
        fn any_single_change_is_caught_at_its_record(n in 2usize..20, victim in 0usize..20, kind in 0u8..4) {
            let mut rs = extend_chain(0, GENESIS, (1..=n as i64).map(ev).collect());
            let head = (rs[n - 1].seq, rs[n - 1].hash.clone());
            let v = victim % n;
            let seq = rs[v].seq;
            match kind {
                0 => rs[v].event.purpose.push('x'),
                1 => rs[v].event.outcome = AuditOutcome::Denied,
                2 => { rs.remove(v); }
                _ => rs[v].event.at = Timestamp(-1),
            }
            let got = verify_against(&rs, (head.0, &head.1));
            prop_assert_eq!(got.err().map(|b| b.seq), Some(seq));
        }
    }
}
