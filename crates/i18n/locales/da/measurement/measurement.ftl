# Måling af udbytte: instrumenter, måleplaner, besvarelse, scorer, CHIME, livsbegivenheder.

nav-instruments = Spørgeskemaer
nav-outbox = Udbakke

## Fejl
err-number-range = Tallet er uden for det tilladte interval.
err-date-future = Datoen må ikke ligge i fremtiden.
err-date-order = Slutdatoen må ikke ligge før startdatoen.
err-plan-no-waves = Vælg mindst ét målepunkt: ved start, med faste mellemrum, ved afslutning eller opfølgning.
err-plan-reminder-after-expiry = Påmindelsen skal sendes, før linket udløber.
err-link-unknown = Linket findes ikke. Måske er det skrevet forkert, eller der er lavet et nyt link i stedet for dette.
err-link-expired = Linket er udløbet. Kontakt din peer-medarbejder eller koordinator, hvis du stadig vil svare.
err-link-used = Spørgeskemaet er allerede besvaret. Tak for dine svar.
err-response-completed = Besvarelsen er afsluttet og kan ikke ændres.
err-instrument-no-text = Organisationen har ikke indlæst spørgsmålenes tekst til dette spørgeskema, så det kan ikke besvares via link endnu.
err-instrument-unknown-item = Spørgsmålet hører ikke til dette spørgeskema.
err-instrument-out-of-scale = Svaret ligger uden for spørgsmålets skala.
err-instrument-answer-type = Svaret har den forkerte form (fx tekst, hvor der skal stå et tal).
err-instrument-too-few-answered = Der er for få besvarede spørgsmål til at beregne en score. Besvar flere spørgsmål, før du afslutter.
err-instrument-version-mismatch = Besvarelsen hører til en anden version af spørgeskemaet. Scorer fra forskellige versioner sammenlignes aldrig.
err-instrument-different-instruments = Scorer fra forskellige spørgeskemaer kan ikke sammenlignes.
err-instrument-definition-mismatch = Scoren er beregnet med en anden definition end den angivne.
err-instrument-definition-json = Definitionen er ikke gyldig JSON.
err-instrument-definition-field = Et felt i definitionen mangler eller er ugyldigt.
err-instrument-definition-item = Et spørgsmål i definitionen er ugyldigt.
err-instrument-definition-subscale = En delskala i definitionen er ugyldig.
err-instrument-definition-range = Definitionens scoreinterval passer ikke med spørgsmålene.
err-fhir-json = Filen er ikke gyldig JSON.
err-fhir-resource-type = Filen er ikke den forventede FHIR-ressourcetype.
err-fhir-invalid = Filen er ikke en gyldig FHIR R4-ressource.
err-fhir-language = Filen indeholder et sprog, som Sammen ikke understøtter (kun dansk og engelsk).
err-fhir-does-not-fit = Spørgeskemaet passer ikke til definitionen: spørgsmålenes linkId eller svarmuligheder stemmer ikke overens.
err-fhir-wrong-questionnaire = Besvarelsen henviser til et andet spørgeskema.
err-fhir-unknown-questionnaire = Besvarelsen henviser til et spørgeskema, som organisationen ikke kender.
err-fhir-status = Besvarelsens status understøttes ikke (kun "in-progress" og "completed").
err-fhir-answer = Et svar i besvarelsen passer ikke til spørgsmålet.

## Målepunkter
wave-baseline = Start
wave-closure = Afslutning
wave-week = Uge { $n }
wave-followup = Opfølgning efter { $n } mdr.

