//! The analysis of a study: the matrix of interviews × codes rolled up to the CHIME themes, the
//! coded passages of each code with the interview's pseudonym and kind (those cleared for
//! publication marked), the CHIME profile of the interviews beside the programme's CHIME
//! check-in (the same people at the start and at their latest follow-up: a change, not an
//! effect), and who was interviewed set beside everyone who took part.
//!
//! Only interviews every coder has marked done are analysed, so that the analysis never shows
//! a coder another coder's codes before the comparison does. An interview's codings are its
//! consensus where one was settled, otherwise every coder's (a segment counts once for a code
//! however many coders applied it). Readers: `domain::policy::view_study` (never a transcript;
//! the passages are pseudonymised), audited in the transaction that reads.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sammen_domain::audit::AuditAction;
use sammen_domain::measurement::qualitative::{CodeTheme, CodingKind, InterviewStatus, IntervieweeKind, StudyScopeKind};
use sammen_domain::policy::{self, Basis, StudyTarget};
use sammen_domain::{CodeId, OrgId, ParticipantId, StudyId, StudyInterviewId, UserId};
use sammen_evaluation::SuppressionRules;
use sammen_evaluation::qualitative::{
    ChimeCheckInDomain, ChimePair, Matrix, MatrixCode, MatrixInterview, SampleComparison, Taker, chime_check_in_profile, compare_sample,
    matrix,
};
use sammen_instruments::{ChimeDomain, chime_profile};
use sammen_instruments::{Definition, ScoreResult};
use sammen_store::rows::{CodingRow, InterviewCodeRow, InterviewStudyRow, StudyInterviewRow};
use sammen_store::{DbConnection, Page, measurement as sm};

use super::STUDY;
use crate::measurement::report::ReportScope;
use crate::measurement::report_qualitative::{
    AgreementFigures, CodeAgreementFigures, QualitativeSection, ReportQuote, StudyFacts, section,
};
use crate::measurement::shipped_definitions;
use crate::{App, AppResult, Ctx, Subject, guarded};

use sammen_store::measurement::qualitative as sq;

/// A coded passage under a code.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisQuote {
    pub interview: StudyInterviewId,
    pub pseudonym: String,
    pub kind: IntervieweeKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Whether the study cleared it for publication.
    pub cleared: bool,
}

/// A code with its passages.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeQuotes {
    pub code: CodeId,
    pub name: String,
    pub theme: Option<CodeTheme>,
    pub quotes: Vec<AnalysisQuote>,
}

/// The analysis of one study.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisView {
    pub study: StudyId,
    pub name: String,
    pub purpose: String,
    pub sampling: String,
    /// Interviews × codes (the codes in codebook order, retired ones left out unless applied).
    pub matrix: Matrix,
    /// The kind of each interview of the matrix, in its row order.
    pub kinds: Vec<IntervieweeKind>,
    /// Whether each interview of the matrix is analysed by its consensus.
    pub consensus: Vec<bool>,
    /// Active interviews not yet done by every coder (left out of the analysis).
    pub pending: usize,
    pub quotes: Vec<CodeQuotes>,
    /// The programme's CHIME check-in: paired people only, suppressed by `rules`.
    pub check_in: Vec<ChimeCheckInDomain>,
    /// The instrument whose total score is the baseline of the comparison (its id), if any.
    pub baseline_instrument: Option<String>,
    pub comparison: SampleComparison,
    pub rules: SuppressionRules,
}

/// The study's target for the policy: owner, coders, joined parties.
pub(crate) fn study_target(conn: &mut DbConnection, study: &InterviewStudyRow) -> AppResult<(Vec<UserId>, Vec<OrgId>)> {
    let id = study.id.get();
    let coders = sq::coders(conn, id)?.into_iter().map(|c| c.user_id.get()).collect();
    let joined = sq::parties(conn, id)?.into_iter().filter(|p| p.joined).map(|p| p.organisation_id.get()).collect();
    Ok((coders, joined))
}

