//! Interview studies, the qualitative half of an evaluation: interviews with their consent and
//! pseudonymised transcripts, a codebook seeded with CHIME, the concrete life changes and the
//! difficulties people meet, and the codings of two or more coders.
//!
//! Pure: the inputs as parsed from forms and bodies, the seed codebook, and the deterministic
//! REFI-QDA GUID of a seeded code. Reading files, pseudonymising and segmenting transcripts is
//! `sammen-qualitative`'s; who may do what is in [`crate::policy`].

use sha2::{Digest, Sha256};
use time::Date;
use uuid::Uuid;

use crate::directory::code_enum;
use crate::people::optional_choice;
use crate::time::parse_date;
use crate::validation::{ValidationErrors, optional_text, required_text};
use crate::{CodeId, ParticipantId, PartnershipId, PeerWorkerId, ProgrammeId, StudyId, UserId};

/// The longest typed or pasted transcript, in characters (uploaded files are bounded by bytes
/// in `sammen-qualitative`).
pub const MAX_TRANSCRIPT_CHARS: usize = 2_000_000;
/// The most names an interviewer may list for one interview.
pub const MAX_NAMES: usize = 100;
/// The most questions of an interview guide.
pub const MAX_GUIDE_QUESTIONS: usize = 60;
/// The longest memo on a coding, in characters.
pub const MAX_MEMO_CHARS: usize = 4000;

code_enum!(
    /// What an interview study belongs to.
    StudyScopeKind { Organisation => "organisation", Programme => "programme", Partnership => "partnership" }
);

code_enum!(
    /// Who was interviewed.
    IntervieweeKind { Participant => "participant", PeerWorker => "peer_worker", Relative => "relative", Staff => "staff" }
);

code_enum!(
    /// How the interviewee consented to the use of the interview.
    InterviewConsentMethod { Written => "written", Verbal => "verbal" }
);

code_enum!(
    /// Whether an interview is part of the study, or its consent was withdrawn (its transcript
    /// and codings are then gone; the row stays as a record that it was).
    InterviewStatus { Active => "active", Withdrawn => "withdrawn" }
);

code_enum!(
    /// Where a transcript came from.
    TranscriptSource { Typed => "typed", Txt => "txt", Docx => "docx", Odt => "odt" }
);

code_enum!(
    /// The CHIME domain, concrete life change or difficulty a code belongs to.
    CodeTheme {
        Connectedness => "connectedness",
        Hope => "hope",
        Identity => "identity",
        Meaning => "meaning",
        Empowerment => "empowerment",
        LifeChange => "life_change",
        Difficulty => "difficulty",
    }
);

code_enum!(
    /// A change to a study's codebook, kept with who made it.
    CodeChangeKind {
        Created => "created",
        Renamed => "renamed",
        Edited => "edited",
        Merged => "merged",
        Retired => "retired",
        Restored => "restored",
        Imported => "imported",
    }
);

code_enum!(
    /// A coding by one coder, or the consensus the coders settled.
    CodingKind { Coder => "coder", Consensus => "consensus" }
);

impl CodeTheme {
    /// Whether the theme is one of the five CHIME domains.
    pub fn is_chime(self) -> bool {
        !matches!(self, CodeTheme::LifeChange | CodeTheme::Difficulty)
    }
}

/// What a study belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StudyScope {
    Organisation,
    Programme(ProgrammeId),
    Partnership(PartnershipId),
}

impl StudyScope {
    pub fn kind(self) -> StudyScopeKind {
        match self {
            StudyScope::Organisation => StudyScopeKind::Organisation,
            StudyScope::Programme(_) => StudyScopeKind::Programme,
            StudyScope::Partnership(_) => StudyScopeKind::Partnership,
        }
    }
    pub fn programme(self) -> Option<ProgrammeId> {
        match self {
            StudyScope::Programme(p) => Some(p),
            _ => None,
        }
    }
    pub fn partnership(self) -> Option<PartnershipId> {
        match self {
            StudyScope::Partnership(p) => Some(p),
            _ => None,
        }
    }
    /// The scope as stored: its kind and the programme or partnership it names.
    pub fn from_parts(kind: StudyScopeKind, programme: Option<ProgrammeId>, partnership: Option<PartnershipId>) -> Option<StudyScope> {
        match kind {
            StudyScopeKind::Organisation => Some(StudyScope::Organisation),
            StudyScopeKind::Programme => programme.map(StudyScope::Programme),
            StudyScopeKind::Partnership => partnership.map(StudyScope::Partnership),
        }
    }
    /// Parses the scope of a form: `scope_kind` and, for a programme or partnership, `scope_id`.
    pub fn parse(kind: &str, id: Option<&str>) -> Result<StudyScope, (&'static str, &'static str)> {
        let kind = StudyScopeKind::parse(kind).map_err(|m| ("scope_kind", m))?;
        let id = id.map(str::trim).filter(|s| !s.is_empty());
        match kind {
            StudyScopeKind::Organisation => Ok(StudyScope::Organisation),
            StudyScopeKind::Programme => match id {
                None => Err(("scope_id", "err-required")),
                Some(raw) => raw.parse().map(StudyScope::Programme).map_err(|_| ("scope_id", "err-choice")),
            },
            StudyScopeKind::Partnership => match id {
                None => Err(("scope_id", "err-required")),
                Some(raw) => raw.parse().map(StudyScope::Partnership).map_err(|_| ("scope_id", "err-choice")),
            },
        }
    }
}

