# Peer-medarbejdere: funktionsbeskrivelser.

nav-roles = Funktioner
roles-intro = Funktionsbeskrivelser for peer-medarbejdere: formål, opgaver, sted, omfang og de kompetencer og den uddannelse, funktionen kræver. Hver ændring gemmes som en ny version; de tidligere står uændret.
roles-new = Ny funktion
roles-edit = Ny version
roles-form-intro = Beskriv funktionen, så både peer-medarbejderen, kollegerne og lederne ved, hvad den er og ikke er. Beskrivelsen kan udskrives som funktionsbeskrivelse til et opslag.
role-title = Titel
role-purpose = Formål
role-tasks = Opgaver
role-setting = Sted
role-functions = Funktioner
role-hours = Timer pr. uge
role-term = Varighed
role-competences = Kompetencer
role-training = Krævet uddannelse
role-version = version
role-old-version = Dette er en tidligere version. Den gældende står øverst i historikken.
role-print = Udskriv funktionsbeskrivelse (PDF)
role-history = Versioner
role-printed = Version fra { $date }
role-default-competences =
    Bruge egne erfaringer til at give håb
    Støtte selvbestemmelse ud fra et ligeværdigt udgangspunkt
    Facilitere selvudforskning
    Være forandringsagent
    Lytte
hint-one-per-line = Én pr. linje.
hint-competences = Én pr. linje. Forslaget er peer-kompetencerne fra oplæringen.
err-hours = Angiv timer pr. uge mellem 0 og 48.
err-too-many-lines = Højst 30 linjer.
setting-psychiatric_ward = Psykiatrisk sengeafsnit
setting-outpatient_clinic = Ambulant psykiatri
setting-addiction_centre = Misbrugscenter
setting-day_service = Socialpsykiatrisk dagtilbud
setting-supported_housing = Bosted
setting-user_organisation = Brugerorganisation
setting-housing_association = Boligforening
setting-drop_in_centre = Værested
setting-job_centre = Jobcenter
setting-discharge_mentoring = Udskrivningsmentor
setting-private_company = Privat virksomhed
setting-education = Uddannelsesinstitution
setting-research_quality = Forskning og kvalitet
setting-consultancy = Konsulentvirksomhed
setting-phone_line = Telefonlinje
setting-social_economy = Socialøkonomisk virksomhed
setting-self_employed = Selvstændig
function-individual_support = Individuel støtte
function-group_work = Gruppeforløb
function-community_work = Fællesskabs- og aktivitetsarbejde
function-bridge_building = Brobygning
function-reception = Modtagelse
function-consulting = Rådgivning og oplæg
function-teaching = Undervisning
function-system_recovery = Recovery i ledelse og system
term-temporary = Tidsbegrænset
term-permanent = Fast
training-intro_course = Introduktionskursus for peer-medarbejdere
training-wrap = WRAP
training-laer_at_tackle = LÆR AT TACKLE

## Aftaler og ansættelser
engagements-link = Aftaler og ansættelse
engagements-title = Aftaler og ansættelse: { $name }
engagements-intro = Frivilligaftaler og ansættelser med timer, varighed og datoer. En aftale afsluttes ved at sætte en slutdato på en ny; historikken bevares.
engagements-none = Ingen aftaler endnu.
engagement-new = Ny aftale eller ansættelse
engagement-kind = Slags
engagement-kind-volunteer_agreement = Frivilligaftale
engagement-kind-employment = Ansættelse
engagement-title = Stilling eller opgave
hint-engagement-title = Fx "Peer-medarbejder, ambulant psykiatri".
engagement-part-time = Deltid
engagement-starts = Begynder
engagement-ends = Slutter
hint-engagement-ends = Skal udfyldes for en tidsbegrænset aftale.
engagement-signed = Underskrevet
engagement-note = Note
engagement-in-force = Gælder nu
err-ends-before-start = Slutdatoen ligger før startdatoen.
err-temporary-needs-end = En tidsbegrænset aftale skal have en slutdato.
engagement-role = Rolle
engagement-no-role = Ingen rolle
err-unknown-role = Rollen findes ikke i organisationen.

## Medarbejderoverblik
nav-workforce = Medarbejderoverblik
wfo-title = Medarbejderoverblik
wfo-intro = Antal peer-medarbejdere og timer efter ansættelsesform og rolle, uddannelsesdækning, supervision og udskiftning, talt ud fra aftaler og ansættelser i kraft i dag. Hent tallene som CSV, Excel eller PDF.
wfo-head-count = Peer-medarbejdere i alt
wfo-hours = Timer om ugen
wfo-hours-unit = timer om ugen
wfo-fte = Årsværk (37 timer)
wfo-trained = Uddannet til deres rolle
wfo-turnover-rate = Udskiftning de seneste 12 måneder
wfo-by-engagement = Efter ansættelsesform
wfo-head-count-note = En person med både frivilligaftale og ansættelse tælles under begge, men kun én gang i alt.
wfo-by-role = Efter rolle
wfo-people = Personer
wfo-hours-chart = Timer om ugen efter rolle
wfo-compliance = Uddannelse og supervision
wfo-training = Krævet uddannelse
wfo-requirement = Krav
wfo-met = Opfyldt
wfo-not-met = Ikke opfyldt
wfo-share = Andel opfyldt
wfo-compliance-note = Kun peer-medarbejdere, hvis rolle stiller kravet, tælles med. Uddannet betyder det samme i nøgletallet, tabellen og diagrammet: en peer-medarbejder med en aftale eller ansættelse i kraft i dag har et gyldigt bevis (også et, der snart udløber) for hver uddannelse, som deres roller kræver.
wfo-compliance-chart = Andel der opfylder kravene
wfo-supervision-professional = Faglig supervision
wfo-supervision-managerial = Ledelsessupervision
wfo-turnover = Udskiftning
wfo-turnover-period = Fra { $from } til { $to }.
wfo-at-start = Ved periodens start
wfo-at-end = Ved periodens slutning
wfo-starters = Startet
wfo-leavers = Stoppet
wfo-turnover-note = Udskiftning er stoppede delt med gennemsnittet af antallet ved periodens start og slutning. En, der stopper og starter igen, tælles ikke som stoppet.
wfo-made = Lavet { $date }
wfo-download-csv = Hent CSV
# Download file names, before the date or version and the extension.
file-workforce-overview = medarbejderoverblik
file-role = funktionsbeskrivelse
wfo-download-xlsx = Hent Excel (XLSX)
wfo-download-pdf = Hent PDF