/// The analysis of a study, for its readers; audited.
pub async fn analysis(app: &App, ctx: &Ctx, id: StudyId) -> AppResult<AnalysisView> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<AnalysisView> {
            let now = app2.now();
            let actor = ctx.actor.clone();
            let (row, (basis, _)) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Read,
                Subject::record(&ctx, STUDY, id),
                |c| sq::study(c, id),
                |c, s: &InterviewStudyRow| -> AppResult<Option<(Basis, ())>> {
                    let (coders, joined) = study_target(c, s)?;
                    let t = StudyTarget { owner: s.organisation_id.get(), coders: &coders, joined: &joined };
                    Ok(policy::view_study(&actor, &t).ok().map(|b| (b, ())))
                },
            )?;
            let view = analyse(tx.conn(), &row, SuppressionRules::default(), app2.now())?;
            tx.audit(ctx.ok(now, AuditAction::Read, STUDY, Some(id.to_string()), Some(row.organisation_id.to_string()), basis));
            Ok(view)
        })
        .await
}

/// An interview's coded passages: (segment, code) → the passage's char offsets.
type Passages = BTreeMap<(String, CodeId), (i64, i64)>;

/// The interviews analysed and their codings.
struct Coded {
    interviews: Vec<StudyInterviewRow>,
    pending: usize,
    /// Per analysed interview: (segment, code) → the passage, and whether by consensus.
    codings: Vec<(Passages, bool)>,
}

/// The active interviews every coder has marked done, with their codings (consensus where settled).
fn coded(conn: &mut DbConnection, study: &InterviewStudyRow, orgs: Option<&[OrgId]>) -> AppResult<Coded> {
    let id = study.id.get();
    let coders: BTreeSet<UserId> = sq::coders(conn, id)?.into_iter().map(|c| c.user_id.get()).collect();
    let active: Vec<StudyInterviewRow> = sq::interviews_of(conn, id)?
        .into_iter()
        .filter(|i| i.status.get() == InterviewStatus::Active)
        .filter(|i| orgs.is_none_or(|o| o.contains(&i.organisation_id.get())))
        .collect();
    let ids: Vec<StudyInterviewId> = active.iter().map(|i| i.id.get()).collect();
    let mut done: HashMap<StudyInterviewId, BTreeSet<UserId>> = HashMap::new();
    for d in sq::done_of(conn, &ids)? {
        done.entry(d.interview_id.get()).or_default().insert(d.coder_user_id.get());
    }
    let (analysed, pending): (Vec<StudyInterviewRow>, Vec<StudyInterviewRow>) =
        active.into_iter().partition(|i| !coders.is_empty() && done.get(&i.id.get()).is_some_and(|d| coders.iter().all(|c| d.contains(c))));
    let analysed_ids: Vec<StudyInterviewId> = analysed.iter().map(|i| i.id.get()).collect();
    let mut by_interview: HashMap<StudyInterviewId, Vec<CodingRow>> = HashMap::new();
    for c in sq::codings_of(conn, &analysed_ids)? {
        by_interview.entry(c.interview_id.get()).or_default().push(c);
    }
    let codings = analysed
        .iter()
        .map(|i| {
            let rows = by_interview.remove(&i.id.get()).unwrap_or_default();
            let consensus = rows.iter().any(|c| c.kind.get() == CodingKind::Consensus);
            let mut passages = BTreeMap::new();
            for c in rows.iter().filter(|c| (c.kind.get() == CodingKind::Consensus) == consensus) {
                passages.entry((c.segment_id.to_string(), c.code_id.get())).or_insert((c.start_char, c.end_char));
            }
            (passages, consensus)
        })
        .collect();
    Ok(Coded { interviews: analysed, pending: pending.len(), codings })
}

fn theme_code(t: CodeTheme) -> String {
    t.code().to_owned()
}