## Deltagerens målinger
measure-open = Målinger
measure-title = Målinger – { $who }
measure-chime-chart = CHIME-profil over tid
measure-chime-axis = Procent af skalaen
measure-chime-note = Hver linje er en af de fem recovery-processer (CHIME) i procent af skalaen, hvor 100 er den bedste ende. Værdierne kommer fra spørgsmål, der er knyttet til processen.
measure-chime-empty = Der er endnu ingen afsluttede besvarelser med spørgsmål knyttet til CHIME.
measure-invitations = Målepunkter og links
measure-no-invitations = Ingen målepunkter endnu. De oprettes automatisk efter programmets måleplan.
measure-responses = Besvarelser
measure-no-responses = Ingen besvarelser endnu.
measure-changes = Ændring siden første måling
measure-change-caveat = Ændring hos én person er ikke en effekt af indsatsen. Pålidelig ændring (RCI) tager højde for målefejl; den er kun vist, hvor spørgeskemaet har publicerede værdier for pålidelighed og spredning.
measure-instrument = Spørgeskema
measure-wave = Målepunkt
measure-due = Forfalder
measure-expires = Udløber
measure-reminders = Påmindelser
measure-date = Dato
measure-source = Indsamlet
measure-score = Score
measure-band = Niveau
measure-period = Periode
measure-difference = Forskel
measure-reliable = Pålidelig ændring
measure-answered = Besvaret
measure-answers = Svar
measure-subscale = Delskala
measure-prorated = skaleret op for manglende svar
measure-validated = Valideret
measure-not-validated = Ikke valideret: brug det ikke som effektmål
measure-fhir = Hent som FHIR QuestionnaireResponse
measure-item-number = Spørgsmål { $n }
measure-new-link = Lav nyt link
measure-answer-together = Besvar sammen
measure-link-title = Personligt link
measure-link = Link
measure-link-note = Giv linket til deltageren. Det vises kun denne ene gang, virker kun til dette målepunkt og udløber på den viste dato. Et tidligere link til målepunktet virker ikke længere.
measure-record = Registrér en besvarelse
measure-start = Start besvarelse
measure-no-text-hint = Spørgeskemaer mærket * har ingen spørgsmålstekst i organisationen endnu; de kan indtastes fra papir med spørgsmålenes numre.
measure-life-events = Livsbegivenheder og brug af tilbud
measure-no-life-events = Intet registreret endnu.

rsource-link = Via personligt link
rsource-with_peer = Sammen med peer-medarbejder
rsource-paper = Indtastet fra papir
rsource-fhir = Importeret (FHIR)
rstatus-in_progress = I gang
rstatus-completed = Afsluttet
invstatus-open = Åben
invstatus-in_progress = I gang
invstatus-completed = Besvaret
invstatus-expired = Udløbet
invstatus-cancelled = Annulleret


chime-connectedness = Forbundethed
chime-hope = Håb og optimisme
chime-identity = Identitet
chime-meaning = Mening
chime-empowerment = Handlekraft

change-reliable-improvement = Pålidelig forbedring
change-no-reliable-change = Ingen pålidelig ændring
change-reliable-deterioration = Pålidelig forværring
change-clinically-significant = klinisk betydende
change-no-reliability = Spørgeskemaet har ingen publicerede værdier for pålidelig ændring

## Livsbegivenheder
life-add = Registrér livsbegivenhed
life-date = Dato
life-kind = Hvad
life-quantity = Antal
life-quantity-hint = Antal sengedage eller kontakter.
life-ended = Slutdato
life-source = Kilde
life-note = Note
life-note-hint = Kort og sagligt; deltageren kan se sine egne data.
lifeevent-education_started = Begyndt på uddannelse
lifeevent-education_completed = Afsluttet uddannelse
lifeevent-job_started = Begyndt i job
lifeevent-volunteer_work = Frivilligt arbejde
lifeevent-new_relation = Nye relationer
lifeevent-new_activity = Prøvet noget nyt
lifeevent-admission = Indlæggelse i psykiatrien
lifeevent-bed_days = Sengedage i psykiatrien
lifeevent-emergency_visit = Akut psykiatrisk kontakt
lifeevent-outpatient_contact = Ambulante kontakter
lesource-self_report = Deltageren selv
lesource-referrer = Henviser
lesource-staff = Medarbejder
lesource-register = Register

## Måleplaner
plans-open = Måleplan
plans-title = Måleplan – { $programme }
plans-intro = Måleplanen bestemmer, hvilke spørgeskemaer deltagerne besvarer hvornår. Når et målepunkt falder, oprettes det automatisk, og deltagere med e-mailadresse får et personligt link. Målepunkter fra før planen blev oprettet, spørges der ikke om.
plans-none = Programmet har ingen måleplan endnu.
plan-new = Nyt spørgeskema i planen
plan-create = Tilføj til planen
plan-waves = Målepunkter
plan-at-start = Ved start af forløbet
plan-at-closure = Ved afslutning af forløbet
plan-every-weeks = hver { $n }. uge
plan-every-weeks-label = Med faste mellemrum (uger)
plan-every-weeks-hint = Fx 8 for hver 8. uge, så længe forløbet varer.
plan-followup-label = Opfølgning (måneder efter afslutning)
plan-followup-hint = Fx 6 for opfølgning et halvt år efter afslutning.
plan-reminder = Påmindelse efter (dage)
plan-reminder-hint = Standard 7 dage. Der sendes højst to påmindelser.
plan-valid = Linket gælder (dage)
plan-valid-hint = Standard 28 dage efter målepunktet.
plan-days = { $n } dage
plan-active = Aktiv
plan-stop = Stop
plan-restart = Genstart

