//! Onboarding checklists, the training catalogue, cohorts, attendance and certificates.
//! Only ever reached through `app`.

use crate::codec::{Stored, keys};
use diesel::prelude::*;
use sammen_domain::ids::{OrgId, PeerWorkerId};
use time::Date;

use crate::rows::{
    CertificateRow, OnboardingItemRow, OnboardingRow, OnboardingTemplateItemRow, TrainingAttendanceRow, TrainingCohortRow,
    TrainingCourseRow, TrainingEnrolmentRow, TrainingMeetingRow,
};
use crate::schema::{
    certificates, engagements, onboarding_items, onboarding_template_items, onboardings, role_descriptions, training_attendance,
    training_cohorts, training_courses, training_enrolments, training_meetings,
};
use crate::{DbConnection, StoreError};

// ---------------------------------------------------------------- onboarding

/// A role's checklist template (empty: the role uses the standard items), by position.
pub fn template_of(conn: &mut DbConnection, role_key: &str) -> Result<Vec<OnboardingTemplateItemRow>, StoreError> {
    Ok(onboarding_template_items::table
        .filter(onboarding_template_items::role_key.eq(role_key))
        .order(onboarding_template_items::position.asc())
        .select(OnboardingTemplateItemRow::as_select())
        .load(conn)?)
}

/// Replaces a role's checklist template.
pub fn set_template(conn: &mut DbConnection, role_key: &str, rows: &[OnboardingTemplateItemRow]) -> Result<(), StoreError> {
    diesel::delete(onboarding_template_items::table.filter(onboarding_template_items::role_key.eq(role_key))).execute(conn)?;
    for r in rows {
        diesel::insert_into(onboarding_template_items::table).values(r).execute(conn)?;
    }
    Ok(())
}

pub fn insert_onboarding(conn: &mut DbConnection, row: &OnboardingRow, items: &[OnboardingItemRow]) -> Result<(), StoreError> {
    diesel::insert_into(onboardings::table).values(row).execute(conn)?;
    for i in items {
        diesel::insert_into(onboarding_items::table).values(i).execute(conn)?;
    }
    Ok(())
}

pub fn update_onboarding(conn: &mut DbConnection, row: &OnboardingRow) -> Result<(), StoreError> {
    diesel::update(onboardings::table.find(&row.id)).set(row).execute(conn)?;
    Ok(())
}

/// A peer worker's onboardings, latest first.
pub fn onboardings_of(conn: &mut DbConnection, peer: PeerWorkerId) -> Result<Vec<OnboardingRow>, StoreError> {
    Ok(onboardings::table
        .filter(onboardings::peer_id.eq(Stored(peer)))
        .order((onboardings::created_at.desc(), onboardings::id.desc()))
        .select(OnboardingRow::as_select())
        .load(conn)?)
}

/// An organisation's onboardings in progress, oldest first.
pub fn onboardings_in_progress(conn: &mut DbConnection, org: OrgId) -> Result<Vec<OnboardingRow>, StoreError> {
    Ok(onboardings::table
        .filter(onboardings::organisation_id.eq(Stored(org)))
        .filter(onboardings::completed_at.is_null())
        .order((onboardings::created_at.asc(), onboardings::id.asc()))
        .select(OnboardingRow::as_select())
        .load(conn)?)
}

/// The items of some onboardings, by onboarding and position.
pub fn items_of(conn: &mut DbConnection, onboarding_ids: &[String]) -> Result<Vec<OnboardingItemRow>, StoreError> {
    Ok(onboarding_items::table
        .filter(onboarding_items::onboarding_id.eq_any(onboarding_ids))
        .order((onboarding_items::onboarding_id.asc(), onboarding_items::position.asc()))
        .select(OnboardingItemRow::as_select())
        .load(conn)?)
}

pub fn update_item(conn: &mut DbConnection, row: &OnboardingItemRow) -> Result<(), StoreError> {
    diesel::update(onboarding_items::table.find(&row.id)).set(row).execute(conn)?;
    Ok(())
}

// ---------------------------------------------------------------- catalogue

pub fn insert_course(conn: &mut DbConnection, row: &TrainingCourseRow) -> Result<(), StoreError> {
    diesel::insert_into(training_courses::table).values(row).execute(conn)?;
    Ok(())
}