/// One question of an interview guide, in Danish and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideQuestion {
    pub da: String,
    pub en: String,
}

/// A study as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyInput {
    pub name: String,
    pub purpose: String,
    pub sampling: String,
    pub scope: StudyScope,
    /// Whether originals (before pseudonymisation) are kept when the interviewee's consent allows it.
    pub keep_original: bool,
    pub guide: Vec<GuideQuestion>,
}

impl StudyInput {
    /// Parses a study form. `guide` holds the questions as (Danish, English) pairs in order;
    /// a pair with both empty is skipped, a pair with one language only is an error
    /// (`guide`, `err-guide-language`).
    pub fn parse(
        name: &str,
        purpose: &str,
        sampling: &str,
        scope_kind: &str,
        scope_id: Option<&str>,
        keep_original: bool,
        guide: &[(String, String)],
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let name = e.check("name", required_text(name, 200));
        let purpose = e.check("purpose", required_text(purpose, 4000));
        let sampling = e.check("sampling", optional_text(Some(sampling), 4000)).map(Option::unwrap_or_default);
        let scope = match StudyScope::parse(scope_kind, scope_id) {
            Ok(s) => Some(s),
            Err((field, m)) => {
                e.add(field, m);
                None
            }
        };
        let guide = e.check("guide", parse_guide(guide));
        match (name, purpose, sampling, scope, guide) {
            (Some(name), Some(purpose), Some(sampling), Some(scope), Some(guide)) if e.is_empty() => {
                Ok(Self { name, purpose, sampling, scope, keep_original, guide })
            }
            _ => Err(e),
        }
    }
}

fn parse_guide(raw: &[(String, String)]) -> Result<Vec<GuideQuestion>, &'static str> {
    let mut out = Vec::new();
    for (da, en) in raw {
        let da = optional_text(Some(da), 1000)?;
        let en = optional_text(Some(en), 1000)?;
        match (da, en) {
            (None, None) => {}
            (Some(da), Some(en)) => out.push(GuideQuestion { da, en }),
            _ => return Err("err-guide-language"),
        }
    }
    if out.len() > MAX_GUIDE_QUESTIONS {
        return Err("err-guide-too-many");
    }
    Ok(out)
}

/// A transcript as given: typed or pasted text, or the bytes of an uploaded file (plain text,
/// DOCX or ODT, recognised by content).
#[derive(Clone, PartialEq, Eq)]
pub enum TranscriptInput {
    Typed(String),
    File(Vec<u8>),
}

impl std::fmt::Debug for TranscriptInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TranscriptInput::Typed(t) => write!(f, "Typed([{} chars redacted])", t.chars().count()),
            TranscriptInput::File(b) => write!(f, "File([{} bytes redacted])", b.len()),
        }
    }
}

/// An interview as entered.
#[derive(Clone, PartialEq, Eq)]
pub struct InterviewInput {
    pub kind: IntervieweeKind,
    /// The participant interviewed (required for a participant, absent otherwise).
    pub participant: Option<ParticipantId>,
    /// The peer worker interviewed (required for a peer worker, absent otherwise).
    pub peer_worker: Option<PeerWorkerId>,
    pub interviewed_on: Date,
    pub interviewer: UserId,
    pub consent_given_on: Date,
    pub consent_method: InterviewConsentMethod,
    /// Whether the consent allows keeping the original, unpseudonymised transcript.
    pub consent_original: bool,
    /// Names the interviewer lists, to be replaced by `[navn]` (besides the names Sammen knows).
    pub names: Vec<String>,
    pub transcript: TranscriptInput,
}