## Spørgeskemaer
instruments-intro = Sammen leverer strukturen og scoringen af udbredte spørgeskemaer uden spørgsmålstekst, som Sammen ikke har ret til at udgive. Organisationen indlæser selv den tekst, den har licens til, som en FHIR R4 Questionnaire.
instrument-version = Version
instrument-text = Spørgsmålstekst
instrument-has-text = Har tekst
instrument-no-text = Mangler tekst
instrument-text-loaded = Indlæst af organisationen ({ $source })
instrument-items = Spørgsmål
instrument-range = Scoreinterval
instrument-direction = Retning
instrument-higher-better = Højere er bedre
instrument-lower-better = Lavere er bedre
instrument-licence = Licens
instrument-reliability = Pålidelighed
instrument-omitted = Udeladt
instrument-scale = Svarmuligheder (kode=vægt)
instrument-reverse = vendes
instrument-sources = Kilder
instrument-download = Hent som FHIR Questionnaire
instrument-load = Indlæs organisationens spørgsmålstekst
instrument-load-intro = Indsæt en FHIR R4 Questionnaire (JSON) med den tekst, organisationen har licens til. Den kobles til scoringen via spørgsmålenes linkId; en fil, der ikke passer, afvises, og den hidtidige tekst bevares.
instrument-load-field = Questionnaire (JSON)
instrument-load-hint = Spørgsmålenes linkId og svarmulighedernes koder skal være de samme som i definitionen.
instrument-load-submit = Indlæs tekst

## Udbakke
outbox-intro = Alle beskeder, Sammen sender, står her, også når der ikke er sat en mailserver op.
outbox-kind = Type
outbox-recipient = Modtager
outbox-subject = Emne
msgkind-measurement_invitation = Invitation til spørgeskema
msgkind-measurement_reminder = Påmindelse om spørgeskema
msgkind-application_received = Ansøgning modtaget
msgkind-interview_invitation = Invitation til samtale
msgkind-hiring_letter = Brev om ansættelse
msgkind-rejection_letter = Afslag
msgkind-supervision_reminder = Påmindelse om supervision
msgkind-certificate_reminder = Påmindelse om certifikat
msgkind-training_invitation = Invitation til uddannelse
msgstatus-queued = I kø
msgstatus-sent = Sendt
msgstatus-failed = Fejlet

## Beskeder
msg-measure-invite-subject = Et par spørgsmål om, hvordan du har det
msg-measure-invite-body = Hej. Som en del af dit forløb beder vi dig svare på nogle få spørgsmål. Det tager omkring fem minutter, og du kan gemme undervejs. Linket er personligt og virker til { $until }: { $url }
msg-measure-reminder-subject = Påmindelse: et par spørgsmål om, hvordan du har det
msg-measure-reminder-body = Hej. Vi mangler stadig dine svar. Her er et nyt link, der virker til { $until }: { $url } (et tidligere link virker ikke længere).

## Besvarelse via link
answer-title = Spørgeskema
answer-private = Dine svar bruges til at følge dit forløb. Linket er personligt: del det ikke med andre.
answer-until = Linket virker til { $date }.
answer-answered-so-far = Du har besvaret { $n }
answer-one-at-a-time = Ét spørgsmål ad gangen
answer-all-at-once = Alle spørgsmål på én side
answer-continue = Fortsæt, hvor du slap
answer-progress = Spørgsmål { $n } af { $total }
answer-back = Tilbage
answer-next = Næste
answer-finish = Afslut og send
answer-save = Gem
answer-later = Gem og fortsæt senere
answer-saved = Dine svar er gemt. Du kan lukke siden og åbne linket igen senere for at fortsætte.
answer-done-title = Tak
answer-done = Tak for dine svar. De er sendt, og linket virker ikke længere.
answer-not-validated = Dette spørgeskema er skrevet til Sammen og er ikke videnskabeligt valideret.
