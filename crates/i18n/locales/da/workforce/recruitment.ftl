# Rekruttering: opslag, ansøgninger, samtaler, afgørelser og breve.

nav-postings = Rekruttering
postings-intro = Opslag laves ud fra en funktionsbeskrivelse. Åbne opslag, hvis frist ikke er overskredet, vises på organisationens offentlige jobside.
postings-public-label = Jobsiden, som alle kan se:
postings-new = Nyt opslag
postings-edit = Ret opslag
postings-form-intro = Opslaget viser funktionsbeskrivelsens aktuelle version: titel, formål, opgaver, kompetencer, ansættelsesform, timer og varighed. Skriv en indledning, sted, frist og tiltrædelse.
posting-role = Funktion
posting-status = Status
posting-status-draft = Kladde
posting-status-open = Åbent
posting-status-closed = Lukket
posting-deadline = Ansøgningsfrist
posting-starts = Tiltrædelse
posting-applications = Ansøgninger
posting-intro = Indledning
hint-posting-intro = Fortæl kort om stillingen og arbejdspladsen. Teksten vises på jobsiden.
posting-place = Sted
posting-public-link = Se opslaget på jobsiden
posting-draft-not-public = Opslaget er en kladde og vises ikke på jobsiden, før det åbnes.
jobs-closed = Opslaget er lukket.
jobs-closed-note = Stillingen kan ikke længere søges. Se organisationens jobside for stillinger, der er åbne nu.
org-jobs-link = Jobside (ledige stillinger)

stage-received = Modtaget
stage-screening = Screening
stage-interview = Samtale
stage-hired = Ansat
stage-rejected = Afslag
stage-withdrawn = Trukket tilbage

competence-hope = Bruge egne levede erfaringer til at inspirere til håb og tro på recovery
competence-self_determination = Støtte andre til selvbestemmelse ud fra et gensidigt fælles udgangspunkt
competence-self_exploration = Facilitere selvudforskning og opdagelse
competence-change_agent = Agere som forandringsagent
competence-listening = Lytte og sætte andre i fokus

letter-language-da = Dansk
letter-language-en = Engelsk

attachment-kind-pdf = PDF
attachment-kind-docx = Word (DOCX)
attachment-kind-odt = OpenDocument (ODT)
attachment-kind-png = PNG-billede
attachment-kind-jpeg = JPEG-billede
attachment-kind-text = Tekst

jobs-title = Ledige stillinger
jobs-heading = Ledige stillinger hos { $organisation }
jobs-intro = Her er de stillinger som peer-medarbejder eller frivillig, du kan søge nu. Du behøver ikke en konto for at søge.
jobs-none = Der er ingen ledige stillinger lige nu.
jobs-self-referral = Søger du selv støtte? Henvis dig selv her.
jobs-hours = timer om ugen
jobs-apply-title = Søg stillingen
jobs-apply-heading = Send din ansøgning
jobs-submit = Send ansøgning
jobs-done-title = Tak for din ansøgning
jobs-done = Vi har modtaget din ansøgning og sender en bekræftelse på e-mail. Vi kontakter dig, når ansøgningsfristen er udløbet.

application-language = Sprog i breve til dig
application-motivation = Motivation
hint-motivation = Fortæl, hvorfor du søger, og hvordan du vil bruge dine egne erfaringer med psykisk sårbarhed og recovery.
application-attachments = Bilag
hint-attachments = Højst 3 filer på højst 5 MB hver: PDF, Word (DOCX), OpenDocument (ODT), PNG, JPEG eller ren tekst. Vi undersøger filernes indhold; andre filer afvises.
application-consent-legend = Samtykke
application-consent-text = Vi behandler dine oplysninger og bilag for at vurdere din ansøgning og holde dig orienteret om den. Kun organisationens ledere og de medarbejdere, der holder samtale med dig, ser dem. Når der er truffet en afgørelse, sletter vi ansøgningen efter organisationens opbevaringsperiode (normalt 6 måneder). Ansætter vi dig, bliver dine kontaktoplysninger en del af dit medarbejderforhold. Du kan til enhver tid trække ansøgningen tilbage.
application-consent = Jeg giver samtykke til, at min ansøgning behandles som beskrevet

application-posting = Stilling
application-stage = Trin
application-stage-filter = Vis trin
application-all-stages = Alle trin
application-received = Modtaget
application-peer-record = Se peer-medarbejderen
application-no-attachments = Ingen bilag.
application-history = Forløb
application-when = Tidspunkt
application-from = Fra
application-to = Til
application-by = Af
application-by-applicant = Ansøgeren
application-note = Note
application-interviews = Samtaler
application-no-interviews = Der er ikke planlagt nogen samtale.
application-move = Flyt ansøgningen
application-move-submit = Flyt