pub fn update_course(conn: &mut DbConnection, row: &TrainingCourseRow) -> Result<(), StoreError> {
    diesel::update(training_courses::table.find(&row.id)).set(row).execute(conn)?;
    Ok(())
}

pub fn course(conn: &mut DbConnection, id: &str) -> Result<Option<TrainingCourseRow>, StoreError> {
    Ok(training_courses::table.find(id).select(TrainingCourseRow::as_select()).get_result(conn).optional()?)
}

/// An organisation's courses, by title.
pub fn courses_of(conn: &mut DbConnection, org: OrgId) -> Result<Vec<TrainingCourseRow>, StoreError> {
    Ok(training_courses::table
        .filter(training_courses::organisation_id.eq(Stored(org)))
        .order((training_courses::title.asc(), training_courses::id.asc()))
        .select(TrainingCourseRow::as_select())
        .load(conn)?)
}

// ---------------------------------------------------------------- cohorts

pub fn insert_cohort(conn: &mut DbConnection, row: &TrainingCohortRow, meetings: &[TrainingMeetingRow]) -> Result<(), StoreError> {
    diesel::insert_into(training_cohorts::table).values(row).execute(conn)?;
    for m in meetings {
        diesel::insert_into(training_meetings::table).values(m).execute(conn)?;
    }
    Ok(())
}

pub fn cohort(conn: &mut DbConnection, id: &str) -> Result<Option<TrainingCohortRow>, StoreError> {
    Ok(training_cohorts::table.find(id).select(TrainingCohortRow::as_select()).get_result(conn).optional()?)
}

/// The cohorts of some courses.
pub fn cohorts_of(conn: &mut DbConnection, courses: &[String]) -> Result<Vec<TrainingCohortRow>, StoreError> {
    Ok(training_cohorts::table
        .filter(training_cohorts::course_id.eq_any(courses))
        .order(training_cohorts::created_at.asc())
        .select(TrainingCohortRow::as_select())
        .load(conn)?)
}

/// Some cohorts by id.
pub fn cohorts_by_id(conn: &mut DbConnection, ids: &[String]) -> Result<Vec<TrainingCohortRow>, StoreError> {
    Ok(training_cohorts::table.filter(training_cohorts::id.eq_any(ids)).select(TrainingCohortRow::as_select()).load(conn)?)
}

/// The meetings of some cohorts, by start.
pub fn meetings_of(conn: &mut DbConnection, cohorts: &[String]) -> Result<Vec<TrainingMeetingRow>, StoreError> {
    Ok(training_meetings::table
        .filter(training_meetings::cohort_id.eq_any(cohorts))
        .order((training_meetings::starts_at.asc(), training_meetings::id.asc()))
        .select(TrainingMeetingRow::as_select())
        .load(conn)?)
}

pub fn insert_enrolment(conn: &mut DbConnection, row: &TrainingEnrolmentRow) -> Result<(), StoreError> {
    diesel::insert_into(training_enrolments::table).values(row).execute(conn)?;
    Ok(())
}

pub fn update_enrolment(conn: &mut DbConnection, row: &TrainingEnrolmentRow) -> Result<(), StoreError> {
    diesel::update(training_enrolments::table.find(&row.id)).set(row).execute(conn)?;
    Ok(())
}

/// The enrolments of some cohorts.
pub fn enrolments_of(conn: &mut DbConnection, cohorts: &[String]) -> Result<Vec<TrainingEnrolmentRow>, StoreError> {
    Ok(training_enrolments::table
        .filter(training_enrolments::cohort_id.eq_any(cohorts))
        .order((training_enrolments::enrolled_at.asc(), training_enrolments::id.asc()))
        .select(TrainingEnrolmentRow::as_select())
        .load(conn)?)
}

/// A peer worker's enrolments.
pub fn enrolments_of_peer(conn: &mut DbConnection, peer: PeerWorkerId) -> Result<Vec<TrainingEnrolmentRow>, StoreError> {
    Ok(training_enrolments::table
        .filter(training_enrolments::peer_id.eq(Stored(peer)))
        .order(training_enrolments::enrolled_at.desc())
        .select(TrainingEnrolmentRow::as_select())
        .load(conn)?)
}

