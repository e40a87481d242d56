//! Exchange with the qualitative-analysis programs (NVivo, ATLAS.ti, MAXQDA) through REFI-QDA
//! (`.qdpx`): a study exported as a project (its codebook with descriptions, its coders as
//! users, its pseudonymised transcripts as sources, every coder's codings and the consensus as
//! coded selections, memos as notes), and a codebook or coded project imported back into a
//! study.
//!
//! GUIDs are stable: a coder's is their user id, a source's its interview's id, a selection's
//! its coding's id, a code's the GUID the codebook keeps; the consensus is a user of its own,
//! "Konsensus", whose GUID is derived from the study's id. So an exported project imported back
//! matches by GUID.
//!
//! An export carries transcripts, so it holds only the interviews whose transcript the reader
//! may read (`domain::policy::view_transcript`); the codebook goes to every reader of the study.
//! An import changes the codebook and codings, so it is for the study's managers. Both are
//! audited in the transaction that reads or writes; an import is all or nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sammen_domain::audit::AuditAction;
use sammen_domain::measurement::qualitative::{CodeChangeKind, CodingKind, InterviewStatus};
use sammen_domain::policy::{self, Basis, StudyTarget};
use sammen_domain::time::Timestamp;
use sammen_domain::{CodeId, CodingId, SegmentId, StudyId, StudyInterviewId, UserId, ValidationErrors};
use sammen_qualitative::qdpx::{self, Code, Coding, Project, Selection, TextSource, User};
use sammen_store::measurement::qualitative as sq;
use sammen_store::rows::{CodeChangeRow, CodingRow, InterviewCodeRow, InterviewStudyRow};
use sammen_store::{DbConnection, Stored};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::STUDY;
use super::analysis::study_target;
use crate::{App, AppError, AppResult, Ctx, Subject, guarded};

/// A study's coders and the parties that joined it.
type Members = (Vec<UserId>, Vec<sammen_domain::OrgId>);

/// A coding to add: the code and the passage, with its memo.
type Addition = (CodeId, i64, i64, Option<String>);

/// The consensus's user name in an exported project.
pub const CONSENSUS_USER: &str = "Konsensus";

/// What an import took over and what it left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    /// Codes matched to the codebook by GUID, and by name.
    pub codes_matched_guid: usize,
    pub codes_matched_name: usize,
    /// Codes added to the codebook (recorded as imported).
    pub codes_added: usize,
    /// Coded passages added (a passage across several segments counts once per segment).
    pub codings_added: usize,
    /// Codings already present.
    pub codings_present: usize,
    /// Sources that match no interview of the study.
    pub sources_skipped: usize,
    /// Codings left out: their source matched no interview, their coder no coder of the study,
    /// or they lay outside the transcript.
    pub codings_skipped: usize,
    /// What the file itself had that could not be read (pictures, audio, whole-source codings).
    pub unreadable: usize,
}

