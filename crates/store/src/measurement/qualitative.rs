//! Interview studies: studies with their guide, coders and parties; interviews with their
//! pseudonymised transcripts and segments; the codebook and its history; codings, done marks
//! and cleared quotes. Special-category data, only ever reached through `app`, which decides
//! who may read a transcript and audits every read.

use diesel::prelude::*;
use sammen_domain::ids::{
    CodeId, OrgId, ParticipantId, PartnershipId, PeerWorkerId, ProgrammeId, SegmentId, StudyId, StudyInterviewId, UserId,
};
use sammen_domain::measurement::qualitative::{CodingKind, InterviewStatus, IntervieweeKind};
use time::Date;

use crate::codec::{Stored, keys};
use crate::rows::{
    CodeChangeRow, CoderDoneRow, CodingRow, GuideQuestionRow, InterviewCodeRow, InterviewSegmentRow, InterviewStudyRow, QuoteRow,
    StudyCoderRow, StudyInterviewRow, StudyPartyRow,
};
use crate::schema::{
    interview_code_changes as cc, interview_coder_done as cd, interview_codes as ic, interview_codings as ko,
    interview_guide_questions as gq, interview_quotes as iq, interview_segments as seg, interview_studies as st,
    interview_study_coders as sc, interview_study_parties as sp, memberships, participants, peer_workers, study_interviews as si, users,
};
use crate::{DbConnection, StoreError};

// ------------------------------------------------------------------ studies

pub fn insert_study(conn: &mut DbConnection, row: &InterviewStudyRow, guide: &[GuideQuestionRow]) -> Result<(), StoreError> {
    diesel::insert_into(st::table).values(row).execute(conn)?;
    for q in guide {
        diesel::insert_into(gq::table).values(q).execute(conn)?;
    }
    Ok(())
}

/// Changes a study's texts and its originals setting, and replaces its guide.
pub fn update_study(conn: &mut DbConnection, row: &InterviewStudyRow, guide: &[GuideQuestionRow]) -> Result<(), StoreError> {
    diesel::update(st::table.find(&row.id))
        .set((
            st::name.eq(&row.name),
            st::purpose.eq(&row.purpose),
            st::sampling.eq(&row.sampling),
            st::keep_original.eq(row.keep_original),
        ))
        .execute(conn)?;
    diesel::delete(gq::table.filter(gq::study_id.eq(&row.id))).execute(conn)?;
    for q in guide {
        diesel::insert_into(gq::table).values(q).execute(conn)?;
    }
    Ok(())
}

pub fn study(conn: &mut DbConnection, id: StudyId) -> Result<Option<InterviewStudyRow>, StoreError> {
    Ok(st::table.find(Stored(id)).select(InterviewStudyRow::as_select()).get_result(conn).optional()?)
}

/// Studies owned by any of `orgs`, made under any of `partnerships`, or coded by `coder`;
/// newest first.
pub fn studies_reaching(
    conn: &mut DbConnection,
    orgs: &[OrgId],
    partnerships: &[PartnershipId],
    coder: UserId,
) -> Result<Vec<InterviewStudyRow>, StoreError> {
    let coded = sc::table.filter(sc::user_id.eq(Stored(coder))).select(sc::study_id);
    Ok(st::table
        .filter(st::organisation_id.eq_any(keys(orgs)).or(st::partnership_id.eq_any(keys(partnerships))).or(st::id.eq_any(coded)))
        .order((st::created_at.desc(), st::id.desc()))
        .select(InterviewStudyRow::as_select())
        .load(conn)?)
}

/// Every study, newest first (the operator's command line).
pub fn all_studies(conn: &mut DbConnection) -> Result<Vec<InterviewStudyRow>, StoreError> {
    Ok(st::table.order((st::created_at.desc(), st::id.desc())).select(InterviewStudyRow::as_select()).load(conn)?)
}

pub fn guide(conn: &mut DbConnection, study: StudyId) -> Result<Vec<GuideQuestionRow>, StoreError> {
    Ok(gq::table.filter(gq::study_id.eq(Stored(study))).order(gq::position.asc()).select(GuideQuestionRow::as_select()).load(conn)?)
}

pub fn coders(conn: &mut DbConnection, study: StudyId) -> Result<Vec<StudyCoderRow>, StoreError> {
    Ok(sc::table
        .filter(sc::study_id.eq(Stored(study)))
        .order((sc::added_at.asc(), sc::user_id.asc()))
        .select(StudyCoderRow::as_select())
        .load(conn)?)
}

