//! How Sammen's typed values live in text columns. Ids, codes and dates are written and read
//! here, once, for both backends: a row field of type `Stored<CourseId>` holds a `CourseId`,
//! never a string that the caller must parse, and a malformed stored value is a
//! [`StoreError::Corrupt`](crate::StoreError) when the row is read, not a surprise later.

use std::borrow::Cow;
use std::fmt;
use std::io::Write;
use std::ops::Deref;

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::pg::Pg;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::Text;
use diesel::sqlite::Sqlite;
use sammen_domain::audit::{AuditAction, AuditOutcome};
use sammen_domain::directory::{DataCategory, DeliveryModel, Mode, OrganisationKind};
use sammen_domain::ids::*;
use sammen_domain::journey::courses::{
    ChimeDomain, ConsentMethod, ConsentPurpose, CourseStatus, Disclosure, EndReason, GoalStatus, NoteAudience, OfferState, ReferralSource,
    ReferralStatus, SessionKind, SessionStatus,
};
use sammen_domain::journey::groups::{GroupKind, GroupStatus, MeetingStatus};
use sammen_domain::measurement::completeness::{FollowUpActionKind, ReminderChannel, UnreachableReason};
use sammen_domain::measurement::qualitative::{
    CodeChangeKind, CodeTheme, CodingKind, InterviewConsentMethod, InterviewStatus, IntervieweeKind, StudyScopeKind, TranscriptSource,
};
use sammen_domain::measurement::{
    InvitationStatus, LifeEventKind, LifeEventSource, MessageKind, MessageStatus, ResponseSource, ResponseStatus,
};
use sammen_domain::people::{Engagement, Gender, ParticipantStatus, PeerStatus, Role};
use sammen_domain::workforce::recruitment::{AttachmentKind, LetterLanguage, PostingStatus, Stage};
use sammen_domain::workforce::roles::{EngagementKind, Setting, Term};
use sammen_domain::workforce::supervision::{SupervisionFormat, SupervisionKind, SupervisionStatus};
use sammen_domain::workforce::training::{CourseKind, OnboardingItemKind, Outcome};

use crate::db::MultiBackend;

/// A value that the store keeps as text. Implemented here for every id, code and date type
/// that a row holds.
pub trait TextCodec: Sized + 'static {
    /// What the value is, for the error when a stored value cannot be read.
    const WHAT: &'static str;
    /// The stored text: borrowed for a code, so binding one allocates nothing.
    fn encode(&self) -> Cow<'static, str>;
    fn decode(raw: &str) -> Option<Self>;
}

/// A typed value in a text column. It derefs to the value and compares equal to it, so
/// `row.organisation_id == org` and `*row.id` read naturally.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub struct Stored<T>(pub T);

impl<T> Stored<T> {
    /// The value itself.
    pub fn get(self) -> T {
        self.0
    }
}

impl<T> Deref for Stored<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<T> for Stored<T> {
    fn from(v: T) -> Self {
        Stored(v)
    }
}

impl<T: PartialEq> PartialEq<T> for Stored<T> {
    fn eq(&self, other: &T) -> bool {
        self.0 == *other
    }
}

impl<T: fmt::Display> fmt::Display for Stored<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: fmt::Debug> fmt::Debug for Stored<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The value of an optional stored column.
pub trait Unstore<T> {
    fn get(self) -> Option<T>;
}

impl<T> Unstore<T> for Option<Stored<T>> {
    fn get(self) -> Option<T> {
        self.map(Stored::get)
    }
}

/// Many values for an `IN (..)` filter.
pub(crate) fn keys<T: Copy>(values: &[T]) -> Vec<Stored<T>> {
    values.iter().copied().map(Stored).collect()
}

/// Wraps an optional value for an optional stored column.
pub fn stored<T>(v: Option<T>) -> Option<Stored<T>> {
    v.map(Stored)
}

impl<T, DB> FromSql<Text, DB> for Stored<T>
where
    T: TextCodec,
    DB: Backend,
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        let raw = String::from_sql(bytes)?;
        T::decode(&raw).map(Stored).ok_or_else(|| format!("malformed stored {}", T::WHAT).into())
    }
}

impl<T: TextCodec + fmt::Debug> ToSql<Text, Sqlite> for Stored<T> {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        match self.0.encode() {
            Cow::Borrowed(code) => out.set_value(code),
            Cow::Owned(text) => out.set_value(text),
        }
        Ok(IsNull::No)
    }
}

impl<T: TextCodec + fmt::Debug> ToSql<Text, Pg> for Stored<T> {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        out.write_all(self.0.encode().as_bytes())?;
        Ok(IsNull::No)
    }
}