/// A stable GUID derived from a name space and a key (a version-8 UUID from SHA-256).
fn derived_guid(space: &str, key: &str) -> String {
    let digest = Sha256::digest(format!("sammen:{space}:{key}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    Uuid::from_bytes(b).hyphenated().to_string()
}

/// The consensus user's GUID in a study's projects.
pub fn consensus_guid(study: StudyId) -> String {
    derived_guid("consensus", &study.to_string())
}

fn file_name(study: &str) -> String {
    let base: String = study
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("{}.qdpx", if base.is_empty() { "study".to_owned() } else { base })
}

/// The codebook as a tree of REFI-QDA codes (merged codes left out: their codings moved).
fn code_tree(codes: &[InterviewCodeRow]) -> Vec<Code> {
    let live: Vec<&InterviewCodeRow> = codes.iter().filter(|c| c.merged_into.is_none()).collect();
    fn children(of: Option<CodeId>, live: &[&InterviewCodeRow], depth: usize) -> Vec<Code> {
        if depth > 50 {
            return Vec::new();
        }
        live.iter()
            .filter(|c| c.parent_id.map(|p| p.get()) == of)
            .map(|c| {
                let mut description = c.description.trim().to_owned();
                if !c.example.trim().is_empty() {
                    if !description.is_empty() {
                        description.push_str("\n\n");
                    }
                    description.push_str(&format!("Eksempel: {}", c.example.trim()));
                }
                Code {
                    guid: c.guid.clone(),
                    name: c.name.clone(),
                    is_codable: !c.retired,
                    color: None,
                    description: (!description.is_empty()).then_some(description),
                    children: children(Some(c.id.get()), live, depth + 1),
                }
            })
            .collect()
    }
    // A code whose parent is merged or missing is shown at the top.
    let ids: BTreeSet<CodeId> = live.iter().map(|c| c.id.get()).collect();
    let mut top = children(None, &live, 0);
    for c in live.iter().filter(|c| c.parent_id.is_some_and(|p| !ids.contains(&p.get()))) {
        top.extend(children(c.parent_id.map(|p| p.get()), &[*c], 0));
    }
    top
}

/// The project of a study: the codebook, and the interviews `may_read` allows with their
/// codings.
fn project(
    conn: &mut DbConnection,
    study: &InterviewStudyRow,
    now: Timestamp,
    may_read: &dyn Fn(sammen_domain::OrgId) -> bool,
) -> AppResult<(Project, usize)> {
    let id = study.id.get();
    let codes = sq::codes_of(conn, id)?;
    let merged: HashMap<CodeId, CodeId> = codes.iter().filter_map(|c| c.merged_into.map(|m| (c.id.get(), m.get()))).collect();
    let guid_of: HashMap<CodeId, String> = codes.iter().map(|c| (c.id.get(), c.guid.clone())).collect();
    let resolve = |mut c: CodeId| {
        for _ in 0..codes.len() {
            match merged.get(&c) {
                Some(n) => c = *n,
                None => break,
            }
        }
        c
    };
    let coders: Vec<UserId> = sq::coders(conn, id)?.into_iter().map(|c| c.user_id.get()).collect();
    let interviews: Vec<_> = sq::interviews_of(conn, id)?
        .into_iter()
        .filter(|i| i.status.get() == InterviewStatus::Active && i.transcript.is_some())
        .filter(|i| may_read(i.organisation_id.get()))
        .collect();
    let ids: Vec<StudyInterviewId> = interviews.iter().map(|i| i.id.get()).collect();
    let codings = sq::codings_of(conn, &ids)?;
    let mut people: BTreeSet<UserId> = coders.iter().copied().collect();
    people.extend(codings.iter().filter_map(|c| c.coder_user_id.map(|u| u.get())));
    let names: HashMap<UserId, String> = sq::user_names(conn, &people.iter().copied().collect::<Vec<_>>())?.into_iter().collect();
    let consensus = consensus_guid(id);
    let mut users: Vec<User> =
        people.iter().map(|u| User { guid: u.to_string(), name: names.get(u).cloned().unwrap_or_else(|| u.to_string()) }).collect();
    users.push(User { guid: consensus.clone(), name: CONSENSUS_USER.to_owned() });
    let at = |micros: i64| Timestamp(micros).rfc3339();
    let mut by_interview: BTreeMap<StudyInterviewId, Vec<&CodingRow>> = BTreeMap::new();
    for c in &codings {
        by_interview.entry(c.interview_id.get()).or_default().push(c);
    }
    let sources = interviews
        .iter()
        .map(|i| {
            let text = i.transcript.clone().unwrap_or_default();
            let selections = by_interview
                .get(&i.id.get())
                .map(|rows| {
                    rows.iter()
                        .map(|c| {
                            let user = match (c.kind.get(), c.coder_user_id) {
                                (CodingKind::Coder, Some(u)) => u.to_string(),
                                _ => consensus.clone(),
                            };
                            let code_guid = guid_of.get(&resolve(c.code_id.get())).cloned().unwrap_or_default();
                            Selection {
                                guid: c.id.to_string(),
                                name: format!("{} {}–{}", i.pseudonym, c.start_char, c.end_char),
                                start: usize::try_from(c.start_char).unwrap_or(0),
                                end: usize::try_from(c.end_char).unwrap_or(0),
                                creating_user: Some(user.clone()),
                                creation_date_time: Some(at(c.created_at)),
                                codings: vec![Coding {
                                    guid: derived_guid("coding", &c.id.to_string()),
                                    code_guid,
                                    creating_user: Some(user),
                                    creation_date_time: Some(at(c.created_at)),
                                }],
                                memo: c.memo.clone().filter(|m| !m.trim().is_empty()),
                            }
                        })
                        .collect()
                })
                .unwrap_or_default();
            TextSource {
                guid: i.id.to_string(),
                name: i.pseudonym.clone(),
                text,
                creating_user: None,
                creation_date_time: Some(at(i.created_at)),
                description: Some(format!("{} ({})", i.pseudonym, i.kind.get().code())),
                selections,
            }
        })
        .collect();
    let description =
        [study.purpose.trim(), study.sampling.trim()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join("\n\n");
    Ok((
        Project {
            name: study.name.clone(),
            origin: Some(format!("Sammen {}", env!("CARGO_PKG_VERSION"))),
            creating_user: None,
            creation_date_time: Some(now.rfc3339()),
            description: (!description.is_empty()).then_some(description),
            users,
            codes: code_tree(&codes),
            sources,
            notes: Vec::new(),
            sets: Vec::new(),
            skipped: qdpx::Skipped::default(),
        },
        interviews.len(),
    ))
}

fn write_project(p: &Project) -> AppResult<Vec<u8>> {
    qdpx::write(p).map_err(|e| AppError::Internal(format!("writing the REFI-QDA project: {e}")))
}

/// A study as a REFI-QDA project (`.qdpx`): its file name and bytes. Every reader of the study
/// gets the codebook; the transcripts and their codings only of the interviews whose transcript
/// the reader may read. Audited as an export.
pub async fn export_qdpx(app: &App, ctx: &Ctx, id: StudyId) -> AppResult<(String, Vec<u8>)> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<(String, Vec<u8>)> {
            let now = app2.now();
            let actor = ctx.actor.clone();
            let (row, (basis, (coders, joined))) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Export,
                Subject::record(&ctx, STUDY, id),
                |c| sq::study(c, id),
                |c, s: &InterviewStudyRow| -> AppResult<Option<(Basis, Members)>> {
                    let (coders, joined) = study_target(c, s)?;
                    let t = StudyTarget { owner: s.organisation_id.get(), coders: &coders, joined: &joined };
                    Ok(policy::view_study(&actor, &t).ok().map(|b| (b, (coders, joined))))
                },
            )?;
            let t = StudyTarget { owner: row.organisation_id.get(), coders: &coders, joined: &joined };
            let may_read = |org| policy::view_transcript(&ctx.actor, &t, org).is_ok();
            let (project, sources) = project(tx.conn(), &row, now, &may_read)?;
            let bytes = write_project(&project)?;
            let purpose = format!("{};sources={sources}", basis.describe());
            tx.audit(ctx.event(
                now,
                AuditAction::Export,
                STUDY,
                Some(id.to_string()),
                Some(row.organisation_id.to_string()),
                purpose,
                sammen_domain::audit::AuditOutcome::Ok,
            ));
            Ok((file_name(&row.name), bytes))
        })
        .await
}