impl std::fmt::Debug for InterviewInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InterviewInput")
            .field("kind", &self.kind)
            .field("participant", &self.participant)
            .field("peer_worker", &self.peer_worker)
            .field("interviewed_on", &self.interviewed_on)
            .field("names", &self.names.len())
            .field("transcript", &self.transcript)
            .finish_non_exhaustive()
    }
}

fn parse_id<T: std::str::FromStr>(raw: Option<&str>) -> Result<Option<T>, &'static str> {
    optional_choice(raw, |s| s.parse::<T>().map_err(|_| "err-choice"))
}

/// Splits the names an interviewer lists (one a line, or separated by commas or semicolons):
/// trimmed, at least two characters each, no duplicates (case-insensitive), longest first so
/// that "Anne Holm" is replaced before "Anne".
pub fn parse_names(raw: &str) -> Result<Vec<String>, &'static str> {
    let mut out: Vec<String> = Vec::new();
    for part in raw.split(['\n', ',', ';']) {
        let Some(name) = optional_text(Some(part), 200)? else { continue };
        if name.chars().count() < 2 {
            return Err("err-name-too-short");
        }
        if !out.iter().any(|n| n.to_lowercase() == name.to_lowercase()) {
            out.push(name);
        }
    }
    if out.len() > MAX_NAMES {
        return Err("err-names-too-many");
    }
    out.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then_with(|| a.cmp(b)));
    Ok(out)
}

impl InterviewInput {
    /// Parses an interview form. Field names: `kind`, `participant`, `peer_worker`,
    /// `interviewed_on`, `interviewer`, `consent_given_on`, `consent_method`, `names`, `transcript`.
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        kind: &str,
        participant: Option<&str>,
        peer_worker: Option<&str>,
        interviewed_on: &str,
        interviewer: &str,
        consent_given_on: &str,
        consent_method: &str,
        consent_original: bool,
        names: &str,
        transcript: TranscriptInput,
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let kind = e.check("kind", IntervieweeKind::parse(kind));
        let participant = e.check("participant", parse_id::<ParticipantId>(participant));
        let peer_worker = e.check("peer_worker", parse_id::<PeerWorkerId>(peer_worker));
        let interviewed_on = e.check("interviewed_on", parse_date(interviewed_on));
        let interviewer = e.check("interviewer", parse_id::<UserId>(Some(interviewer)).and_then(|u| u.ok_or("err-required")));
        let consent_given_on = e.check("consent_given_on", parse_date(consent_given_on));
        let consent_method = e.check("consent_method", InterviewConsentMethod::parse(consent_method));
        let names = e.check("names", parse_names(names));
        let transcript = e.check("transcript", check_transcript(transcript));
        let (participant, peer_worker) = match (kind, participant, peer_worker) {
            (Some(IntervieweeKind::Participant), Some(None), _) => {
                e.add("participant", "err-required");
                (None, None)
            }
            (Some(IntervieweeKind::PeerWorker), _, Some(None)) => {
                e.add("peer_worker", "err-required");
                (None, None)
            }
            (Some(IntervieweeKind::Participant), Some(p), _) => (Some(p), Some(None)),
            (Some(IntervieweeKind::PeerWorker), _, Some(p)) => (Some(None), Some(p)),
            (Some(_), _, _) => (Some(None), Some(None)),
            _ => (None, None),
        };
        if let (Some(i), Some(c)) = (interviewed_on, consent_given_on)
            && c > i.saturating_add(time::Duration::days(366))
        {
            e.add("consent_given_on", "err-consent-date");
        }
        match (kind, participant, peer_worker, interviewed_on, interviewer, consent_given_on, consent_method, names, transcript) {
            (
                Some(kind),
                Some(participant),
                Some(peer_worker),
                Some(interviewed_on),
                Some(interviewer),
                Some(consent_given_on),
                Some(consent_method),
                Some(names),
                Some(transcript),
            ) if e.is_empty() => Ok(Self {
                kind,
                participant,
                peer_worker,
                interviewed_on,
                interviewer,
                consent_given_on,
                consent_method,
                consent_original,
                names,
                transcript,
            }),
            _ => Err(e),
        }
    }
}

fn check_transcript(t: TranscriptInput) -> Result<TranscriptInput, &'static str> {
    match t {
        TranscriptInput::Typed(text) => {
            if text.trim().is_empty() {
                Err("err-transcript-empty")
            } else if text.chars().count() > MAX_TRANSCRIPT_CHARS {
                Err("err-transcript-size")
            } else if text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
                Err("err-invalid-characters")
            } else {
                Ok(TranscriptInput::Typed(text))
            }
        }
        TranscriptInput::File(b) if b.is_empty() => Err("err-transcript-empty"),
        f @ TranscriptInput::File(_) => Ok(f),
    }
}

