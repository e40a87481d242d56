//! Recruitment: postings, applications with their attachments, the stage
//! history, interviews, panels and scores, and the retention setting. Personal rows, only ever
//! reached through `app`.

use crate::codec::{Stored, keys};
use diesel::prelude::*;
use sammen_domain::ids::{ApplicationId, AttachmentId, InterviewId, OrgId, PostingId, UserId};
use sammen_domain::measurement::MessageKind;

use crate::rows::{
    ApplicationAttachmentRow, ApplicationStageRow, AttachmentMetaRow, InterviewPanelRow, InterviewScoreRow, JobApplicationRow,
    JobInterviewRow, JobPostingRow, RecruitmentSettingsRow,
};
use crate::schema::{
    application_attachments, application_stages, interview_panel, interview_scores, job_applications, job_interviews, job_postings, outbox,
    recruitment_settings,
};
use crate::{DbConnection, StoreError};

// ---------------------------------------------------------------- postings

pub fn insert_posting(conn: &mut DbConnection, row: &JobPostingRow) -> Result<(), StoreError> {
    diesel::insert_into(job_postings::table).values(row).execute(conn)?;
    Ok(())
}

pub fn update_posting(conn: &mut DbConnection, row: &JobPostingRow) -> Result<usize, StoreError> {
    Ok(diesel::update(job_postings::table.find(&row.id)).set(row).execute(conn)?)
}

pub fn posting(conn: &mut DbConnection, id: PostingId) -> Result<Option<JobPostingRow>, StoreError> {
    Ok(job_postings::table.find(Stored(id)).select(JobPostingRow::as_select()).get_result(conn).optional()?)
}

/// An organisation's postings, latest deadline first.
pub fn postings_of(conn: &mut DbConnection, org: OrgId) -> Result<Vec<JobPostingRow>, StoreError> {
    Ok(job_postings::table
        .filter(job_postings::organisation_id.eq(Stored(org)))
        .order((job_postings::deadline.desc(), job_postings::id.asc()))
        .select(JobPostingRow::as_select())
        .load(conn)?)
}

/// How many applications each of these postings has, by stage: (posting, stage, count).
pub fn stage_counts(conn: &mut DbConnection, postings: &[PostingId]) -> Result<Vec<(String, String, i64)>, StoreError> {
    Ok(job_applications::table
        .filter(job_applications::posting_id.eq_any(keys(postings)))
        .group_by((job_applications::posting_id, job_applications::stage))
        .select((job_applications::posting_id, job_applications::stage, diesel::dsl::count_star()))
        .load(conn)?)
}

// ---------------------------------------------------------------- applications

pub fn insert_application(conn: &mut DbConnection, row: &JobApplicationRow) -> Result<(), StoreError> {
    diesel::insert_into(job_applications::table).values(row).execute(conn)?;
    Ok(())
}

pub fn update_application(conn: &mut DbConnection, row: &JobApplicationRow) -> Result<usize, StoreError> {
    Ok(diesel::update(job_applications::table.find(&row.id)).set(row).execute(conn)?)
}

pub fn application(conn: &mut DbConnection, id: ApplicationId) -> Result<Option<JobApplicationRow>, StoreError> {
    Ok(job_applications::table.find(Stored(id)).select(JobApplicationRow::as_select()).get_result(conn).optional()?)
}

/// A posting's applications, oldest first, optionally at one stage.
pub fn applications_of(conn: &mut DbConnection, posting: PostingId, stage: Option<&str>) -> Result<Vec<JobApplicationRow>, StoreError> {
    let mut q = job_applications::table.filter(job_applications::posting_id.eq(Stored(posting))).into_boxed();
    if let Some(s) = stage {
        q = q.filter(job_applications::stage.eq(s.to_owned()));
    }
    Ok(q.order((job_applications::created_at.asc(), job_applications::id.asc())).select(JobApplicationRow::as_select()).load(conn)?)
}

/// Applications decided before `before` (microseconds): (id, organisation, decided at).
pub fn decided_before(conn: &mut DbConnection, before: i64) -> Result<Vec<(ApplicationId, OrgId, i64)>, StoreError> {
    let rows: Vec<(Stored<ApplicationId>, Stored<OrgId>, Option<i64>)> = job_applications::table
        .filter(job_applications::decided_at.lt(before))
        .select((job_applications::id, job_applications::organisation_id, job_applications::decided_at))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(id, org, at)| Some((id.get(), org.get(), at?))).collect())
}

