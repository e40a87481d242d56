//! What the OpenAPI document says a string field holds: the codes a field accepts, and the
//! text, id, date and contact shapes that validation enforces. These types describe the
//! document only; the wire types keep their `String` fields (`#[schema(value_type = ...)]`),
//! so the JSON on the wire is exactly what it was and a client that ignores the document
//! loses nothing.
//!
//! Each code list is the domain's list, value for value: a code the document names is one
//! the server accepts, and the server sends no other (a test compares them).

use utoipa::ToSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};

/// Declares a code list as a string enum in the document, under `$name`.
macro_rules! codes {
    ($($(#[$m:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? })+) => {
        $(
            $(#[$m])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, ToSchema)]
            pub enum $name { $(#[schema(rename = $code)] $variant),+ }

            impl $name {
                /// Every code, in the document's order.
                pub const CODES: &'static [&'static str] = &[$($code),+];
            }
        )+
    };
}

codes! {
    /// What kind of body an organisation is.
    OrganisationKind { Municipality = "municipality", Region = "region", Association = "association", Other = "other" }
    /// How support is met: in person, by phone or online.
    Mode { InPerson = "in_person", Phone = "phone", Online = "online" }
    /// How a programme delivers support.
    DeliveryModel { Individual = "individual", Group = "group" }
    /// What an agreement lets partners share.
    DataCategory {
        ReferralStatus = "referral_status",
        ParticipantRecord = "participant_record",
        PeerWorkerRecord = "peer_worker_record",
        AggregateOutcomes = "aggregate_outcomes",
        PseudonymisedOutcomes = "pseudonymised_outcomes",
    }
    /// A staff account's role in its organisation.
    Role {
        Administrator = "administrator",
        Coordinator = "coordinator",
        Supervisor = "supervisor",
        PeerWorker = "peer_worker",
        Referrer = "referrer",
        Evaluator = "evaluator",
    }
    /// How a peer worker is engaged.
    Engagement { Volunteer = "volunteer", Paid = "paid" }
    /// A peer worker's status.
    PeerStatus { Active = "active", Paused = "paused", Left = "left" }
    /// A participant's status.
    ParticipantStatus { Waiting = "waiting", Active = "active", Closed = "closed" }
    /// A participant's gender, when given.
    Gender { Female = "female", Male = "male", Other = "other" }
    /// The status of a referral: the intake decision for the receiving organisation's
    /// managers, the derived status for its referrer.
    ReferralStatus {
        Received = "received",
        Accepted = "accepted",
        Declined = "declined",
        Waiting = "waiting",
        InCourse = "in_course",
        Ended = "ended",
        Withdrawn = "withdrawn",
    }
    /// How a referred person agreed to be referred.
    AgreementMethod { Verbal = "verbal", Written = "written" }
    /// What a consent is for.
    ConsentPurpose { Support = "support", Measurement = "measurement", PartnerSharing = "partner_sharing", ReferrerStatus = "referrer_status" }
    /// How a consent was given.
    ConsentMethod { SelfForm = "self_form", Written = "written", Verbal = "verbal" }
    /// Who may see the data a consent covers.
    ConsentAudience { Peer = "peer", Coordinators = "coordinators", Partners = "partners", Referrer = "referrer", Evaluators = "evaluators" }
    /// Why a waiting participant could not be put to the matching engine.
    NotReadyReason { NoSupportConsent = "no_support_consent", NoLanguages = "no_languages" }
    /// A course of support's status.
    CourseStatus { Planned = "planned", Active = "active", Paused = "paused", Ended = "ended" }
    /// The offered peer's answer to a course.
    OfferState { Pending = "pending", Accepted = "accepted", Declined = "declined" }
    /// Why a course ended.
    EndReason {
        GoalsReached = "goals_reached",
        OtherSupport = "other_support",
        DroppedOut = "dropped_out",
        Moved = "moved",
        Handover = "handover",
        PeerDeclined = "peer_declined",
        ConsentWithdrawn = "consent_withdrawn",
        Other = "other",
    }
    /// A session's or meeting's status.
    SessionStatus { Planned = "planned", Held = "held", Cancelled = "cancelled" }
    /// What happened in a session.
    SessionKind { Conversation = "conversation", Accompaniment = "accompaniment", Activity = "activity" }
    /// Who may read a session's note.
    NoteAudience { Peer = "peer", Team = "team" }
    /// A goal's status.
    GoalStatus { Open = "open", Reached = "reached", Dropped = "dropped" }
    /// A CHIME recovery process.
    ChimeDomain { Connectedness = "connectedness", Hope = "hope", Identity = "identity", Meaning = "meaning", Empowerment = "empowerment" }
    /// A group course or an open event.
    GroupKind { Course = "course", OpenEvent = "open_event" }
    /// A group's status.
    GroupStatus { Planned = "planned", Running = "running", Ended = "ended" }
    /// A measurement invitation's status.
    InvitationStatus { Open = "open", InProgress = "in_progress", Completed = "completed", Expired = "expired", Cancelled = "cancelled" }
    /// Where a response came from.
    ResponseSource { Link = "link", WithPeer = "with_peer", Paper = "paper", Fhir = "fhir" }
    /// A response's status.
    ResponseStatus { InProgress = "in_progress", Completed = "completed" }
    /// A life outcome or a use of services.
    LifeEventKind {
        EducationStarted = "education_started",
        EducationCompleted = "education_completed",
        JobStarted = "job_started",
        VolunteerWork = "volunteer_work",
        NewRelation = "new_relation",
        NewActivity = "new_activity",
        Admission = "admission",
        BedDays = "bed_days",
        EmergencyVisit = "emergency_visit",
        OutpatientContact = "outpatient_contact",
    }
    /// Who told of a life event.
    LifeEventSource { SelfReport = "self_report", Referrer = "referrer", Staff = "staff", Register = "register" }
    /// A posting's status.
    PostingStatus { Draft = "draft", Open = "open", Closed = "closed" }
    /// An application's stage.
    Stage { Received = "received", Screening = "screening", Interview = "interview", Hired = "hired", Rejected = "rejected", Withdrawn = "withdrawn" }
    /// A competence an interview panel scores.
    Competence {
        Hope = "hope",
        SelfDetermination = "self_determination",
        SelfExploration = "self_exploration",
        ChangeAgent = "change_agent",
        Listening = "listening",
    }
    /// The language of an applicant's letters.
    LetterLanguage { Da = "da", En = "en" }
    /// An attachment's kind, detected from its content.
    AttachmentKind { Pdf = "pdf", Docx = "docx", Odt = "odt", Png = "png", Jpeg = "jpeg", Text = "text" }
    /// A training course's kind.
    CourseKind { IntroCourse = "intro_course", Wrap = "wrap", LaerAtTackle = "laer_at_tackle", Own = "own" }
    /// A training a role requires.
    RequiredTraining { IntroCourse = "intro_course", Wrap = "wrap", LaerAtTackle = "laer_at_tackle" }
    /// How an enrolled peer worker's course ended.
    TrainingOutcome { Completed = "completed", NotCompleted = "not_completed" }
    /// A certificate's state today.
    CertificateState { Valid = "valid", Expiring = "expiring", Expired = "expired" }
    /// An onboarding item's kind.
    OnboardingItemKind {
        Introduction = "introduction",
        SupervisorAssigned = "supervisor_assigned",
        AgreementSigned = "agreement_signed",
        FirstTrainingBooked = "first_training_booked",
        Own = "own",
    }
    /// The kind of an engagement in force.
    EngagementKind { VolunteerAgreement = "volunteer_agreement", Employment = "employment" }
    /// A kind of supervision.
    SupervisionKind { Professional = "professional", Managerial = "managerial" }
    /// Supervision one to one or in a group.
    SupervisionFormat { Individual = "individual", Group = "group" }
    /// What a supervision session dealt with.
    SupervisionTopic {
        RoleClarity = "role_clarity",
        Loyalty = "loyalty",
        Boundaries = "boundaries",
        Stress = "stress",
        Disclosure = "disclosure",
        PatientToEmployee = "patient_to_employee",
        Other = "other",
    }
}

/// Control characters other than tab and line breaks, which no text may hold.
const CONTROL: &str = r"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F";

/// One string shape of the document.
struct Shape {
    description: &'static str,
    min_length: Option<usize>,
    max_length: Option<usize>,
    pattern: Option<String>,
    format: Option<KnownFormat>,
    example: &'static str,
}

impl Shape {
    /// A text the server trims: required, it must hold a visible character; optional, blank
    /// means none. Lengths count what is sent, so a padded text may be refused by the
    /// document and still be accepted by the server, never the other way round.
    fn text(description: &'static str, required: bool, max: usize, example: &'static str) -> Self {
        let pattern =
            if required { format!(r"^[^{CONTROL}]*[^\s\u0000-\u001F\u007F-\u009F][^{CONTROL}]*$") } else { format!("^[^{CONTROL}]*$") };
        Shape { description, min_length: required.then_some(1), max_length: Some(max), pattern: Some(pattern), format: None, example }
    }

    fn pattern(description: &'static str, max_length: Option<usize>, pattern: &str, example: &'static str) -> Self {
        Shape { description, min_length: None, max_length, pattern: Some(pattern.to_owned()), format: None, example }
    }

    fn format(description: &'static str, format: KnownFormat, example: &'static str) -> Self {
        Shape { description, min_length: None, max_length: None, pattern: None, format: Some(format), example }
    }

    fn schema(self) -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(self.description))
            .min_length(self.min_length)
            .max_length(self.max_length)
            .pattern(self.pattern)
            .format(self.format.map(SchemaFormat::KnownFormat))
            .examples([self.example])
            .into()
    }
}

/// Declares string shapes, each a component of the document under its type's name.
macro_rules! shapes {
    ($($(#[$m:meta])* $name:ident = $shape:expr;)+) => {
        $(
            $(#[$m])*
            #[derive(Debug, Clone, Copy)]
            pub struct $name;

            impl utoipa::PartialSchema for $name {
                fn schema() -> RefOr<Schema> {
                    $shape.schema()
                }
            }

            impl ToSchema for $name {}
        )+
    };
}

const UUID: &str = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";
const EMAIL: &str = r"[^\s@<>\u0000-\u001F\u007F-\u009F]+@[^\s.@<>\u0000-\u001F\u007F-\u009F][^\s@<>\u0000-\u001F\u007F-\u009F]*\.[^\s@<>\u0000-\u001F\u007F-\u009F]*[^\s.@<>\u0000-\u001F\u007F-\u009F]";
const PHONE: &str = r"\+?([0-9]{8,15}|[0-9]{2,3}( [0-9]{2,3}){3,4})";
const DATE: &str = "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
const CPR: &str = "(?:(?:0[1-9]|1[0-9]|2[0-8])(?:0[1-9]|1[0-2])[0-9]{2}|(?:29|30)(?:0[13-9]|1[0-2])[0-9]{2}|31(?:0[13578]|1[02])[0-9]{2}|2902(?:[02468][048]|[13579][26]))-?[0-9]{4}";

shapes! {
    /// A required text of at most 120 characters.
    Text120 = Shape::text("A text of 1 to 120 characters after trimming, without control characters.", true, 120, "Samtalegruppe om håb");
    /// A required text of at most 200 characters.
    Text200 = Shape::text("A text of 1 to 200 characters after trimming, without control characters.", true, 200, "Peerstøtte Søby");
    /// A required text of at most 500 characters.
    Text500 = Shape::text("A text of 1 to 500 characters after trimming, without control characters.", true, 500, "Samtaler med en peermedarbejder");
    /// A required text of at most 1000 characters.
    Text1000 = Shape::text("A text of 1 to 1000 characters after trimming, without control characters.", true, 1000, "Databeskyttelsesforordningens art. 6, stk. 1, litra e");
    /// A required text of at most 2000 characters.
    Text2000 = Shape::text("A text of 1 to 2000 characters after trimming, without control characters.", true, 2000, "Ønsker at tale med en, der selv har været indlagt.");
    /// A required text of at most 4000 characters.
    Text4000 = Shape::text("A text of 1 to 4000 characters after trimming, without control characters.", true, 4000, "Fælles evaluering af peerstøtte efter samme måleplan.");
    /// An optional text of at most 200 characters.
    OptText200 = Shape::text("A text of at most 200 characters, without control characters; blank means none.", false, 200, "Biblioteket, mødelokale 2");
    /// An optional text of at most 500 characters.
    OptText500 = Shape::text("A text of at most 500 characters, without control characters; blank means none.", false, 500, "Fik job i en genbrugsbutik.");
    /// An optional text of at most 1000 characters.
    OptText1000 = Shape::text("A text of at most 1000 characters, without control characters; blank means none.", false, 1000, "Ønsker ikke længere kontakt.");
    /// An optional text of at most 2000 characters.
    OptText2000 = Shape::text("A text of at most 2000 characters, without control characters; blank means none.", false, 2000, "Aftalt at mødes igen om to uger.");
    /// An optional text of at most 4000 characters.
    OptText4000 = Shape::text("A text of at most 4000 characters, without control characters; blank means none.", false, 4000, "Et tilbud om samtaler med en peermedarbejder.");
    /// An id.
    Id = Shape::format("An id: a UUID.", KnownFormat::Uuid, "01a25137-5de1-7050-afdf-7ac2c5074591");
    /// An optional id.
    OptId = Shape::pattern("An id (a UUID); blank means none.", None, &format!(r"^\s*$|^\s*{UUID}\s*$"), "01a25137-5de1-7050-afdf-7ac2c5074591");
    /// A calendar date.
    Date = Shape::format("A calendar date, YYYY-MM-DD.", KnownFormat::Date, "2026-03-01");
    /// An optional calendar date.
    OptDate = Shape::pattern("A calendar date, YYYY-MM-DD; blank means none.", None, &format!(r"^\s*$|^\s*{DATE}\s*$"), "2026-12-31");
    /// An instant.
    DateTime = Shape::format("An instant, RFC 3339, in UTC.", KnownFormat::DateTime, "2026-03-01T09:30:00Z");
    /// A time of day.
    TimeOfDay = Shape::pattern("A time of day, HH:MM on the 24-hour clock, Danish local time.", None, r"^\s*([01]?[0-9]|2[0-3])[:.][0-5]?[0-9]\s*$", "14:30");
    /// An e-mail address.
    EmailAddress = Shape::pattern("An e-mail address: one @, a domain with a dot, no spaces or angle brackets; at most 254 characters.", Some(254), &format!(r"^\s*{EMAIL}\s*$"), "mette@soby.example");
    /// An optional e-mail address.
    OptEmailAddress = Shape::pattern("An e-mail address of at most 254 characters; blank means none.", None, &format!(r"^\s*$|^\s*{EMAIL}\s*$"), "mette@soby.example");
    /// An optional phone number.
    OptPhone = Shape::pattern("A phone number: 8 to 15 digits, in groups of two or three or none, and an optional leading +. Blank means none.", None, &format!(r"^\s*$|^\s*{PHONE}\s*$"), "+45 12 34 56 78");
    /// Language codes.
    Language = Shape::pattern("Language codes (ISO 639), two or three letters each, read case-insensitively; commas or spaces may separate several.", None, r"^\s*([A-Za-z]{2,3}[ ,]+)*([A-Za-z]{2,3})?[ ,]*\s*$", "da");
    /// An optional CPR number.
    OptCpr = Shape::pattern("A CPR number, DDMMYY-XXXX or ten digits, with a real calendar date; blank means none.", None, &format!(r"^\s*$|^\s*{CPR}\s*$"), "010190-1234");
}

/// Declares a code list that also takes the empty string (none, or no filter), as a string
/// enum under `$name`. The derive cannot name a variant `""`.
macro_rules! codes_or_empty {
    ($($(#[$m:meta])* $name:ident = $of:ident, $description:literal;)+) => {
        $(
            $(#[$m])*
            #[derive(Debug, Clone, Copy)]
            pub struct $name;

            impl utoipa::PartialSchema for $name {
                fn schema() -> RefOr<Schema> {
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .description(Some($description))
                        .enum_values(Some($of::CODES.iter().copied().chain([""])))
                        .into()
                }
            }

            impl ToSchema for $name {}
        )+
    };
}

codes_or_empty! {
    /// A participant's gender as written.
    OptGender = Gender, "A gender; empty means not given.";
    /// A participant status to filter by.
    OptParticipantStatus = ParticipantStatus, "A participant status; empty means any.";
    /// A stage to filter by.
    OptStage = Stage, "An application stage; empty means every stage.";
}

/// Declares a FHIR R4 resource body: an object of the named `resourceType`. The rest of the
/// resource is FHIR's, checked by the server against the instrument it names.
macro_rules! fhir_resource {
    ($($(#[$m:meta])* $name:ident = $resource:literal;)+) => {
        $(
            $(#[$m])*
            #[derive(Debug, Clone, Copy)]
            pub struct $name;

            impl utoipa::PartialSchema for $name {
                fn schema() -> RefOr<Schema> {
                    ObjectBuilder::new()
                        .schema_type(Type::Object)
                        .description(Some(concat!("A FHIR R4 ", $resource, " (https://hl7.org/fhir/R4/).")))
                        .property("resourceType", ObjectBuilder::new().schema_type(Type::String).enum_values(Some([$resource])))
                        .required("resourceType")
                        .into()
                }
            }

            impl ToSchema for $name {}
        )+
    };
}

fhir_resource! {
    /// An instrument's Questionnaire with its item text.
    FhirQuestionnaire = "Questionnaire";
    /// A participant's answers to an instrument.
    FhirQuestionnaireResponse = "QuestionnaireResponse";
}