/// A code as entered: added to a codebook or edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeInput {
    pub name: String,
    pub description: String,
    /// An example of a passage the code fits (may be empty).
    pub example: String,
    pub parent: Option<CodeId>,
}

impl CodeInput {
    /// Field names: `name`, `description`, `example`, `parent`.
    pub fn parse(name: &str, description: &str, example: &str, parent: Option<&str>) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let name = e.check("name", required_text(name, 120).and_then(|n| if n.contains('\n') { Err("err-code-name-line") } else { Ok(n) }));
        let description = e.check("description", required_text(description, 2000));
        let example = e.check("example", optional_text(Some(example), 2000)).map(Option::unwrap_or_default);
        let parent = e.check("parent", parse_id::<CodeId>(parent));
        match (name, description, example, parent) {
            (Some(name), Some(description), Some(example), Some(parent)) if e.is_empty() => Ok(Self { name, description, example, parent }),
            _ => Err(e),
        }
    }
}

/// The codes a coder applies to one segment, with an optional memo and passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodingInput {
    pub codes: Vec<CodeId>,
    pub memo: Option<String>,
    /// The passage inside the segment (char offsets into the transcript, end exclusive);
    /// absent: the whole segment.
    pub passage: Option<(usize, usize)>,
}

impl CodingInput {
    /// Field names: `codes`, `memo`, `start`, `end`. Duplicate codes are kept once.
    pub fn parse(codes: &[String], memo: Option<&str>, start: Option<&str>, end: Option<&str>) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let mut ids: Vec<CodeId> = Vec::new();
        for raw in codes.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            match raw.parse::<CodeId>() {
                Ok(id) if !ids.contains(&id) => ids.push(id),
                Ok(_) => {}
                Err(_) => {
                    e.add("codes", "err-choice");
                    break;
                }
            }
        }
        let memo = e.check("memo", optional_text(memo, MAX_MEMO_CHARS));
        let offset = |raw: Option<&str>| optional_choice(raw, |s| s.parse::<usize>().map_err(|_| "err-passage"));
        let start = e.check("start", offset(start));
        let end = e.check("end", offset(end));
        let passage = match (start, end) {
            (Some(None), Some(None)) => Some(None),
            (Some(Some(s)), Some(Some(t))) if s < t => Some(Some((s, t))),
            (Some(_), Some(_)) => {
                e.add("start", "err-passage");
                None
            }
            _ => None,
        };
        match (memo, passage) {
            (Some(memo), Some(passage)) if e.is_empty() => Ok(Self { codes: ids, memo, passage }),
            _ => Err(e),
        }
    }
}

/// Whether a passage `(start, end)` lies inside a segment `(seg_start, seg_end)` and is not empty.
pub fn passage_within(passage: (usize, usize), seg_start: usize, seg_end: usize) -> bool {
    passage.0 < passage.1 && passage.0 >= seg_start && passage.1 <= seg_end
}

/// The pseudonym of the `n`th interview (1-based) of a kind in a study: `D1` (deltager), `P1`
/// (peer), `A1` (pårørende), `M1` (medarbejder).
pub fn pseudonym(kind: IntervieweeKind, n: usize) -> String {
    let letter = match kind {
        IntervieweeKind::Participant => 'D',
        IntervieweeKind::PeerWorker => 'P',
        IntervieweeKind::Relative => 'A',
        IntervieweeKind::Staff => 'M',
    };
    format!("{letter}{n}")
}

/// The placeholders names are replaced by.
pub mod placeholder {
    pub const PARTICIPANT: &str = "[deltager]";
    pub const PEER: &str = "[peer]";
    pub const ORGANISATION: &str = "[organisation]";
    pub const NAME: &str = "[navn]";
}

// ------------------------------------------------------------------ the seed codebook

/// A code of the seed codebook. `key` is stable: the code's GUID in a study is derived from
/// the study's id and the key ([`seed_guid`]), so two exports of one study name a seeded code
/// alike, and a re-seeded codebook matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedCode {
    pub key: &'static str,
    pub parent: Option<&'static str>,
    pub theme: CodeTheme,
    /// The Danish name.
    pub name: &'static str,
    pub description: &'static str,
    pub example: &'static str,
}

const fn c(
    key: &'static str,
    parent: Option<&'static str>,
    theme: CodeTheme,
    name: &'static str,
    description: &'static str,
    example: &'static str,
) -> SeedCode {
    SeedCode { key, parent, theme, name, description, example }
}