/// Deletes an application and everything about it: attachments, history, interviews with
/// their panels and scores, and the outbox's messages about it.
pub fn delete_application(conn: &mut DbConnection, id: ApplicationId) -> Result<usize, StoreError> {
    let interviews: Vec<String> =
        job_interviews::table.filter(job_interviews::application_id.eq(Stored(id))).select(job_interviews::id).load(conn)?;
    diesel::delete(interview_scores::table.filter(interview_scores::interview_id.eq_any(&interviews))).execute(conn)?;
    diesel::delete(interview_panel::table.filter(interview_panel::interview_id.eq_any(&interviews))).execute(conn)?;
    diesel::delete(job_interviews::table.filter(job_interviews::application_id.eq(Stored(id)))).execute(conn)?;
    diesel::delete(application_stages::table.filter(application_stages::application_id.eq(Stored(id)))).execute(conn)?;
    diesel::delete(application_attachments::table.filter(application_attachments::application_id.eq(Stored(id)))).execute(conn)?;
    diesel::delete(outbox::table.filter(outbox::subject_type.eq("application")).filter(outbox::subject_id.eq(Stored(id)))).execute(conn)?;
    Ok(diesel::delete(job_applications::table.find(Stored(id))).execute(conn)?)
}

// ---------------------------------------------------------------- attachments

pub fn insert_attachment(conn: &mut DbConnection, row: &ApplicationAttachmentRow) -> Result<(), StoreError> {
    diesel::insert_into(application_attachments::table).values(row).execute(conn)?;
    Ok(())
}

pub fn attachment(conn: &mut DbConnection, id: AttachmentId) -> Result<Option<ApplicationAttachmentRow>, StoreError> {
    Ok(application_attachments::table.find(Stored(id)).select(ApplicationAttachmentRow::as_select()).get_result(conn).optional()?)
}

/// An application's attachments without their content.
pub fn attachments_of(conn: &mut DbConnection, application: ApplicationId) -> Result<Vec<AttachmentMetaRow>, StoreError> {
    Ok(application_attachments::table
        .filter(application_attachments::application_id.eq(Stored(application)))
        .order(application_attachments::id.asc())
        .select((
            application_attachments::id,
            application_attachments::application_id,
            application_attachments::file_name,
            application_attachments::kind,
            application_attachments::size_bytes,
        ))
        .load(conn)?)
}

// ---------------------------------------------------------------- stage history

pub fn insert_stage(conn: &mut DbConnection, row: &ApplicationStageRow) -> Result<(), StoreError> {
    diesel::insert_into(application_stages::table).values(row).execute(conn)?;
    Ok(())
}

/// An application's moves, oldest first.
pub fn stages_of(conn: &mut DbConnection, application: ApplicationId) -> Result<Vec<ApplicationStageRow>, StoreError> {
    Ok(application_stages::table
        .filter(application_stages::application_id.eq(Stored(application)))
        .order((application_stages::at.asc(), application_stages::id.asc()))
        .select(ApplicationStageRow::as_select())
        .load(conn)?)
}

// ---------------------------------------------------------------- interviews

pub fn insert_interview(conn: &mut DbConnection, row: &JobInterviewRow, panel: &[UserId]) -> Result<(), StoreError> {
    diesel::insert_into(job_interviews::table).values(row).execute(conn)?;
    for user in panel {
        diesel::insert_into(interview_panel::table)
            .values(&InterviewPanelRow { interview_id: row.id, user_id: Stored(*user) })
            .execute(conn)?;
    }
    Ok(())
}

pub fn interview(conn: &mut DbConnection, id: InterviewId) -> Result<Option<JobInterviewRow>, StoreError> {
    Ok(job_interviews::table.find(Stored(id)).select(JobInterviewRow::as_select()).get_result(conn).optional()?)
}