/// A study in the command line's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyListing {
    pub id: StudyId,
    pub name: String,
    /// Active interviews.
    pub interviews: usize,
    pub coders: usize,
}

/// Every study, for the operator at the command line (names and counts, no personal data).
pub fn list_studies_system(app: &App) -> AppResult<Vec<StudyListing>> {
    app.db.read_blocking(|c| -> AppResult<Vec<StudyListing>> {
        let studies = sq::all_studies(c)?;
        let ids: Vec<StudyId> = studies.iter().map(|s| s.id.get()).collect();
        let counts: HashMap<StudyId, i64> = sq::active_counts(c, &ids)?.into_iter().collect();
        let mut coders: HashMap<StudyId, usize> = HashMap::new();
        for (s, _) in sq::coders_of(c, &ids)? {
            *coders.entry(s).or_default() += 1;
        }
        Ok(studies
            .into_iter()
            .map(|s| {
                let id = s.id.get();
                StudyListing {
                    id,
                    name: s.name,
                    interviews: usize::try_from(counts.get(&id).copied().unwrap_or(0)).unwrap_or(0),
                    coders: coders.get(&id).copied().unwrap_or(0),
                }
            })
            .collect())
    })
}

/// The study with this id or name, for the command line.
pub fn find_study_system(app: &App, id_or_name: &str) -> AppResult<Option<StudyId>> {
    let key = id_or_name.trim().to_owned();
    let all = list_studies_system(app)?;
    Ok(all.iter().find(|s| s.id.to_string() == key).or_else(|| all.iter().find(|s| s.name == key)).map(|s| s.id))
}