/// Codes in codebook order, following merges (a coding of a merged code counts for the code it
/// went into).
fn codebook(conn: &mut DbConnection, study: StudyId) -> AppResult<Vec<InterviewCodeRow>> {
    Ok(sq::codes_of(conn, study)?)
}

/// The people who took part in the study's programme (or organisation), with whether they were
/// interviewed, their baseline score and their CHIME check-in at the start and latest follow-up.
fn takers(
    conn: &mut DbConnection,
    study: &InterviewStudyRow,
    orgs: &[OrgId],
    interviewed: &BTreeSet<ParticipantId>,
    now: i64,
) -> AppResult<(Vec<Taker>, Vec<ChimePair>, Option<String>)> {
    let programme = match study.scope_kind.get() {
        StudyScopeKind::Programme => study.programme_id.map(|p| p.get()),
        _ => None,
    };
    let defs = shipped_definitions()?;
    let def_of = |id: &str, version: &str| -> Option<&'static Definition> { defs.iter().find(|d| d.id == id && d.version == version) };
    struct Person {
        interviewed: bool,
        started: Option<i64>,
        closed: Option<i64>,
        /// Instrument id → baseline total score.
        baseline: HashMap<String, f64>,
        answered_closure: bool,
        chime_baseline: Vec<(&'static Definition, ScoreResult)>,
        /// Latest follow-up wave's responses: (completed_at, results).
        chime_latest: Option<(i64, Vec<(&'static Definition, ScoreResult)>)>,
    }
    let mut people = Vec::new();
    for org in orgs {
        let q = sammen_store::people::ParticipantQuery { programme, ..sammen_store::people::ParticipantQuery::in_org(*org) };
        let (rows, _) = sammen_store::people::search_participants(conn, &q, Page { offset: 0, limit: 100_000 })?;
        for p in rows.into_iter().filter(|p| p.started_at.is_some()) {
            let mut person = Person {
                interviewed: interviewed.contains(&p.id.get()),
                started: p.started_at,
                closed: p.closed_at,
                baseline: HashMap::new(),
                answered_closure: false,
                chime_baseline: Vec::new(),
                chime_latest: None,
            };
            let responses = sm::responses_of_participant(conn, p.id.get())?;
            let mut follow_ups: BTreeMap<i64, Vec<(&'static Definition, ScoreResult)>> = BTreeMap::new();
            for r in responses.iter().filter(|r| r.completed_at.is_some()) {
                let Some(wave) = r.wave.as_deref() else { continue };
                let Some(def) = def_of(&r.instrument_id, &r.instrument_version) else { continue };
                let result = serde_json::from_str::<ScoreResult>(&r.scores).ok().filter(|_| r.score.is_some());
                if wave == "closure" {
                    person.answered_closure = true;
                }
                if wave == "baseline" {
                    if let Some(s) = r.score {
                        person.baseline.insert(r.instrument_id.clone(), s);
                    }
                    if let Some(res) = result {
                        person.chime_baseline.push((def, res));
                    }
                } else if let (Some(res), Some(at)) = (result, r.completed_at) {
                    follow_ups.entry(at).or_default().push((def, res));
                }
            }
            person.chime_latest = follow_ups.into_iter().next_back();
            people.push(person);
        }
    }
    // The baseline instrument: the one most people answered at the start.
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &people {
        for k in p.baseline.keys() {
            *counts.entry(k.as_str()).or_default() += 1;
        }
    }
    let instrument = counts.iter().max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id))).map(|(id, _)| (*id).to_owned());
    let day = 86_400 * sammen_domain::time::Timestamp::MICROS_PER_SECOND;
    let takers = people
        .iter()
        .map(|p| Taker {
            interviewed: p.interviewed,
            baseline: instrument.as_ref().and_then(|i| p.baseline.get(i).copied()),
            days: p.started.map(|s| (p.closed.unwrap_or(now) - s).max(0) / day),
            completed: p.closed.map(|_| p.answered_closure),
        })
        .collect();
    let profile = |scores: &[(&'static Definition, ScoreResult)]| -> Option<[Option<f64>; 5]> {
        let refs: Vec<(&Definition, &ScoreResult)> = scores.iter().map(|(d, r)| (*d, r)).collect();
        let p = chime_profile(&refs).ok()?;
        if p.domains.is_empty() {
            return None;
        }
        Some(ChimeDomain::ALL.map(|d| p.get(d).map(|s| s.mean)))
    };
    let chime = people
        .iter()
        .map(|p| ChimePair { baseline: profile(&p.chime_baseline), follow_up: p.chime_latest.as_ref().and_then(|(_, s)| profile(s)) })
        .collect();
    Ok((takers, chime, instrument))
}

/// The organisations whose interviews and participants a study's analysis covers: the owner and
/// the parties that joined.
fn study_orgs(conn: &mut DbConnection, study: &InterviewStudyRow) -> AppResult<Vec<OrgId>> {
    let (_, joined) = study_target(conn, study)?;
    let mut orgs = vec![study.organisation_id.get()];
    orgs.extend(joined.into_iter().filter(|o| *o != study.organisation_id.get()));
    Ok(orgs)
}

/// Everything of the analysis, read on `conn` (the caller authorises and audits).
pub(crate) fn analyse(
    conn: &mut DbConnection,
    study: &InterviewStudyRow,
    rules: SuppressionRules,
    now: sammen_domain::time::Timestamp,
) -> AppResult<AnalysisView> {
    let orgs = study_orgs(conn, study)?;
    let parts = parts(conn, study, &orgs, &rules, now)?;
    Ok(AnalysisView {
        study: study.id.get(),
        name: study.name.clone(),
        purpose: study.purpose.clone(),
        sampling: study.sampling.clone(),
        matrix: parts.matrix,
        kinds: parts.kinds,
        consensus: parts.consensus,
        pending: parts.pending,
        quotes: parts.quotes,
        check_in: chime_check_in_profile(&parts.chime, &rules),
        baseline_instrument: parts.instrument,
        comparison: compare_sample(&parts.takers, &rules),
        rules,
    })
}

struct Parts {
    codes: Vec<MatrixCode>,
    interviews: Vec<MatrixInterview>,
    matrix: Matrix,
    kinds: Vec<IntervieweeKind>,
    consensus: Vec<bool>,
    pending: usize,
    quotes: Vec<CodeQuotes>,
    takers: Vec<Taker>,
    chime: Vec<ChimePair>,
    instrument: Option<String>,
}

fn parts(
    conn: &mut DbConnection,
    study: &InterviewStudyRow,
    orgs: &[OrgId],
    _rules: &SuppressionRules,
    now: sammen_domain::time::Timestamp,
) -> AppResult<Parts> {
    let id = study.id.get();
    let code_rows = codebook(conn, id)?;
    let merged: HashMap<CodeId, CodeId> = code_rows.iter().filter_map(|c| c.merged_into.map(|m| (c.id.get(), m.get()))).collect();
    let resolve = |mut c: CodeId| {
        for _ in 0..code_rows.len() {
            match merged.get(&c) {
                Some(n) => c = *n,
                None => break,
            }
        }
        c
    };
    let coded = coded(conn, study, Some(orgs))?;
    let applied: BTreeSet<CodeId> = coded.codings.iter().flat_map(|(m, _)| m.keys().map(|(_, c)| resolve(*c))).collect();
    let shown: Vec<&InterviewCodeRow> =
        code_rows.iter().filter(|c| c.merged_into.is_none() && (!c.retired || applied.contains(&c.id.get()))).collect();
    let theme_of: HashMap<CodeId, Option<CodeTheme>> = code_rows.iter().map(|c| (c.id.get(), c.theme.map(|t| t.get()))).collect();
    let codes: Vec<MatrixCode> = shown
        .iter()
        .map(|c| MatrixCode { key: c.id.to_string(), name: c.name.clone(), theme: c.theme.map(|t| theme_code(t.get())) })
        .collect();
    let cleared: BTreeSet<(StudyInterviewId, CodeId, i64, i64)> =
        sq::quotes_of(conn, id)?.into_iter().map(|q| (q.interview_id.get(), q.code_id.get(), q.start_char, q.end_char)).collect();
    let mut interviews = Vec::new();
    let mut by_code: BTreeMap<CodeId, Vec<AnalysisQuote>> = BTreeMap::new();
    for (row, (passages, _)) in coded.interviews.iter().zip(&coded.codings) {
        let text = row.transcript.clone().unwrap_or_default();
        let mut keys = Vec::new();
        for ((_, code), (start, end)) in passages {
            let code = resolve(*code);
            keys.push(code.to_string());
            let (s, e) = (usize::try_from(*start).unwrap_or(0), usize::try_from(*end).unwrap_or(0));
            by_code.entry(code).or_default().push(AnalysisQuote {
                interview: row.id.get(),
                pseudonym: row.pseudonym.clone(),
                kind: row.kind.get(),
                start: s,
                end: e,
                text: sammen_qualitative::segment::slice(&text, s, e).trim().to_owned(),
                cleared: cleared.contains(&(row.id.get(), code, *start, *end)),
            });
        }
        interviews.push(MatrixInterview { label: row.pseudonym.clone(), codings: keys });
    }
    let quotes = shown
        .iter()
        .filter_map(|c| {
            let quotes = by_code.remove(&c.id.get())?;
            Some(CodeQuotes { code: c.id.get(), name: c.name.clone(), theme: theme_of.get(&c.id.get()).copied().flatten(), quotes })
        })
        .collect();
    let m = matrix(&codes, &interviews);
    let interviewed: BTreeSet<ParticipantId> = sq::interviews_of(conn, id)?
        .iter()
        .filter(|i| i.status.get() == InterviewStatus::Active)
        .filter_map(|i| i.participant_id.map(|p| p.get()))
        .collect();
    let (takers, chime, instrument) = takers(conn, study, orgs, &interviewed, now.micros())?;
    Ok(Parts {
        kinds: coded.interviews.iter().map(|i| i.kind.get()).collect(),
        consensus: coded.codings.iter().map(|(_, c)| *c).collect(),
        pending: coded.pending,
        codes,
        interviews,
        matrix: m,
        quotes,
        takers,
        chime,
        instrument,
    })
}

/// The facts of a study for the evaluation report, covering only the interviews and participants
/// of `orgs` (those the report may read). The caller authorises and audits the report.
pub(crate) fn report_facts(
    conn: &mut DbConnection,
    study: &InterviewStudyRow,
    orgs: &[OrgId],
    agreement: Option<AgreementFigures>,
    now: sammen_domain::time::Timestamp,
) -> AppResult<StudyFacts> {
    let mut covered = study_orgs(conn, study)?;
    covered.retain(|o| orgs.contains(o));
    let p = parts(conn, study, &covered, &SuppressionRules::default(), now)?;
    let quotes = p
        .quotes
        .iter()
        .flat_map(|c| {
            c.quotes.iter().filter(|q| q.cleared).map(|q| ReportQuote {
                code: c.name.clone(),
                theme: c.theme.map(theme_code),
                pseudonym: q.pseudonym.clone(),
                kind: q.kind.code().to_owned(),
                text: q.text.clone(),
            })
        })
        .collect();
    Ok(StudyFacts {
        name: study.name.clone(),
        purpose: study.purpose.clone(),
        sampling: study.sampling.clone(),
        codes: p.codes,
        interviews: p.interviews,
        quotes,
        agreement,
        takers: p.takers,
        chime: p.chime,
    })
}

/// The coders' agreement over the analysed interviews of `orgs` (codings of coders, not the
/// consensus), computed as the study's agreement is: present/absent per (segment, code).
fn agreement_figures(conn: &mut DbConnection, study: &InterviewStudyRow, orgs: &[OrgId]) -> AppResult<Option<AgreementFigures>> {
    let coded = coded(conn, study, Some(orgs))?;
    let coders: Vec<UserId> = sq::coders(conn, study.id.get())?.into_iter().map(|c| c.user_id.get()).collect();
    if coders.len() < 2 || coded.interviews.is_empty() {
        return Ok(None);
    }
    let ids: Vec<StudyInterviewId> = coded.interviews.iter().map(|i| i.id.get()).collect();
    let segments: Vec<String> = sq::segments_of_many(conn, &ids)?.iter().map(|s| s.id.to_string()).collect();
    let codes = sq::codes_of(conn, study.id.get())?;
    let merged: HashMap<CodeId, CodeId> = codes.iter().filter_map(|c| c.merged_into.map(|m| (c.id.get(), m.get()))).collect();
    let names: HashMap<CodeId, String> = codes.iter().map(|c| (c.id.get(), c.name.clone())).collect();
    let resolve = |mut c: CodeId| {
        for _ in 0..codes.len() {
            match merged.get(&c) {
                Some(n) => c = *n,
                None => break,
            }
        }
        c
    };
    let rows = sq::codings_of(conn, &ids)?;
    let used: BTreeSet<CodeId> = rows.iter().filter(|r| r.kind.get() == CodingKind::Coder).map(|r| resolve(r.code_id.get())).collect();
    let code_list: Vec<CodeId> = used.into_iter().collect();
    let mut table = sammen_evaluation::CodingTable::new(
        coders.iter().map(ToString::to_string).collect(),
        segments.clone(),
        code_list.iter().map(|c| names.get(c).cloned().unwrap_or_default()).collect(),
    );
    let seg_index: HashMap<&str, usize> = segments.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();
    for r in rows.iter().filter(|r| r.kind.get() == CodingKind::Coder) {
        let (Some(coder), Some(&s)) = (r.coder_user_id.map(|u| u.get()), seg_index.get(r.segment_id.to_string().as_str())) else {
            continue;
        };
        let (Some(ci), Some(ki)) = (coders.iter().position(|c| *c == coder), code_list.iter().position(|k| *k == resolve(r.code_id.get())))
        else {
            continue;
        };
        table.apply(s, ci, ki);
    }
    let report = sammen_evaluation::agreement(&table);
    Ok(Some(AgreementFigures {
        coders: coders.len(),
        interviews: coded.interviews.len(),
        segments: report.n_segments,
        overall_alpha: report.overall_alpha,
        per_code: report
            .codes
            .into_iter()
            .map(|c| CodeAgreementFigures {
                code: c.code,
                percent_agreement: c.percent_agreement,
                cohen_kappa: c.cohen_kappa,
                krippendorff_alpha: c.krippendorff_alpha,
            })
            .collect(),
    }))
}

/// The "What people told us" sections of an evaluation report: the studies of the report's
/// programme, organisation or partnership, over the interviews and participants of `orgs` (the
/// organisations the report may read). The report authorises and audits.
pub(crate) fn report_sections(
    conn: &mut DbConnection,
    scope: ReportScope,
    orgs: &[OrgId],
    rules: &SuppressionRules,
    now: sammen_domain::time::Timestamp,
) -> AppResult<Vec<QualitativeSection>> {
    let studies: Vec<InterviewStudyRow> = sq::all_studies(conn)?
        .into_iter()
        .filter(|s| match scope {
            ReportScope::Programme(p) => s.programme_id.is_some_and(|x| x.get() == p),
            ReportScope::Organisation(o) => s.organisation_id.get() == o,
            ReportScope::Partnership(p) => s.partnership_id.is_some_and(|x| x.get() == p),
        })
        .collect();
    let mut out = Vec::new();
    for s in studies {
        let agreement = agreement_figures(conn, &s, orgs)?;
        let facts = report_facts(conn, &s, orgs, agreement, now)?;
        if facts.interviews.is_empty() {
            continue;
        }
        out.push(section(facts, rules));
    }
    Ok(out)
}