impl<T: TextCodec + fmt::Debug + Send + Sync> ToSql<Text, MultiBackend> for Stored<T> {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
        out.set_value((Text, self));
        Ok(IsNull::No)
    }
}

macro_rules! ids {
    ($($t:ident => $what:literal),+ $(,)?) => {$(
        impl TextCodec for $t {
            const WHAT: &'static str = $what;
            fn encode(&self) -> Cow<'static, str> {
                Cow::Owned(self.to_string())
            }
            fn decode(raw: &str) -> Option<Self> {
                raw.parse().ok()
            }
        }
    )+};
}

macro_rules! codes {
    ($($t:ty => $what:literal),+ $(,)?) => {$(
        impl TextCodec for $t {
            const WHAT: &'static str = $what;
            fn encode(&self) -> Cow<'static, str> {
                Cow::Borrowed(self.code())
            }
            fn decode(raw: &str) -> Option<Self> {
                <$t>::parse(raw).ok()
            }
        }
    )+};
}

ids!(
    OrgId => "organisation id", UserId => "user id", ProgrammeId => "programme id", PartnershipId => "partnership id",
    PeerWorkerId => "peer id", ParticipantId => "participant id", TokenId => "token id", PlanId => "plan id",
    InvitationId => "invitation id", ResponseId => "response id", LifeEventId => "life event id", RoleId => "role id",
    ReferralId => "referral id", ConsentId => "consent id", CourseId => "course id", SessionId => "session id",
    GoalId => "goal id", GroupId => "group id", MeetingId => "meeting id", PostingId => "posting id",
    ApplicationId => "application id", InterviewId => "interview id", AttachmentId => "attachment id",
    StudyId => "study id", StudyInterviewId => "study interview id", SegmentId => "segment id", CodeId => "code id",
    CodingId => "coding id", QuoteId => "quote id",
);

codes!(
    AuditAction => "audit action", AuditOutcome => "audit outcome",
    OrganisationKind => "organisation kind", Mode => "mode", DeliveryModel => "delivery model", DataCategory => "data category",
    Role => "role", Engagement => "engagement", ParticipantStatus => "participant status", PeerStatus => "peer status", Gender => "gender",
    ReferralSource => "referral source", ReferralStatus => "referral status", ConsentPurpose => "consent purpose",
    ConsentMethod => "consent method", Disclosure => "disclosure",
    CourseStatus => "course status", OfferState => "offer state", EndReason => "end reason", SessionStatus => "session status",
    SessionKind => "session kind", NoteAudience => "note audience", GoalStatus => "goal status", ChimeDomain => "CHIME domain",
    GroupKind => "group kind", GroupStatus => "group status", MeetingStatus => "meeting status",
    InvitationStatus => "invitation status", MessageKind => "message kind", MessageStatus => "message status",
    ResponseSource => "response source", ResponseStatus => "response status", LifeEventKind => "life event kind",
    LifeEventSource => "life event source",
    PostingStatus => "posting status", Stage => "application stage", LetterLanguage => "letter language", AttachmentKind => "attachment kind",
    SupervisionKind => "supervision kind", SupervisionFormat => "supervision format", SupervisionStatus => "supervision status",
    CourseKind => "training course kind", OnboardingItemKind => "onboarding item kind", Outcome => "training outcome",
    EngagementKind => "engagement kind", Term => "term", Setting => "setting",
    StudyScopeKind => "study scope kind", IntervieweeKind => "interviewee kind", InterviewConsentMethod => "interview consent method",
    InterviewStatus => "interview status", TranscriptSource => "transcript source", CodeTheme => "code theme",
    CodeChangeKind => "code change kind", CodingKind => "coding kind",
    FollowUpActionKind => "follow-up action kind", UnreachableReason => "unreachable reason", ReminderChannel => "reminder channel",
);

impl TextCodec for time::Date {
    const WHAT: &'static str = "date";
    fn encode(&self) -> Cow<'static, str> {
        Cow::Owned(sammen_domain::time::format_date(*self))
    }
    fn decode(raw: &str) -> Option<Self> {
        sammen_domain::time::parse_date(raw).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_codes_and_dates_round_trip() {
        let id = CourseId::from_uuid(uuid::Uuid::from_u128(7));
        assert_eq!(CourseId::decode(&id.encode()), Some(id));
        assert_eq!(CourseStatus::decode(&CourseStatus::Active.encode()), Some(CourseStatus::Active));
        let d = time::macros::date!(2026 - 03 - 01);
        assert_eq!(d.encode(), "2026-03-01");
        assert_eq!(time::Date::decode("2026-03-01"), Some(d));
        assert_eq!(time::Date::decode("1. marts"), None);
        assert_eq!(CourseId::decode("not an id"), None);
    }
}