interview-heading = Samtale
interview-panel = Panel
interview-online = Online
interview-in-person = Fremmøde
interview-no-scores = Ingen i panelet har givet point endnu.
interview-scores-caption = Panelets point (1–5) pr. kompetence, side om side
interview-competence = Kompetence
interview-mean = Gennemsnit
interview-notes = Noter
interview-scores-hidden = De andres point vises, når du har gemt dine egne. Sådan påvirker I ikke hinanden.
interview-your-scores = Dine point
interview-your-scores-saved = Dine point (gemt – du kan rette dem)
interview-scale = 1 = ikke vist, 5 = vist i høj grad. Noten er valgfri.
interview-score = Point
interview-note = Note
interview-save-scores = Gem point
interview-schedule = Planlæg samtale
interview-schedule-intro = Vælg mindst to fra organisationen til panelet. Ansøgeren får en invitation på sit sprog.
interview-date = Dato
interview-time = Klokkeslæt
hint-danish-time = Dansk tid, fx 10:00.
interview-place = Sted eller link
hint-interview-place = Adresse og lokale, eller linket til et online møde.
interview-schedule-submit = Planlæg
interview-chart-title = Panelets gennemsnitlige point pr. kompetence

decide-title = Afgørelse
decide-hire = Ansæt
decide-reject = Giv afslag
decide-intro = Brevet er flettet fra skabelonen på ansøgerens sprog ({ $language }). Du kan rette det, før det lægges i udbakken.
decide-hire-note = Ansættelsen opretter peer-medarbejderen (aktiv) og et ansættelsesforhold for funktionen fra tiltrædelsesdatoen.
decide-instead = Skriv i stedet et brev om: { $decision }
decide-submit = Træf afgørelse og send brevet
letter-subject = Emne
letter-body = Brev
letter-title = Brev
letter-none = Der er ikke sendt noget brev om afgørelsen.
letter-queued = lagt i udbakken
letter-print-hint = Udskriv siden for at få brevet på papir.
letter-show = Se brevet

my-interviews-intro = Samtaler, hvor du sidder i panelet. Åbn ansøgningen for at give dine point.
my-interviews-scored = Dine point givet

recruitment-settings-title = Opbevaring af ansøgninger
recruitment-settings-intro = Hvor mange måneder ansøgeres oplysninger, bilag, point og breve gemmes efter afgørelsen. Derefter slettes de automatisk. Den ansattes medarbejderoplysninger bliver.
recruitment-settings-admin-only = Kun organisationens administrator kan ændre opbevaringsperioden.
recruitment-retention = Måneder efter afgørelsen
hint-retention = Mellem 1 og 60 måneder.

err-attachment-count = Du kan højst vedhæfte 3 filer.
err-attachment-size = En fil er for stor. Hver fil må højst fylde 5 MB.
err-attachment-type = En fil er ikke af en tilladt type. Vi accepterer PDF, Word (DOCX), OpenDocument (ODT), PNG, JPEG og ren tekst – bedømt ud fra filens indhold, ikke dens navn.
err-start-before-deadline = Tiltrædelsen kan ikke ligge før ansøgningsfristen.
err-panel-two = Vælg mindst to personer til panelet.
err-score = Vælg et point fra 1 til 5.
err-retention = Skriv et helt antal måneder mellem 1 og 60.
err-stage-move = Ansøgningen kan ikke flyttes til det trin herfra.
err-not-interview-stage = Flyt ansøgningen til trinnet Samtale, før du planlægger en samtale.

msg-application-received-subject = Vi har modtaget din ansøgning: { $title }
msg-application-received-body =
    Kære { $name }

    Tak for din ansøgning til stillingen som { $title } hos { $organisation }. Vi har modtaget den og vender tilbage, når ansøgningsfristen er udløbet.

    Venlig hilsen
    { $organisation }
msg-interview-invitation-subject = Invitation til samtale: { $title }
msg-interview-invitation-body =
    Kære { $name }

    Vi vil gerne invitere dig til en samtale om stillingen som { $title } hos { $organisation }.

    Tidspunkt: { $when } (dansk tid)
    { $how ->
        [online] Online: { $place }
       *[in_person] Sted: { $place }
    }

    Giv os besked, hvis tidspunktet ikke passer.

    Venlig hilsen
    { $organisation }
msg-hiring-letter-subject = Ansættelse som { $title } hos { $organisation }
msg-hiring-letter-body =
    { $date }

    Kære { $name }

    Vi er glade for at kunne tilbyde dig stillingen som { $title } hos { $organisation }.

    Du starter den { $start } med { $hours } timer om ugen. Vi sender dig snart en aftale og en plan for introduktion og uddannelse.

    Velkommen til.

    Venlig hilsen
    { $organisation }
msg-rejection-letter-subject = Din ansøgning som { $title } hos { $organisation }
msg-rejection-letter-body =
    { $date }

    Kære { $name }

    Tak for din ansøgning og for den tid, du har brugt på os. Vi har valgt en anden til stillingen som { $title } denne gang.

    Vi håber, du vil søge igen en anden gang.

    Venlig hilsen
    { $organisation }
