# Gruppeforløb og åbne arrangementer.

nav-groups = Grupper
groups-intro = Gruppeforløb med faste deltagere og åbne arrangementer som recovery-caféen. Møder vises i dansk tid.
groups-new = Ny gruppe
groups-edit = Ret gruppe
groups-form-intro = Et gruppeforløb har tilmeldte deltagere og fremmøde pr. møde. Et åbent arrangement har ingen tilmelding; der tælles kun, hvor mange der kom, uden navne.
groups-no-rate = ingen registrering

group-name = Navn
group-kind = Type
group-next-meeting = Næste møde
group-enrolled = Tilmeldte
group-status = Status
group-description = Beskrivelse
group-programme = Program
group-mode = Form
group-place = Sted
group-capacity = Antal pladser
hint-group-capacity = Lad feltet stå tomt, hvis der ikke er en grænse.
group-no-capacity = ingen grænse
group-minutes =
    { $n ->
        [one] { $n } minut
       *[other] { $n } minutter
    }
group-head-count-n =
    { $n ->
        [one] { $n } deltager
       *[other] { $n } deltagere
    }
group-places-left =
    { $n ->
        [0] Der er ingen ledige pladser.
        [one] Der er { $n } ledig plads.
       *[other] Der er { $n } ledige pladser.
    }
group-attended-of = { $n } af { $of }
group-chart-meetings = Fremmøde pr. møde i procent
group-chart-head-counts = Antal deltagere pr. arrangement
group-chart-members = Fremmøde pr. deltager i procent
group-when = Tidspunkt
group-duration = Varighed
group-note = Note
group-attendance = Fremmøde
group-open-event-note = Et åbent arrangement: alle kan komme uden tilmelding, og der registreres kun et anonymt antal.
group-facilitators = Facilitatorer
group-no-facilitators = Ingen facilitatorer endnu.
group-choose-facilitators = Peer-medarbejdere, der faciliterer gruppen
group-save-facilitators = Gem facilitatorer
group-meetings = Møder
group-local-time = Tidspunkter er dansk tid.
group-no-meetings = Ingen møder planlagt endnu.
group-head-count = Antal fremmødte
group-plan-meeting = Planlæg møde
group-date = Dato
group-time = Klokkeslæt
hint-group-time = Dansk tid, fx 17:00.
group-duration-minutes = Varighed i minutter
group-meeting-place = Sted for dette møde
hint-group-meeting-place = Kun hvis mødet holdes et andet sted end gruppens faste sted.
group-members = Tilmeldte deltagere
group-pseudonyms-only = Som facilitator ser du deltagernes pseudonymer, ikke navne eller kontaktoplysninger.
group-no-members = Ingen deltagere er tilmeldt.
group-pseudonym = Pseudonym
group-participant-name = Navn
group-enrolled-on = Tilmeldt
group-left-on = Udmeldt
group-attended = Mødt op
group-rate = Fremmøde i procent
group-leave = Meld ud
group-enrol = Tilmeld deltager
group-full = Gruppen er fuld.
group-participant = Deltager
group-meeting-cancelled = Mødet er aflyst.
group-who-came = Hvem kom?
hint-group-head-count = Kun et antal. Ingen navne.
group-save-attendance = Gem fremmøde
group-cancel-meeting = Aflys mødet

gkind-course = Gruppeforløb
gkind-open_event = Åbent arrangement
gstatus-planned = Planlagt
gstatus-running = I gang
gstatus-ended = Afsluttet
mstatus-planned = Planlagt
mstatus-held = Afholdt
mstatus-cancelled = Aflyst

err-capacity = Angiv et antal pladser mellem 1 og 200.
err-head-count = Angiv et antal mellem 0 og 10000.
err-group-full = Gruppen er fuld. Der er ikke flere ledige pladser.
err-open-event = Man tilmelder sig ikke et åbent arrangement.
err-not-enrolled = Kun tilmeldte deltagere kan registreres som mødt op.
err-facilitator = Vælg peer-medarbejdere fra jeres egen organisation.
err-group-kind-fixed = Typen kan ikke ændres, når gruppen har møder eller tilmeldte.
err-meeting-cancelled = Mødet er aflyst. Der kan ikke registreres fremmøde.
err-course-attendance = Registrér fremmøde for hver tilmeldt deltager, ikke et antal.
err-attendance-either = Angiv enten de fremmødte deltagere eller et antal, ikke begge.
err-duration = Angiv en varighed mellem 1 og 720 minutter.
err-time = Angiv et klokkeslæt som TT:MM, fx 17:00.