/// A study as a REFI-QDA project, for the operator at the command line (`ctx` is
/// [`Ctx::cli`]): every active interview, audited as an export by system administration.
pub async fn export_qdpx_system(app: &App, ctx: &Ctx, id: StudyId) -> AppResult<(String, Vec<u8>)> {
    if !ctx.actor.system_admin {
        return Err(AppError::Forbidden);
    }
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<(String, Vec<u8>)> {
            let now = app2.now();
            let Some(row) = sq::study(tx.conn(), id)? else {
                return Err(ctx.refuse(tx, now, AuditAction::Export, Subject::within(STUDY, None), AppError::NotFound));
            };
            let (project, sources) = project(tx.conn(), &row, now, &|_| true)?;
            let bytes = write_project(&project)?;
            let purpose = format!("{};sources={sources}", Basis::SystemAdministration.describe());
            tx.audit(ctx.event(
                now,
                AuditAction::Export,
                STUDY,
                Some(id.to_string()),
                Some(row.organisation_id.to_string()),
                purpose,
                sammen_domain::audit::AuditOutcome::Ok,
            ));
            Ok((file_name(&row.name), bytes))
        })
        .await
}

/// A code of an imported project, flattened, with its parent's GUID.
struct Incoming<'a> {
    code: &'a Code,
    parent: Option<String>,
}

fn flatten<'a>(codes: &'a [Code], parent: Option<&str>, out: &mut Vec<Incoming<'a>>) {
    for c in codes {
        out.push(Incoming { code: c, parent: parent.map(str::to_owned) });
        flatten(&c.children, Some(&c.guid), out);
    }
}