/// The coders of many studies: (study, coder).
pub fn coders_of(conn: &mut DbConnection, studies: &[StudyId]) -> Result<Vec<(StudyId, UserId)>, StoreError> {
    let rows: Vec<(Stored<StudyId>, Stored<UserId>)> =
        sc::table.filter(sc::study_id.eq_any(keys(studies))).order(sc::added_at.asc()).select((sc::study_id, sc::user_id)).load(conn)?;
    Ok(rows.into_iter().map(|(s, u)| (s.get(), u.get())).collect())
}

/// Adds a coder; adding one already there changes nothing.
pub fn add_coder(conn: &mut DbConnection, row: &StudyCoderRow) -> Result<bool, StoreError> {
    let there = sc::table.find((&row.study_id, &row.user_id)).count().get_result::<i64>(conn)? > 0;
    if !there {
        diesel::insert_into(sc::table).values(row).execute(conn)?;
    }
    Ok(!there)
}

pub fn remove_coder(conn: &mut DbConnection, study: StudyId, user: UserId) -> Result<usize, StoreError> {
    Ok(diesel::delete(sc::table.find((Stored(study), Stored(user)))).execute(conn)?)
}

pub fn parties(conn: &mut DbConnection, study: StudyId) -> Result<Vec<StudyPartyRow>, StoreError> {
    Ok(sp::table.filter(sp::study_id.eq(Stored(study))).select(StudyPartyRow::as_select()).load(conn)?)
}

/// The parties that joined, of many studies: (study, party).
pub fn joined_parties_of(conn: &mut DbConnection, studies: &[StudyId]) -> Result<Vec<(StudyId, OrgId)>, StoreError> {
    let rows: Vec<(Stored<StudyId>, Stored<OrgId>)> = sp::table
        .filter(sp::study_id.eq_any(keys(studies)))
        .filter(sp::joined.eq(true))
        .select((sp::study_id, sp::organisation_id))
        .load(conn)?;
    Ok(rows.into_iter().map(|(s, o)| (s.get(), o.get())).collect())
}

/// Records a party's decision (replacing an earlier one).
pub fn set_party(conn: &mut DbConnection, row: &StudyPartyRow) -> Result<(), StoreError> {
    let n = diesel::update(sp::table.find((&row.study_id, &row.organisation_id))).set(row).execute(conn)?;
    if n == 0 {
        diesel::insert_into(sp::table).values(row).execute(conn)?;
    }
    Ok(())
}

// ------------------------------------------------------------------ people to choose from

/// Display names of users.
pub fn user_names(conn: &mut DbConnection, ids: &[UserId]) -> Result<Vec<(UserId, String)>, StoreError> {
    let rows: Vec<(Stored<UserId>, String)> =
        users::table.filter(users::id.eq_any(keys(ids))).select((users::id, users::display_name)).load(conn)?;
    Ok(rows.into_iter().map(|(u, n)| (u.get(), n)).collect())
}

/// The members of any of `orgs` with their organisations: (user, name, organisation), by name.
pub fn members_of(conn: &mut DbConnection, orgs: &[OrgId]) -> Result<Vec<(UserId, String, OrgId)>, StoreError> {
    let rows: Vec<(Stored<UserId>, String, Stored<OrgId>)> = memberships::table
        .inner_join(users::table)
        .filter(memberships::organisation_id.eq_any(keys(orgs)))
        .order((users::display_name.asc(), users::id.asc()))
        .select((users::id, users::display_name, memberships::organisation_id))
        .load(conn)?;
    Ok(rows.into_iter().map(|(u, n, o)| (u.get(), n, o.get())).collect())
}

/// The organisations a user is a member of.
pub fn orgs_of_user(conn: &mut DbConnection, user: UserId) -> Result<Vec<OrgId>, StoreError> {
    let rows: Vec<Stored<OrgId>> =
        memberships::table.filter(memberships::user_id.eq(Stored(user))).select(memberships::organisation_id).load(conn)?;
    Ok(rows.into_iter().map(Stored::get).collect())
}