use CodeTheme::{
    Connectedness as Con, Difficulty as Dif, Empowerment as Emp, Hope as Hop, Identity as Ide, LifeChange as Lif, Meaning as Mea,
};

const SEED: &[SeedCode] = &[
    // Connectedness.
    c(
        "connectedness",
        None,
        Con,
        "Forbundethed",
        "At høre til og være i relationer: støtte fra andre, at være en del af et fællesskab.",
        "Jeg følte, at der endelig var nogen, der forstod mig.",
    ),
    c(
        "connectedness.peer",
        Some("connectedness"),
        Con,
        "Forbundethed til peer",
        "Relationen til peer-medarbejderen: tillid, at blive forstået af en med egen erfaring.",
        "Hun havde selv prøvet det, så jeg behøvede ikke forklare alting.",
    ),
    c(
        "connectedness.group",
        Some("connectedness"),
        Con,
        "Forbundethed til andre i gruppen",
        "Fællesskab med de andre deltagere i en gruppe eller på et forløb.",
        "Det var rart at se, at de andre i gruppen også kæmpede med det samme.",
    ),
    c(
        "connectedness.others",
        Some("connectedness"),
        Con,
        "Forbundethed til andre (familie, venner)",
        "Relationer uden for tilbuddet, fx familie, venner og naboer.",
        "Jeg er begyndt at ringe til min søster igen.",
    ),
    c(
        "connectedness.society",
        Some("connectedness"),
        Con,
        "Forbundethed til samfundet",
        "At føle sig som en del af samfundet: foreninger, frivilligt arbejde, fællesskaber i lokalområdet.",
        "Nu kommer jeg i den lokale forening hver tirsdag.",
    ),
    // Hope and optimism.
    c(
        "hope",
        None,
        Hop,
        "Håb og optimisme",
        "Tro på, at bedring er mulig; motivation til forandring; drømme og mål for fremtiden.",
        "For første gang i lang tid tror jeg på, at det kan blive bedre.",
    ),
    // Identity.
    c("identity", None, Ide, "Identitet", "At genopbygge en positiv identitet ud over sygdommen.", "Jeg er ikke bare min diagnose."),
    c(
        "identity.self_stigma",
        Some("identity"),
        Ide,
        "Mindre selvstigmatisering",
        "Mindre skam og selvbebrejdelse over egne psykiske vanskeligheder.",
        "Jeg skammer mig ikke længere over at fortælle, at jeg har det svært.",
    ),
    c(
        "identity.roles",
        Some("identity"),
        Ide,
        "Værdsatte sociale roller",
        "At have roller, man selv og andre værdsætter, fx forælder, kollega, ven.",
        "Jeg kan være der for mine børn på en anden måde nu.",
    ),
    // Meaning in life.
    c(
        "meaning",
        None,
        Mea,
        "Mening i livet",
        "At finde mening og formål i livet og i egne erfaringer.",
        "Det giver mening at stå op om morgenen igen.",
    ),
    c(
        "meaning.relations",
        Some("meaning"),
        Mea,
        "Mening gennem relationer",
        "Mening der kommer af relationer til andre mennesker.",
        "Det vigtigste for mig er de mennesker, jeg har fået ind i mit liv.",
    ),
    c(
        "meaning.inspiration",
        Some("meaning"),
        Mea,
        "Inspiration til ny mening",
        "At blive inspireret, fx af peer-medarbejderens historie, til at finde ny mening.",
        "Når hun kunne, så kunne jeg måske også.",
    ),
    c(
        "meaning.roles",
        Some("meaning"),
        Mea,
        "Mening gennem værdsatte roller",
        "Mening der kommer af at have en rolle eller opgave, man værdsætter.",
        "Jeg hjælper til i køkkenet på væresteden, og det betyder noget for mig.",
    ),
    c(
        "meaning.experiences",
        Some("meaning"),
        Mea,
        "(Gen)finde mening i erfaringer",
        "At se egne svære erfaringer som noget, der kan bruges og give mening.",
        "Det jeg har været igennem, kan jeg bruge til at hjælpe andre.",
    ),
    c(
        "meaning.everyday",
        Some("meaning"),
        Mea,
        "Indhold i hverdagen",
        "Struktur, aktiviteter og indhold i hverdagen.",
        "Jeg har fået en hverdag med faste ting at gå til.",
    ),
    // Empowerment.
    c("empowerment", None, Emp, "Empowerment", "At tage kontrol over eget liv: ressourcer og handlekraft.", "Jeg bestemmer mere selv nu."),
    c(
        "empowerment.resources",
        Some("empowerment"),
        Emp,
        "Ressourcer",
        "Ressourcer, deltageren har fået eller fået øje på.",
        "Jeg ved nu, hvad jeg kan trække på, når det bliver svært.",
    ),
    c(
        "empowerment.resources.personal",
        Some("empowerment.resources"),
        Emp,
        "Personlige ressourcer",
        "Egne styrker, mestringsstrategier og indsigt.",
        "Jeg har lært at mærke efter, før det går galt.",
    ),
    c(
        "empowerment.resources.instrumental",
        Some("empowerment.resources"),
        Emp,
        "Instrumentelle ressourcer",
        "Praktisk viden og hjælp: at vide hvor man kan få hjælp, at kunne navigere i systemet.",
        "Hun viste mig, hvordan jeg søger om støtte hos kommunen.",
    ),
    c(
        "empowerment.agency",
        Some("empowerment"),
        Emp,
        "Handlekraft: sætte mål og handle",
        "At sætte sig mål og handle på dem.",
        "Jeg satte mig for at tage bussen alene, og det gjorde jeg.",
    ),
    // Concrete life changes.
    c(
        "life_change",
        None,
        Lif,
        "Konkrete forandringer i livet",
        "Konkrete forandringer, deltageren fortæller om.",
        "Der er sket meget det sidste halve år.",
    ),
    c(
        "life_change.education",
        Some("life_change"),
        Lif,
        "Uddannelse",
        "At begynde på, vende tilbage til eller gennemføre en uddannelse.",
        "Jeg er startet på HF igen.",
    ),
    c(
        "life_change.job",
        Some("life_change"),
        Lif,
        "Job",
        "At få eller vende tilbage til arbejde, praktik eller frivilligt arbejde.",
        "Jeg har fået et fleksjob i en børnehave.",
    ),
    c(
        "life_change.new_things",
        Some("life_change"),
        Lif,
        "Prøve nye ting",
        "At turde prøve noget nyt.",
        "Jeg var med til svømning for første gang i ti år.",
    ),
    c(
        "life_change.relations",
        Some("life_change"),
        Lif,
        "(Gen)etablerede relationer",
        "Nye relationer eller relationer, der er taget op igen.",
        "Jeg har fået kontakt med min far igen.",
    ),
    // Difficulties and negative experiences.
    c(
        "difficulty",
        None,
        Dif,
        "Vanskeligheder og negative oplevelser",
        "Det, der var svært, ikke virkede eller gjorde det værre.",
        "Der var også perioder, hvor det ikke hjalp.",
    ),
    c(
        "difficulty.relation",
        Some("difficulty"),
        Dif,
        "Relationen fungerede ikke",
        "Manglende kemi, misforståelser eller utryghed i relationen til peer-medarbejderen.",
        "Jeg følte ikke rigtig, at vi fandt hinanden.",
    ),
    c(
        "difficulty.ending",
        Some("difficulty"),
        Dif,
        "Afslutningen var svær",
        "Forløbet sluttede for tidligt eller brat, eller det var svært at stå alene bagefter.",
        "Da det stoppede, faldt jeg lidt tilbage.",
    ),
    c(
        "difficulty.practical",
        Some("difficulty"),
        Dif,
        "Praktiske barrierer",
        "Transport, tidspunkter, sted, aflysninger, ventetid.",
        "Det var svært at komme derud uden bil.",
    ),
    c(
        "difficulty.strain",
        Some("difficulty"),
        Dif,
        "Belastning og tilbagefald",
        "At samtalerne eller forløbet var belastende, eller perioder med tilbagefald.",
        "Nogle gange var det hårdt at tale om de ting.",
    ),
    c(
        "difficulty.expectations",
        Some("difficulty"),
        Dif,
        "Uindfriede forventninger",
        "At tilbuddet ikke levede op til forventningerne eller ikke passede til behovet.",
        "Jeg havde regnet med mere hjælp til det praktiske.",
    ),
    c(
        "difficulty.services",
        Some("difficulty"),
        Dif,
        "Manglende sammenhæng med andre tilbud",
        "Manglende samarbejde med behandling, kommune eller andre tilbud.",
        "Psykiatrien vidste slet ikke, at jeg havde en peer.",
    ),
];