fn canonical(guid: &str) -> String {
    qdpx::canonical_guid(guid).unwrap_or_else(|| guid.trim().to_lowercase())
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Imports a REFI-QDA codebook (`.qdc`-style project without sources) or coded project into a
/// study: codes matched by GUID, then by name, the others added (each recorded as imported);
/// coded selections taken over for sources that match an interview of the study (by GUID or
/// name) and users that match a coder of the study or the consensus (by GUID or name), each
/// cut into the transcript's segments it covers. Everything else is counted as skipped. One
/// write: all or nothing. For the study's managers.
pub async fn import_qdpx(app: &App, ctx: &Ctx, id: StudyId, bytes: Vec<u8>) -> AppResult<ImportSummary> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<ImportSummary> {
            let now = app2.now();
            let actor = ctx.actor.clone();
            let (row, (basis, coders)) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Update,
                Subject::record(&ctx, STUDY, id),
                |c| sq::study(c, id),
                |c, s: &InterviewStudyRow| -> AppResult<Option<(Basis, Vec<UserId>)>> {
                    let (coders, joined) = study_target(c, s)?;
                    let t = StudyTarget { owner: s.organisation_id.get(), coders: &coders, joined: &joined };
                    Ok(policy::manage_study(&actor, &t).ok().map(|b| (b, coders)))
                },
            )?;
            // Read only once the actor may import: a refusal says nothing about the file.
            let incoming = qdpx::read(&bytes).map_err(|e| {
                let mut v = ValidationErrors::new();
                v.add("file", e.code());
                AppError::Validation(v)
            })?;
            let mut summary = ImportSummary { unreadable: incoming.skipped.total(), ..ImportSummary::default() };
            let conn = tx.conn();

            // Codes.
            let mut existing = sq::codes_of(conn, id)?;
            let mut flat = Vec::new();
            flatten(&incoming.codes, None, &mut flat);
            let mut code_of: HashMap<String, CodeId> = HashMap::new();
            let mut changes = Vec::new();
            for inc in &flat {
                let guid = canonical(&inc.code.guid);
                let by_guid = existing.iter().find(|c| canonical(&c.guid) == guid).map(|c| c.id.get());
                let found = match by_guid {
                    Some(c) => {
                        summary.codes_matched_guid += 1;
                        Some(c)
                    }
                    None => {
                        let by_name =
                            existing.iter().find(|c| c.merged_into.is_none() && same_name(&c.name, &inc.code.name)).map(|c| c.id.get());
                        if by_name.is_some() {
                            summary.codes_matched_name += 1;
                        }
                        by_name
                    }
                };
                let code = match found {
                    Some(c) => c,
                    None => {
                        let parent = inc.parent.as_ref().and_then(|p| code_of.get(&canonical(p)).copied());
                        let theme = parent.and_then(|p| existing.iter().find(|c| c.id.get() == p)).and_then(|c| c.theme);
                        let new_id: CodeId = app2.next_id();
                        let name: String = inc.code.name.trim().chars().take(200).collect();
                        let name = if name.is_empty() { guid.clone() } else { name };
                        let new = InterviewCodeRow {
                            id: Stored(new_id),
                            study_id: Stored(id),
                            parent_id: parent.map(Stored),
                            guid: if qdpx::canonical_guid(&inc.code.guid).is_some() { guid.clone() } else { app2.new_id() },
                            name: name.clone(),
                            description: inc.code.description.clone().unwrap_or_default(),
                            example: String::new(),
                            theme,
                            position: sq::next_code_position(conn, id)?,
                            retired: false,
                            merged_into: None,
                        };
                        sq::insert_code(conn, &new)?;
                        changes.push(CodeChangeRow {
                            id: app2.new_id(),
                            study_id: Stored(id),
                            code_id: Stored(new_id),
                            kind: Stored(CodeChangeKind::Imported),
                            old_value: None,
                            new_value: Some(name),
                            at: now.micros(),
                            by_user: Stored(ctx.actor.user),
                        });
                        existing.push(new);
                        summary.codes_added += 1;
                        new_id
                    }
                };
                code_of.insert(guid, code);
            }
            for c in &changes {
                sq::insert_code_change(conn, c)?;
            }

            // Who coded: a coder of the study or the consensus.
            let names: HashMap<UserId, String> = sq::user_names(conn, &coders)?.into_iter().collect();
            let consensus = consensus_guid(id);
            let who: HashMap<String, (CodingKind, Option<UserId>)> = incoming
                .users
                .iter()
                .filter_map(|u| {
                    let g = canonical(&u.guid);
                    if g == consensus || same_name(&u.name, CONSENSUS_USER) {
                        return Some((g, (CodingKind::Consensus, None)));
                    }
                    coders
                        .iter()
                        .find(|c| c.to_string() == g || names.get(c).is_some_and(|n| same_name(n, &u.name)))
                        .map(|c| (g, (CodingKind::Coder, Some(*c))))
                })
                .collect();

            // Sources and their coded selections.
            let interviews: Vec<_> = sq::interviews_of(conn, id)?
                .into_iter()
                .filter(|i| i.status.get() == InterviewStatus::Active && i.transcript.is_some())
                .collect();
            type Key = (SegmentId, CodingKind, Option<UserId>);
            let mut additions: BTreeMap<Key, Vec<Addition>> = BTreeMap::new();
            let mut segments_of: HashMap<StudyInterviewId, Vec<(SegmentId, i64, i64)>> = HashMap::new();
            for source in &incoming.sources {
                let n_codings: usize = source.selections.iter().map(|s| s.codings.len()).sum();
                let g = canonical(&source.guid);
                let Some(interview) = interviews
                    .iter()
                    .find(|i| i.id.to_string() == g)
                    .or_else(|| interviews.iter().find(|i| same_name(&i.pseudonym, &source.name)))
                else {
                    summary.sources_skipped += 1;
                    summary.codings_skipped += n_codings;
                    continue;
                };
                let iid = interview.id.get();
                if let std::collections::hash_map::Entry::Vacant(e) = segments_of.entry(iid) {
                    e.insert(sq::segments_of(conn, iid)?.into_iter().map(|s| (s.id.get(), s.start_char, s.end_char)).collect());
                }
                let segs = &segments_of[&iid];
                let length = interview.transcript.as_deref().map_or(0, |t| t.chars().count()) as i64;
                for sel in &source.selections {
                    let (start, end) = (sel.start as i64, sel.end as i64);
                    for coding in &sel.codings {
                        let user = coding.creating_user.as_deref().or(sel.creating_user.as_deref()).map(canonical);
                        let (Some(&(kind, coder)), Some(&code)) =
                            (user.as_ref().and_then(|u| who.get(u)), code_of.get(&canonical(&coding.code_guid)))
                        else {
                            summary.codings_skipped += 1;
                            continue;
                        };
                        let covered: Vec<&(SegmentId, i64, i64)> = segs.iter().filter(|(_, s, e)| *s < end && start < *e).collect();
                        if end > length || start >= end || covered.is_empty() {
                            summary.codings_skipped += 1;
                            continue;
                        }
                        for (seg, s, e) in covered {
                            additions.entry((*seg, kind, coder)).or_default().push((code, start.max(*s), end.min(*e), sel.memo.clone()));
                        }
                    }
                }
            }
            let interview_ids: Vec<StudyInterviewId> = interviews.iter().map(|i| i.id.get()).collect();
            let present = sq::codings_of(conn, &interview_ids)?;
            let interview_of: HashMap<SegmentId, StudyInterviewId> =
                segments_of.iter().flat_map(|(i, segs)| segs.iter().map(move |(s, _, _)| (*s, *i))).collect();
            for ((segment, kind, coder), adds) in additions {
                let mut rows: Vec<CodingRow> = present
                    .iter()
                    .filter(|c| c.segment_id.get() == segment && c.kind.get() == kind && c.coder_user_id.map(|u| u.get()) == coder)
                    .cloned()
                    .collect();
                let before = rows.len();
                for (code, s, e, memo) in adds {
                    if rows.iter().any(|r| r.code_id.get() == code) {
                        summary.codings_present += 1;
                        continue;
                    }
                    let new_id: CodingId = app2.next_id();
                    rows.push(CodingRow {
                        id: Stored(new_id),
                        interview_id: Stored(interview_of[&segment]),
                        segment_id: Stored(segment),
                        code_id: Stored(code),
                        kind: Stored(kind),
                        coder_user_id: coder.map(Stored),
                        start_char: s,
                        end_char: e,
                        memo: memo.filter(|m| !m.trim().is_empty()),
                        created_at: now.micros(),
                    });
                    summary.codings_added += 1;
                }
                if rows.len() > before {
                    sq::replace_segment_codings(conn, segment, kind, coder, &rows)?;
                }
            }
            let purpose =
                format!("{};import;codes_added={};codings_added={}", basis.describe(), summary.codes_added, summary.codings_added);
            tx.audit(ctx.event(
                now,
                AuditAction::Update,
                STUDY,
                Some(id.to_string()),
                Some(row.organisation_id.to_string()),
                purpose,
                sammen_domain::audit::AuditOutcome::Ok,
            ));
            Ok(summary)
        })
        .await
}