/// An application's interviews, by time.
pub fn interviews_of(conn: &mut DbConnection, application: ApplicationId) -> Result<Vec<JobInterviewRow>, StoreError> {
    Ok(job_interviews::table
        .filter(job_interviews::application_id.eq(Stored(application)))
        .order((job_interviews::starts_at.asc(), job_interviews::id.asc()))
        .select(JobInterviewRow::as_select())
        .load(conn)?)
}

/// The user ids on these interviews' panels: (interview, user).
pub fn panels_of(conn: &mut DbConnection, interviews: &[InterviewId]) -> Result<Vec<InterviewPanelRow>, StoreError> {
    Ok(interview_panel::table
        .filter(interview_panel::interview_id.eq_any(keys(interviews)))
        .order((interview_panel::interview_id.asc(), interview_panel::user_id.asc()))
        .select(InterviewPanelRow::as_select())
        .load(conn)?)
}

/// Whether a user sits on any interview panel of an application.
pub fn on_panel_of(conn: &mut DbConnection, application: ApplicationId, user: UserId) -> Result<bool, StoreError> {
    let n: i64 = interview_panel::table
        .inner_join(job_interviews::table.on(job_interviews::id.eq(interview_panel::interview_id)))
        .filter(job_interviews::application_id.eq(Stored(application)))
        .filter(interview_panel::user_id.eq(Stored(user)))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Replaces one interviewer's scores of an interview.
pub fn put_scores(conn: &mut DbConnection, interview: InterviewId, user: UserId, rows: &[InterviewScoreRow]) -> Result<(), StoreError> {
    diesel::delete(
        interview_scores::table
            .filter(interview_scores::interview_id.eq(Stored(interview)))
            .filter(interview_scores::user_id.eq(Stored(user))),
    )
    .execute(conn)?;
    for r in rows {
        diesel::insert_into(interview_scores::table).values(r).execute(conn)?;
    }
    Ok(())
}

pub fn scores_of(conn: &mut DbConnection, interviews: &[InterviewId]) -> Result<Vec<InterviewScoreRow>, StoreError> {
    Ok(interview_scores::table
        .filter(interview_scores::interview_id.eq_any(keys(interviews)))
        .order((interview_scores::interview_id.asc(), interview_scores::user_id.asc(), interview_scores::competence.asc()))
        .select(InterviewScoreRow::as_select())
        .load(conn)?)
}

// ---------------------------------------------------------------- settings

pub fn settings_of(conn: &mut DbConnection, org: OrgId) -> Result<Option<RecruitmentSettingsRow>, StoreError> {
    Ok(recruitment_settings::table.find(Stored(org)).select(RecruitmentSettingsRow::as_select()).get_result(conn).optional()?)
}

pub fn put_settings(conn: &mut DbConnection, row: &RecruitmentSettingsRow) -> Result<(), StoreError> {
    let n = diesel::update(recruitment_settings::table.find(&row.organisation_id)).set(row).execute(conn)?;
    if n == 0 {
        diesel::insert_into(recruitment_settings::table).values(row).execute(conn)?;
    }
    Ok(())
}

/// The latest hiring or rejection letter in the outbox about an application: (kind, subject, body, created at).
pub fn letter_of(conn: &mut DbConnection, application: ApplicationId) -> Result<Option<(MessageKind, String, String, i64)>, StoreError> {
    let row: Option<(Stored<MessageKind>, String, String, i64)> = outbox::table
        .filter(outbox::subject_type.eq("application"))
        .filter(outbox::subject_id.eq(Stored(application)))
        .filter(outbox::kind.eq_any(["hiring_letter", "rejection_letter"]))
        .order(outbox::created_at.desc())
        .select((outbox::kind, outbox::subject, outbox::body, outbox::created_at))
        .first(conn)
        .optional()?;
    Ok(row.map(|(kind, subject, body, at)| (kind.get(), subject, body, at)))
}

/// The interviews a user sits on the panel of, latest first.
pub fn interviews_of_user(conn: &mut DbConnection, user: UserId) -> Result<Vec<JobInterviewRow>, StoreError> {
    Ok(interview_panel::table
        .inner_join(job_interviews::table.on(job_interviews::id.eq(interview_panel::interview_id)))
        .filter(interview_panel::user_id.eq(Stored(user)))
        .order((job_interviews::starts_at.desc(), job_interviews::id.asc()))
        .select(JobInterviewRow::as_select())
        .load(conn)?)
}
