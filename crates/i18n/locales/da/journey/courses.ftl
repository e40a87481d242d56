# Forløb, ønsker, matchning, sessioner, mål og peer-medarbejderens egen side.

nav-my = Mine forløb
courses-and-wishes = Forløb og ønsker
courses-of = Forløb og ønsker: { $name }
courses-history = Forløb
courses-none = Ingen forløb endnu.
courses-not-opened = Forløb uden link kan kun åbnes af den organisation, der har forløbet (dens koordinatorer og administratorer), og af forløbets egen peer-medarbejder.

## Ønsker til en peer
wishes-title = Ønsker til en peer-medarbejder
wishes-intro = Det, deltageren ønsker af sin peer-medarbejder. Bruges, når der foreslås et match. Skriv målene med deltagerens egne ord.
wishes-none = Ingen ønsker registreret.
wishes-edit = Ret ønsker
wish-topics = Erfaringsområder, peeren gerne må dele
wish-peer-gender = Ønsket køn på peer-medarbejderen
wish-no-preference = Intet ønske
wish-locality = Område
wish-max-distance = Højst afstand (km) ved fysisk fremmøde
wish-availability = Hvornår det passer
wish-goals = Mål med deltagerens egne ord
wish-excluded = Må ikke matches med (fx inhabilitet)
wish-waiting-since = På ventelisten siden
wish-priority = Prioriteret
field-lat = Breddegrad
field-lon = Længdegrad
hint-location = Decimalgrader, fx 55,676 og 12,568. Bruges kun til at beregne afstand.
hint-availability = Ugedag og timer, fx "man 9-12, ons 13-16" (mon, tue, wed, thu, fri, sat, sun).

topic-anxiety = Angst
topic-depression = Depression
topic-bipolar = Bipolar lidelse
topic-psychosis = Psykose og skizofreni
topic-eating_disorder = Spiseforstyrrelse
topic-personality_disorder = Personlighedsforstyrrelse
topic-ocd = OCD
topic-trauma = Traumer og PTSD
topic-self_harm = Selvskade
topic-suicidality = Selvmordstanker
topic-substance_use = Rusmidler
topic-neurodevelopmental = ADHD og autisme
topic-loneliness = Ensomhed
topic-grief = Sorg
topic-admission = Indlæggelse og tvang
topic-relative = Pårørende

## Peer-medarbejderens profil
profile-link = Matchprofil
profile-title = Matchprofil: { $name }
profile-edit = Ret matchprofil
profile-topics = Egne erfaringsområder
profile-consent = Jeg giver samtykke til, at mine erfaringsområder gemmes og bruges til at matche mig med deltagere. Kun koordinatorer kan se dem. Jeg kan trække samtykket tilbage, og så slettes de.
profile-consent-at = Samtykke givet
profile-no-consent = Intet samtykke: ingen erfaringsområder gemt
profile-presentation = Om min baggrund
profile-not-disclosed = Ikke delt
profile-disclosure = Hvem må se min baggrund
profile-capacity = Antal deltagere ad gangen
profile-capacity-of = { $open } i gang af { $capacity }
profile-form-intro = Erfaringsområder og samtykket til dem kan kun peer-medarbejderen selv ændre.
profile-form-intro-own = Du bestemmer selv, om dine erfaringsområder gemmes, og hvem der må se din baggrund.
profile-note-own = Din egen profil. Koordinatorer ser dine erfaringsområder; andre ser din baggrund efter dit valg.
profile-note-coordinator = Erfaringsområder er helbredsoplysninger, gemt med peer-medarbejderens samtykke. Bruges kun til matchning.
profile-note-colleague = Du ser det, peer-medarbejderen har valgt at dele med kolleger.
hint-presentation = Med dine egne ord: det, du vil fortælle om din baggrund.
disclosure-participants = Deltagere og kolleger
disclosure-colleagues = Kun kolleger
disclosure-none = Ingen

## Matchning
matching-open = Foreslå match
matching-title = Matchforslag: { $name }
matching-intro = Forslaget matcher så mange deltagere som muligt og har derefter den højeste samlede score. Ret valget ved hver deltager, og godkend. Hver peer-medarbejder får derefter tilbuddet og svarer ja eller nej.
matching-summary = { $matched } af { $waiting } ventende deltagere får et forslag.
matching-empty = Ingen deltagere på ventelisten er klar til matchning.
matching-peer = Peer-medarbejder
matching-not-now = Ikke nu
matching-score = Score
matching-unmatched = Ikke matchet, fordi:
matching-approve = Godkend og send tilbud
matching-not-ready = Venter, men kan ikke matches endnu
matching-peers = Peer-medarbejdere og ledig plads
matching-free = Ledige pladser
matching-waited = Har ventet { $days } dage
score-topics = Fælles erfaring
score-availability = Tidspunkter
score-distance = Afstand
score-waiting = Ventetid
score-continuity = Kendt peer
match-reason-capacity_taken_by_better_matches = Pladserne gik til bedre match
match-reason-no_peers = Ingen peer-medarbejdere
match-reason-no_shared_language = Intet fælles sprog
match-reason-no_shared_mode = Ingen fælles kontaktform
match-reason-gender_preference = Ønsket køn
match-reason-excluded = Udelukket
match-reason-location_unknown = Ukendt sted ved fysisk fremmøde
match-reason-too_far = For langt væk
match-reason-training = Mangler krævet uddannelse
match-reason-no_capacity = Ingen ledig plads
not-ready-no_support_consent = Intet samtykke til peerstøtte
not-ready-no_languages = Intet sprog registreret