/// The codebook every study starts with, parents before their children, in display order.
pub fn seed_codebook() -> &'static [SeedCode] {
    SEED
}

/// The REFI-QDA GUID of the seeded code `key` in `study`: derived (SHA-256, formatted as a
/// UUID of version 8), so it is the same every time it is asked for.
pub fn seed_guid(study: StudyId, key: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"sammen-code:");
    h.update(study.uuid().as_bytes());
    h.update(b":");
    h.update(key.as_bytes());
    let digest = h.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid().to_string()
}

/// A fresh GUID for a code a user adds: the code's own id (a UUIDv7) is already unique.
pub fn code_guid(id: CodeId) -> String {
    id.uuid().to_string()
}

/// Whether `raw` is a GUID as REFI-QDA writes them (`8-4-4-4-12` hexadecimal digits).
pub fn valid_guid(raw: &str) -> bool {
    raw.len() == 36 && Uuid::parse_str(raw).is_ok() && raw.chars().filter(|c| *c == '-').count() == 4
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::ids::uuid_v7;
    use proptest::prelude::*;

    fn study(n: u8) -> StudyId {
        StudyId::from_uuid(uuid_v7(u64::from(n), [n; 10]))
    }

    #[test]
    fn the_seed_covers_chime_life_changes_and_difficulties() {
        let seed = seed_codebook();
        for theme in CodeTheme::ALL {
            assert!(seed.iter().any(|s| s.theme == *theme && s.parent.is_none()), "a top code for {theme}");
        }
        for key in [
            "connectedness.peer",
            "connectedness.group",
            "connectedness.others",
            "connectedness.society",
            "identity.self_stigma",
            "identity.roles",
            "meaning.relations",
            "meaning.inspiration",
            "meaning.roles",
            "meaning.experiences",
            "meaning.everyday",
            "empowerment.resources.personal",
            "empowerment.resources.instrumental",
            "empowerment.agency",
            "life_change.education",
            "life_change.job",
            "life_change.new_things",
            "life_change.relations",
        ] {
            assert!(seed.iter().any(|s| s.key == key), "{key}");
        }
        assert!(seed.iter().filter(|s| s.theme == CodeTheme::Difficulty).count() >= 4);
    }

    #[test]
    fn seed_keys_are_unique_parents_come_first_and_share_the_theme() {
        let seed = seed_codebook();
        for (i, s) in seed.iter().enumerate() {
            assert!(!s.name.is_empty() && !s.description.is_empty() && !s.example.is_empty(), "{}", s.key);
            assert_eq!(seed.iter().filter(|o| o.key == s.key).count(), 1, "{}", s.key);
            if let Some(p) = s.parent {
                let at = seed.iter().position(|o| o.key == p).unwrap();
                assert!(at < i, "{} before {}", p, s.key);
                assert_eq!(seed[at].theme, s.theme);
                assert!(s.key.starts_with(p));
            }
        }
    }

    #[test]
    fn seed_guids_are_stable_per_study_and_differ_between_studies_and_keys() {
        let a = seed_guid(study(1), "hope");
        assert_eq!(a, seed_guid(study(1), "hope"));
        assert_ne!(a, seed_guid(study(2), "hope"));
        assert_ne!(a, seed_guid(study(1), "identity"));
        assert!(valid_guid(&a), "{a}");
        assert_eq!(Uuid::parse_str(&a).unwrap().get_version_num(), 8);
        assert!(!valid_guid("not-a-guid"));
    }

    #[test]
    fn a_study_is_parsed_with_its_scope_and_guide() {
        let guide = vec![
            ("Hvordan kom du i kontakt med peer-støtten?".to_owned(), "How did you come into contact with peer support?".to_owned()),
            (" ".to_owned(), "".to_owned()),
        ];
        let p = ProgrammeId::from_uuid(uuid_v7(5, [5; 10]));
        let s = StudyInput::parse(" Interviews 2026 ", "Hvad betød støtten?", "", "programme", Some(&p.to_string()), true, &guide).unwrap();
        assert_eq!((s.name.as_str(), s.scope, s.keep_original, s.guide.len()), ("Interviews 2026", StudyScope::Programme(p), true, 1));
        assert_eq!(s.sampling, "");
        let e = StudyInput::parse("", "", "", "programme", None, false, &[("Kun dansk".into(), "".into())]).unwrap_err();
        assert_eq!(e.message_for("name"), Some("err-required"));
        assert_eq!(e.message_for("purpose"), Some("err-required"));
        assert_eq!(e.message_for("scope_id"), Some("err-required"));
        assert_eq!(e.message_for("guide"), Some("err-guide-language"));
        let e = StudyInput::parse("x", "y", "", "galaxy", None, false, &[]).unwrap_err();
        assert_eq!(e.message_for("scope_kind"), Some("err-choice"));
    }

    fn interview(kind: &str, participant: Option<&str>, names: &str, t: TranscriptInput) -> Result<InterviewInput, ValidationErrors> {
        let u = UserId::from_uuid(uuid_v7(9, [9; 10])).to_string();
        InterviewInput::parse(kind, participant, None, "2026-03-02", &u, "2026-03-01", "written", false, names, t)
    }

    #[test]
    fn an_interview_needs_its_interviewee_and_a_transcript() {
        let p = ParticipantId::from_uuid(uuid_v7(3, [3; 10])).to_string();
        let i = interview("participant", Some(&p), "Anne, Anne Holm\nBo", TranscriptInput::Typed("I: Hej\nD: Hej".into())).unwrap();
        assert_eq!(i.names, ["Anne Holm", "Anne", "Bo"]);
        assert_eq!(i.participant.map(|x| x.to_string()), Some(p.clone()));
        let e = interview("participant", None, "", TranscriptInput::Typed("  ".into())).unwrap_err();
        assert_eq!(e.message_for("participant"), Some("err-required"));
        assert_eq!(e.message_for("transcript"), Some("err-transcript-empty"));
        // A relative carries no participant link even if one was sent.
        let r = interview("relative", Some(&p), "", TranscriptInput::File(b"x".to_vec())).unwrap();
        assert_eq!(r.participant, None);
        let e = interview("participant", Some(&p), "A", TranscriptInput::Typed("x".into())).unwrap_err();
        assert_eq!(e.message_for("names"), Some("err-name-too-short"));
        let e = interview("friend", None, "", TranscriptInput::File(Vec::new())).unwrap_err();
        assert_eq!(e.message_for("kind"), Some("err-choice"));
        assert_eq!(e.message_for("transcript"), Some("err-transcript-empty"));
    }

    #[test]
    fn the_debug_of_an_interview_shows_no_transcript_or_names() {
        let p = ParticipantId::from_uuid(uuid_v7(3, [3; 10])).to_string();
        let i = interview("participant", Some(&p), "Anne Holm", TranscriptInput::Typed("D: Anne Holm her".into())).unwrap();
        let d = format!("{i:?}");
        assert!(!d.contains("Anne") && d.contains("redacted"), "{d}");
    }

    #[test]
    fn codes_and_codings_are_parsed() {
        let c = CodeInput::parse(" Ny kode ", "Beskrivelse", "", None).unwrap();
        assert_eq!((c.name.as_str(), c.example.as_str(), c.parent), ("Ny kode", "", None));
        let e = CodeInput::parse("", "", "", Some("x")).unwrap_err();
        assert_eq!(e.message_for("name"), Some("err-required"));
        assert_eq!(e.message_for("description"), Some("err-required"));
        assert_eq!(e.message_for("parent"), Some("err-choice"));
        let id = CodeId::from_uuid(uuid_v7(4, [4; 10]));
        let k = CodingInput::parse(&[id.to_string(), id.to_string(), String::new()], Some(" memo "), Some("3"), Some("9")).unwrap();
        assert_eq!((k.codes, k.memo.as_deref(), k.passage), (vec![id], Some("memo"), Some((3, 9))));
        let e = CodingInput::parse(&["nope".into()], None, Some("9"), Some("3")).unwrap_err();
        assert_eq!(e.message_for("codes"), Some("err-choice"));
        assert_eq!(e.message_for("start"), Some("err-passage"));
        assert_eq!(CodingInput::parse(&[], None, None, None).unwrap().passage, None);
    }

    #[test]
    fn pseudonyms_and_passages() {
        assert_eq!(pseudonym(IntervieweeKind::Participant, 3), "D3");
        assert_eq!(pseudonym(IntervieweeKind::PeerWorker, 1), "P1");
        assert!(passage_within((2, 5), 0, 5));
        assert!(!passage_within((2, 6), 0, 5));
        assert!(!passage_within((3, 3), 0, 5));
    }

    proptest! {
        #[test]
        fn parsed_names_are_trimmed_unique_and_longest_first(raw in "[A-Za-zæøå ,;\n]{0,80}") {
            if let Ok(names) = parse_names(&raw) {
                for w in names.windows(2) {
                    prop_assert!(w[0].chars().count() >= w[1].chars().count());
                }
                for n in &names {
                    prop_assert_eq!(n.trim(), n.as_str());
                    prop_assert!(n.chars().count() >= 2);
                    prop_assert_eq!(names.iter().filter(|m| m.to_lowercase() == n.to_lowercase()).count(), 1);
                }
            }
        }

        #[test]
        fn seed_guids_are_valid_for_any_study(n in any::<u64>(), r in any::<[u8; 10]>()) {
            let s = StudyId::from_uuid(uuid_v7(n % (1 << 48), r));
            for code in seed_codebook() {
                prop_assert!(valid_guid(&seed_guid(s, code.key)));
            }
        }
    }
}