/// The attendance recorded at some meetings.
pub fn attendance_of(conn: &mut DbConnection, meetings: &[String]) -> Result<Vec<TrainingAttendanceRow>, StoreError> {
    Ok(training_attendance::table
        .filter(training_attendance::meeting_id.eq_any(meetings))
        .select(TrainingAttendanceRow::as_select())
        .load(conn)?)
}

/// Replaces the attendance of a meeting.
pub fn set_attendance(conn: &mut DbConnection, meeting: &str, rows: &[TrainingAttendanceRow]) -> Result<(), StoreError> {
    diesel::delete(training_attendance::table.filter(training_attendance::meeting_id.eq(meeting))).execute(conn)?;
    for r in rows {
        diesel::insert_into(training_attendance::table).values(r).execute(conn)?;
    }
    Ok(())
}

// ---------------------------------------------------------------- certificates

pub fn insert_certificate(conn: &mut DbConnection, row: &CertificateRow) -> Result<(), StoreError> {
    diesel::insert_into(certificates::table).values(row).execute(conn)?;
    Ok(())
}

pub fn update_certificate(conn: &mut DbConnection, row: &CertificateRow) -> Result<(), StoreError> {
    diesel::update(certificates::table.find(&row.id)).set(row).execute(conn)?;
    Ok(())
}

/// Removes the certificate an enrolment issued (its outcome was changed to not completed).
pub fn delete_certificate_of_enrolment(conn: &mut DbConnection, enrolment: &str) -> Result<(), StoreError> {
    diesel::delete(certificates::table.filter(certificates::enrolment_id.eq(enrolment))).execute(conn)?;
    Ok(())
}

/// The certificates of some peer workers, latest issue first.
pub fn certificates_of(conn: &mut DbConnection, peers: &[PeerWorkerId]) -> Result<Vec<CertificateRow>, StoreError> {
    Ok(certificates::table
        .filter(certificates::peer_id.eq_any(keys(peers)))
        .order((certificates::issued_on.desc(), certificates::id.desc()))
        .select(CertificateRow::as_select())
        .load(conn)?)
}

/// Certificates that expire in `[from, to)` (ISO dates) and have had no reminder, every
/// organisation's.
pub fn certificates_expiring(conn: &mut DbConnection, from: Date, to: Date) -> Result<Vec<CertificateRow>, StoreError> {
    Ok(certificates::table
        .filter(certificates::expires_on.ge(Stored(from)))
        .filter(certificates::expires_on.lt(Stored(to)))
        .filter(certificates::reminded_at.is_null())
        .order(certificates::expires_on.asc())
        .select(CertificateRow::as_select())
        .load(conn)?)
}

// ---------------------------------------------------------------- the trained rule's inputs

/// For many peer workers at once: the role keys of their engagements in force on `today`
/// (an ISO date), as (peer id, role key).
pub fn roles_in_force_of(conn: &mut DbConnection, peers: &[PeerWorkerId], today: Date) -> Result<Vec<(PeerWorkerId, String)>, StoreError> {
    let rows: Vec<(Stored<PeerWorkerId>, Option<String>)> = engagements::table
        .filter(engagements::peer_id.eq_any(keys(peers)))
        .filter(engagements::starts_on.le(Stored(today)))
        .filter(engagements::ends_on.is_null().or(engagements::ends_on.ge(Stored(today))))
        .select((engagements::peer_id, engagements::role_key))
        .load(conn)?;
    // Sorted as the ids' text would sort (a UUID's byte order is its lowercase hex order).
    let mut out: Vec<(PeerWorkerId, String)> = rows.into_iter().filter_map(|(p, k)| k.map(|k| (p.get(), k))).collect();
    out.sort();
    out.dedup();
    Ok(out)
}

/// The `training` codes of the current versions of some roles, as (role key, title, codes).
pub fn role_training(conn: &mut DbConnection, keys: &[String]) -> Result<Vec<(String, String, String)>, StoreError> {
    Ok(role_descriptions::table
        .filter(role_descriptions::role_key.eq_any(keys))
        .filter(role_descriptions::current.eq(true))
        .select((role_descriptions::role_key, role_descriptions::title, role_descriptions::training))
        .load(conn)?)
}

/// Adds one attendance row.
pub fn add_attendance(conn: &mut DbConnection, row: &TrainingAttendanceRow) -> Result<(), StoreError> {
    diesel::insert_into(training_attendance::table).values(row).execute(conn)?;
    Ok(())
}