## Forløb
course-title = Forløb: { $name }
course-awaiting-peer = Afventer peer-medarbejderens svar
course-status-planned = Planlagt
course-status-active = I gang
course-status-paused = På pause
course-status-ended = Afsluttet
end-reason-goals_reached = Mål nået
end-reason-other_support = Videre til anden støtte
end-reason-dropped_out = Faldet fra
end-reason-moved = Flyttet
end-reason-handover = Overdraget
end-reason-peer_declined = Peer-medarbejderen sagde nej
end-reason-consent_withdrawn = Samtykke trukket tilbage
end-reason-other = Andet
course-started = Startet
course-ended = Afsluttet
course-match-score = Matchscore
course-decline-reason = Begrundelse for nej
course-handover-note = Overdragelse
course-manage = Styr forløbet
course-start = Start forløbet
course-pause = Sæt på pause
course-resume = Genoptag
course-end = Afslut forløbet
course-end-reason = Hvorfor afsluttes forløbet
course-handover = Overdrag til en anden peer
course-handover-to = Ny peer-medarbejder
offer-title = Tilbud om et forløb
offer-intro = Du er foreslået som peer-medarbejder. Navn og kontakt vises, når du har sagt ja.
offer-accept = Ja, jeg tager forløbet
offer-decline = Nej tak
offer-decline-reason = Begrundelse (kun hvis du siger nej)

## Sessioner
sessions-title = Sessioner
sessions-none = Ingen sessioner endnu.
session-log = Registrér en session
session-plan = Planlæg en session
session-log-intro = Alt er udfyldt på forhånd. Ret det, der ikke passer, og tryk Gem.
session-log-submit = Gem session
session-date = Dato
session-time = Klokkeslæt
session-duration = Varighed (minutter)
session-mode = Kontaktform
session-kind = Slags
session-note = Kort note
session-audience = Hvem må læse noten
session-place = Sted
session-status = Status
session-note-hidden = Noten er kun til peer-medarbejderen.
session-mark-held = Afholdt
session-mark-cancelled = Aflyst
session-logged = Sessionen er gemt.
session-kind-conversation = Samtale
session-kind-accompaniment = Følge til et møde
session-kind-activity = Aktivitet
session-status-planned = Planlagt
session-status-held = Afholdt
session-status-cancelled = Aflyst
note-audience-peer = Kun peer-medarbejderen
note-audience-team = Peer-medarbejderen og koordinatorerne

## Mål
goals-title = Mål
goals-none = Ingen mål endnu.
goals-chart = Fremskridt på målene
goals-axis = Fremskridt (0–10)
goal-add = Tilføj mål
goal-text = Målet med deltagerens egne ord
hint-goal = Fx "Komme ud at gå to gange om ugen".
goal-domain = Del af recovery (CHIME)
goal-latest = Senest
goal-progress = Fremskridt i dag (0–10)
goal-note = Note
goal-save-progress = Gem fremskridt
goal-status-open = Arbejder på det
goal-status-reached = Nået
goal-status-dropped = Opgivet

## Min side
my-title = Mine forløb
my-offers = Tilbud, der venter på dit svar
my-answer-offer = Se og svar
my-handover = overdragelse
my-today = I dag
my-today-none = Intet planlagt i dag.
my-to-log = Sessioner, der mangler at blive registreret
my-to-log-intro = Markér, om sessionen blev holdt eller aflyst. Noter skriver du på forløbet.
my-upcoming = De næste fire uger
my-upcoming-none = Intet planlagt.
my-caseload = Deltagere
my-caseload-none = Ingen deltagere lige nu.
my-held = { $count ->
    [one] 1 session afholdt
   *[other] { $count } sessioner afholdt
}
my-next = Næste
my-last = Sidst

## Kalender
calendar-title = Kalender
calendar-name = Peerstøtte-sessioner
calendar-intro = Abonnér på dine sessioner i din kalender-app. Kalenderen viser kun tidspunkt, sted og deltagerens pseudonym.
calendar-url = Hemmelig adresse til din kalender
calendar-url-once = Adressen vises kun nu. Lav en ny, hvis den er kommet i forkerte hænder; den gamle holder så op med at virke.
calendar-active = Din kalender er slået til.
calendar-start = Slå kalender til
calendar-renew = Lav en ny adresse
calendar-stop = Slå kalender fra
calendar-renewed = Ny kalenderadresse lavet.

## Fejl
err-availability = Skriv ugedag og timer, fx "man 9-12, ons 13-16".
err-capacity-peer = Skriv et helt tal fra 0 til 50.
err-course-not-open = Forløbet er ikke i gang.
err-course-transition = Forløbet kan ikke skifte til den status nu.
err-held-in-future = En afholdt session kan ikke ligge i fremtiden.
err-location-pair = Skriv både bredde- og længdegrad, eller ingen af dem.
err-number = Skriv et tal.
err-offer-answered = Tilbuddet er allerede besvaret.
err-pair-not-eligible = Et af parrene overholder ikke reglerne for et match (sprog, kontaktform, køn, afstand, udelukkelse eller ledig plads).
err-pair-twice = En deltager er valgt to gange.
err-peer-capacity = En peer-medarbejder har fået flere deltagere, end der er plads til.
err-progress = Skriv et helt tal fra 0 til 10.
err-topics-need-consent = Erfaringsområder gemmes kun med dit samtykke.
course-handover-programme = Til et andet tilbud (valgfrit)
course-life-events = Livsbegivenheder og målinger
my-me = Mig
my-profile = Min profil og min baggrund
my-engagements = Mine aftaler og ansættelser