/// Participants of an organisation (of one programme, when given): (id, pseudonym, name), by pseudonym.
pub fn participant_choices(
    conn: &mut DbConnection,
    org: OrgId,
    programme: Option<ProgrammeId>,
) -> Result<Vec<(ParticipantId, String, Option<String>)>, StoreError> {
    let mut q = participants::table.filter(participants::organisation_id.eq(Stored(org))).into_boxed();
    if let Some(p) = programme {
        q = q.filter(participants::programme_id.eq(Stored(p)));
    }
    let rows: Vec<(Stored<ParticipantId>, String, Option<String>)> =
        q.order(participants::pseudonym.asc()).select((participants::id, participants::pseudonym, participants::name)).load(conn)?;
    Ok(rows.into_iter().map(|(i, p, n)| (i.get(), p, n)).collect())
}

/// Peer workers of an organisation: (id, name), by name.
pub fn peer_choices(conn: &mut DbConnection, org: OrgId) -> Result<Vec<(PeerWorkerId, String)>, StoreError> {
    let rows: Vec<(Stored<PeerWorkerId>, String)> = peer_workers::table
        .filter(peer_workers::organisation_id.eq(Stored(org)))
        .order(peer_workers::display_name.asc())
        .select((peer_workers::id, peer_workers::display_name))
        .load(conn)?;
    Ok(rows.into_iter().map(|(i, n)| (i.get(), n)).collect())
}

/// What Sammen knows of a participant's names: (organisation, pseudonym, name, assigned peer's name).
pub type ParticipantNames = (OrgId, String, Option<String>, Option<String>);

pub fn participant_names(conn: &mut DbConnection, id: ParticipantId) -> Result<Option<ParticipantNames>, StoreError> {
    type Raw = (Stored<OrgId>, String, Option<String>, Option<String>);
    let row: Option<Raw> = participants::table
        .left_join(peer_workers::table)
        .filter(participants::id.eq(Stored(id)))
        .select((participants::organisation_id, participants::pseudonym, participants::name, peer_workers::display_name.nullable()))
        .get_result(conn)
        .optional()?;
    Ok(row.map(|(o, p, n, peer)| (o.get(), p, n, peer)))
}

/// A peer worker's organisation and name.
pub fn peer_name(conn: &mut DbConnection, id: PeerWorkerId) -> Result<Option<(OrgId, String)>, StoreError> {
    let row: Option<(Stored<OrgId>, String)> = peer_workers::table
        .find(Stored(id))
        .select((peer_workers::organisation_id, peer_workers::display_name))
        .get_result(conn)
        .optional()?;
    Ok(row.map(|(o, n)| (o.get(), n)))
}

// ------------------------------------------------------------------ interviews

pub fn insert_interview(conn: &mut DbConnection, row: &StudyInterviewRow, segments: &[InterviewSegmentRow]) -> Result<(), StoreError> {
    diesel::insert_into(si::table).values(row).execute(conn)?;
    for s in segments {
        diesel::insert_into(seg::table).values(s).execute(conn)?;
    }
    Ok(())
}

pub fn interview(conn: &mut DbConnection, id: StudyInterviewId) -> Result<Option<StudyInterviewRow>, StoreError> {
    Ok(si::table.find(Stored(id)).select(StudyInterviewRow::as_select()).get_result(conn).optional()?)
}

/// A study's interviews in the order they were recorded (withdrawn ones included).
pub fn interviews_of(conn: &mut DbConnection, study: StudyId) -> Result<Vec<StudyInterviewRow>, StoreError> {
    Ok(si::table
        .filter(si::study_id.eq(Stored(study)))
        .order((si::created_at.asc(), si::id.asc()))
        .select(StudyInterviewRow::as_select())
        .load(conn)?)
}

/// How many interviews of a kind a study has had (withdrawn ones included), for the next pseudonym.
pub fn count_of_kind(conn: &mut DbConnection, study: StudyId, kind: IntervieweeKind) -> Result<i64, StoreError> {
    Ok(si::table.filter(si::study_id.eq(Stored(study))).filter(si::kind.eq(Stored(kind))).count().get_result(conn)?)
}

/// The active interviews of many studies: (study, count).
pub fn active_counts(conn: &mut DbConnection, studies: &[StudyId]) -> Result<Vec<(StudyId, i64)>, StoreError> {
    let rows: Vec<Stored<StudyId>> = si::table
        .filter(si::study_id.eq_any(keys(studies)))
        .filter(si::status.eq(Stored(InterviewStatus::Active)))
        .select(si::study_id)
        .load(conn)?;
    let mut out: Vec<(StudyId, i64)> = Vec::new();
    for s in rows {
        match out.iter_mut().find(|(k, _)| *k == s.get()) {
            Some((_, n)) => *n += 1,
            None => out.push((s.get(), 1)),
        }
    }
    Ok(out)
}

