//! Typed identifiers. Every id is a UUIDv7 made by the application, so ids sort by creation
//! time and never collide across backends or instances.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            pub fn from_uuid(u: Uuid) -> Self { Self(u) }
            pub fn uuid(&self) -> Uuid { self.0 }
        }
        impl From<Uuid> for $name {
            fn from(u: Uuid) -> Self { Self(u) }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { self.0.fmt(f) }
        }
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.0)
            }
        }
        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> { Uuid::parse_str(s.trim()).map(Self) }
        }
    };
}

id_type!(/// An organisation.
    OrgId);
id_type!(/// A login account (staff, peer worker, system administrator).
    UserId);
id_type!(/// A programme (peer-support offer).
    ProgrammeId);
id_type!(/// A partnership between organisations.
    PartnershipId);
id_type!(/// A peer worker in the workforce.
    PeerWorkerId);
id_type!(/// A participant receiving support.
    ParticipantId);
id_type!(/// A personal API token.
    TokenId);
id_type!(/// A measurement plan of a programme.
    PlanId);
id_type!(/// One wave of a measurement plan for one participant.
    InvitationId);
id_type!(/// A participant's answers to one instrument.
    ResponseId);
id_type!(/// A life outcome or a use of services.
    LifeEventId);
id_type!(/// One version of a role description.
    RoleId);
id_type!(/// A referral of a participant (from a partner, the participant themselves, or intake).
    ReferralId);
id_type!(/// One recorded consent of a participant.
    ConsentId);
id_type!(/// A course of support (forløb) between a participant and a peer worker.
    CourseId);
id_type!(/// A session of a course of support, planned or held.
    SessionId);
id_type!(/// A participant's goal.
    GoalId);
id_type!(/// A group course or open event (gruppeforløb, recovery café).
    GroupId);
id_type!(/// One meeting of a group.
    MeetingId);

/// Makes UUIDv7 values from a caller-supplied time and random bits, so tests control both
/// (`uuid`'s own `now_v7` would read the clock and the random source itself).
pub fn uuid_v7(unix_millis: u64, random: [u8; 10]) -> Uuid {
    uuid::Builder::from_unix_timestamp_millis(unix_millis, &random).into_uuid()
}

// Recruitment.
id_type!(/// A job posting made from a role description.
    PostingId);
id_type!(/// An application to a posting.
    ApplicationId);
id_type!(/// An interview of an applicant by a panel.
    InterviewId);
id_type!(/// A file sent with an application.
    AttachmentId);

// Interview studies (qualitative evaluation).
id_type!(/// An interview study: interviews coded into a codebook.
    StudyId);
id_type!(/// One interview of an interview study (recruitment has its own `InterviewId`).
    StudyInterviewId);
id_type!(/// A segment of an interview's transcript, the unit coders code.
    SegmentId);
id_type!(/// A code of a study's codebook.
    CodeId);
id_type!(/// A code applied to a segment by a coder, or settled by consensus.
    CodingId);
id_type!(/// A passage of a transcript cleared for publication.
    QuoteId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v7_layout_and_order() {
        let a = uuid_v7(1_700_000_000_000, [0xff; 10]);
        let b = uuid_v7(1_700_000_000_001, [0; 10]);
        assert_eq!(a.get_version_num(), 7);
        assert_eq!(a.get_variant(), uuid::Variant::RFC4122);
        assert!(a < b, "later time sorts later regardless of random bits");
    }

    #[test]
    fn v7_bits_are_where_stored_ids_have_them() {
        // 48 bits of milliseconds, version 7, 12 random bits, variant 10, 62 random bits:
        // the layout of every id already stored.
        let id = uuid_v7(0x0123_4567_89ab, [0xff, 0x01, 0xff, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(id.to_string(), "01234567-89ab-7f01-bf03-040506070809");
        assert_eq!(
            id.get_timestamp().map(|t| t.to_unix()),
            Some((0x0123_4567_89ab / 1000, (0x0123_4567_89ab_u64 % 1000) as u32 * 1_000_000))
        );
    }

    #[test]
    fn parse_roundtrip() {
        let id = OrgId::from_uuid(uuid_v7(1, [1; 10]));
        assert_eq!(id.to_string().parse::<OrgId>().ok(), Some(id));
        assert!("not-a-uuid".parse::<OrgId>().is_err());
    }
}