/// Withdraws an interview's consent: deletes its transcript, original, segments, codings,
/// quotes and done marks, and keeps the row as withdrawn.
pub fn withdraw(conn: &mut DbConnection, id: StudyInterviewId, on: Date) -> Result<(), StoreError> {
    diesel::delete(iq::table.filter(iq::interview_id.eq(Stored(id)))).execute(conn)?;
    diesel::delete(ko::table.filter(ko::interview_id.eq(Stored(id)))).execute(conn)?;
    diesel::delete(cd::table.filter(cd::interview_id.eq(Stored(id)))).execute(conn)?;
    diesel::delete(seg::table.filter(seg::interview_id.eq(Stored(id)))).execute(conn)?;
    diesel::update(si::table.find(Stored(id)))
        .set((
            si::status.eq(Stored(InterviewStatus::Withdrawn)),
            si::consent_withdrawn_on.eq(Some(Stored(on))),
            si::transcript.eq(None::<String>),
            si::original.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn segments_of(conn: &mut DbConnection, interview: StudyInterviewId) -> Result<Vec<InterviewSegmentRow>, StoreError> {
    Ok(seg::table
        .filter(seg::interview_id.eq(Stored(interview)))
        .order(seg::position.asc())
        .select(InterviewSegmentRow::as_select())
        .load(conn)?)
}

/// The segments of many interviews, by interview and position.
pub fn segments_of_many(conn: &mut DbConnection, interviews: &[StudyInterviewId]) -> Result<Vec<InterviewSegmentRow>, StoreError> {
    Ok(seg::table
        .filter(seg::interview_id.eq_any(keys(interviews)))
        .order((seg::interview_id.asc(), seg::position.asc()))
        .select(InterviewSegmentRow::as_select())
        .load(conn)?)
}

pub fn segment(conn: &mut DbConnection, id: SegmentId) -> Result<Option<InterviewSegmentRow>, StoreError> {
    Ok(seg::table.find(Stored(id)).select(InterviewSegmentRow::as_select()).get_result(conn).optional()?)
}

// ------------------------------------------------------------------ codebook

pub fn insert_code(conn: &mut DbConnection, row: &InterviewCodeRow) -> Result<(), StoreError> {
    diesel::insert_into(ic::table).values(row).execute(conn)?;
    Ok(())
}

pub fn update_code(conn: &mut DbConnection, row: &InterviewCodeRow) -> Result<(), StoreError> {
    diesel::update(ic::table.find(&row.id)).set(row).execute(conn)?;
    Ok(())
}

pub fn code(conn: &mut DbConnection, id: CodeId) -> Result<Option<InterviewCodeRow>, StoreError> {
    Ok(ic::table.find(Stored(id)).select(InterviewCodeRow::as_select()).get_result(conn).optional()?)
}

/// A study's codes by position.
pub fn codes_of(conn: &mut DbConnection, study: StudyId) -> Result<Vec<InterviewCodeRow>, StoreError> {
    Ok(ic::table
        .filter(ic::study_id.eq(Stored(study)))
        .order((ic::position.asc(), ic::id.asc()))
        .select(InterviewCodeRow::as_select())
        .load(conn)?)
}

/// The next free position in a study's codebook.
pub fn next_code_position(conn: &mut DbConnection, study: StudyId) -> Result<i64, StoreError> {
    let max: Option<i64> = ic::table.filter(ic::study_id.eq(Stored(study))).select(diesel::dsl::max(ic::position)).get_result(conn)?;
    Ok(max.map_or(0, |m| m + 1))
}

pub fn insert_code_change(conn: &mut DbConnection, row: &CodeChangeRow) -> Result<(), StoreError> {
    diesel::insert_into(cc::table).values(row).execute(conn)?;
    Ok(())
}

/// A study's codebook history, newest first.
pub fn code_changes(conn: &mut DbConnection, study: StudyId) -> Result<Vec<CodeChangeRow>, StoreError> {
    Ok(cc::table
        .filter(cc::study_id.eq(Stored(study)))
        .order((cc::at.desc(), cc::id.desc()))
        .select(CodeChangeRow::as_select())
        .load(conn)?)
}

/// Moves every coding and quote of `from` to `into`; a coding that would then be there twice
/// (the same segment, kind and coder) is kept once.
pub fn move_codings(conn: &mut DbConnection, from: CodeId, into: CodeId) -> Result<usize, StoreError> {
    let rows: Vec<CodingRow> = ko::table.filter(ko::code_id.eq_any(keys(&[from, into]))).select(CodingRow::as_select()).load(conn)?;
    let mut moved = 0;
    for r in rows.iter().filter(|r| r.code_id == from) {
        let twin = rows
            .iter()
            .any(|o| o.code_id == into && o.segment_id == r.segment_id && o.kind == r.kind && o.coder_user_id == r.coder_user_id);
        if twin {
            diesel::delete(ko::table.find(&r.id)).execute(conn)?;
        } else {
            diesel::update(ko::table.find(&r.id)).set(ko::code_id.eq(Stored(into))).execute(conn)?;
            moved += 1;
        }
    }
    diesel::update(iq::table.filter(iq::code_id.eq(Stored(from)))).set(iq::code_id.eq(Stored(into))).execute(conn)?;
    Ok(moved)
}

// ------------------------------------------------------------------ codings

/// The codings of some interviews, by interview, segment and code.
pub fn codings_of(conn: &mut DbConnection, interviews: &[StudyInterviewId]) -> Result<Vec<CodingRow>, StoreError> {
    Ok(ko::table
        .filter(ko::interview_id.eq_any(keys(interviews)))
        .order((ko::interview_id.asc(), ko::segment_id.asc(), ko::created_at.asc(), ko::id.asc()))
        .select(CodingRow::as_select())
        .load(conn)?)
}

/// Replaces the codings of one segment by one coder (or the consensus, `coder` None).
pub fn replace_segment_codings(
    conn: &mut DbConnection,
    segment: SegmentId,
    kind: CodingKind,
    coder: Option<UserId>,
    rows: &[CodingRow],
) -> Result<(), StoreError> {
    let base = ko::table.filter(ko::segment_id.eq(Stored(segment))).filter(ko::kind.eq(Stored(kind)));
    match coder {
        Some(u) => diesel::delete(base.filter(ko::coder_user_id.eq(Stored(u)))).execute(conn)?,
        None => diesel::delete(base.filter(ko::coder_user_id.is_null())).execute(conn)?,
    };
    for r in rows {
        diesel::insert_into(ko::table).values(r).execute(conn)?;
    }
    Ok(())
}

/// The done marks of some interviews.
pub fn done_of(conn: &mut DbConnection, interviews: &[StudyInterviewId]) -> Result<Vec<CoderDoneRow>, StoreError> {
    Ok(cd::table.filter(cd::interview_id.eq_any(keys(interviews))).select(CoderDoneRow::as_select()).load(conn)?)
}

/// Marks an interview done by a coder, or takes the mark back.
pub fn set_done(conn: &mut DbConnection, interview: StudyInterviewId, coder: UserId, done: bool, at: i64) -> Result<(), StoreError> {
    diesel::delete(cd::table.find((Stored(interview), Stored(coder)))).execute(conn)?;
    if done {
        diesel::insert_into(cd::table)
            .values(&CoderDoneRow { interview_id: Stored(interview), coder_user_id: Stored(coder), done_at: at })
            .execute(conn)?;
    }
    Ok(())
}

// ------------------------------------------------------------------ quotes

pub fn quotes_of(conn: &mut DbConnection, study: StudyId) -> Result<Vec<QuoteRow>, StoreError> {
    Ok(iq::table
        .filter(iq::study_id.eq(Stored(study)))
        .order((iq::interview_id.asc(), iq::start_char.asc(), iq::id.asc()))
        .select(QuoteRow::as_select())
        .load(conn)?)
}

pub fn insert_quote(conn: &mut DbConnection, row: &QuoteRow) -> Result<(), StoreError> {
    diesel::insert_into(iq::table).values(row).execute(conn)?;
    Ok(())
}

/// Takes a cleared passage back.
pub fn delete_quote(conn: &mut DbConnection, interview: StudyInterviewId, code: CodeId, start: i64, end: i64) -> Result<usize, StoreError> {
    Ok(diesel::delete(
        iq::table
            .filter(iq::interview_id.eq(Stored(interview)))
            .filter(iq::code_id.eq(Stored(code)))
            .filter(iq::start_char.eq(start))
            .filter(iq::end_char.eq(end)),
    )
    .execute(conn)?)
}
