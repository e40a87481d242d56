# Supervision og trivsel.

nav-supervision = Supervision
nav-wellbeing = Trivsel

supervision-intro = Peer-medarbejdere skal have faglig supervision af en mere erfaren peer (en kollega, en ekstern supervisor fra en anden organisation eller et peerstøtte-netværk) og ledelsesmæssig supervision af en leder.
supervision-overview = Hvem mangler supervision
supervision-overview-caption = Supervision pr. peer-medarbejder og type
supervision-plan = Planlæg supervision
supervision-plan-intro = Vælg type, form, tidspunkt (dansk tid), supervisor og de peer-medarbejdere, der inviteres.
supervision-chart-title = Andel peer-medarbejdere, der har fået supervision til tiden (procent)
supervision-chart-line = { $kind }: { $on_time } til tiden, { $overdue } overskredet
supervision-sort = Sortér efter
supervision-sort-overdue = overskredet først
supervision-sort-due = næste frist
supervision-sort-name = navn
supervision-none = Ingen aktive peer-medarbejdere.
supervision-peer = Peer-medarbejder
supervision-kind = Type
supervision-format = Form
supervision-supervisor = Supervisor
supervision-last = Seneste supervision
supervision-frequency = Krav
supervision-due = Næste frist
supervision-state = Status
supervision-state-overdue = Overskredet
supervision-state-on_time = Til tiden
supervision-state-none = Intet krav
supervision-every-weeks = { $count ->
    [one] hver uge
   *[other] hver { $count }. uge
}
supervision-minutes = { $count } minutter
supervision-requirements = Krav til supervision pr. funktion
supervision-requirements-intro = Hvor ofte en peer-medarbejder i funktionen skal have hver type supervision. Har en peer flere funktioner, gælder det strengeste krav.
supervision-every-label = Antal uger mellem supervision
supervision-sessions = Supervisioner
supervision-no-sessions = Ingen supervisioner endnu.
supervision-supervisees = Dem, du superviserer
supervision-led = Supervisioner, du leder
supervision-own = Din egen supervision
supervision-nothing = Du har ingen supervision at se her.
supervision-from = Fra
supervision-to = Til
supervision-date = Dato
supervision-time = Klokkeslæt
supervision-duration = Varighed (minutter)
supervision-invited = Inviterede peer-medarbejdere
supervision-status = Status
supervision-attendance = Fremmøde
supervision-attendees = Deltagere og fremmøde
supervision-attended = Mødt op
supervision-present = mødt
supervision-absent = ikke mødt
supervision-topics = Emner
supervision-note = Notat
supervision-confidential = Notatet fra faglig supervision er fortroligt mellem supervisor og de peer-medarbejdere, der deltog. Ledere (administratorer og koordinatorer) kan aldrig se det – hverken her, i API'et eller i udtræk. De ser kun, at supervisionen fandt sted, dato, type, fremmøde og emner.
supervision-managerial-note = Notatet fra ledelsesmæssig supervision kan ses af lederne, supervisor og peer-medarbejderen.
supervision-note-withheld = Notatet er fortroligt og vises ikke for dig.
supervision-session-title = Supervision { $date }
supervision-peer-title = Supervision af { $name }
supervision-no-relations = Der er ikke tildelt nogen supervisor endnu.
supervision-external = Ekstern
supervision-assign = Tildel supervisor
supervision-assign-intro = Vælg en kollega eller leder i organisationen, eller angiv en ekstern supervisor. Den nye supervisor afløser den tidligere af samme type fra i dag.
supervision-member = Kollega eller leder
supervision-external-legend = Eller en ekstern supervisor (kun faglig supervision)
supervision-external-hint = Får en konto uden adgang til organisationen: den ser kun sine supervisander og deres supervision.
supervision-external-created = Den eksterne supervisors konto er oprettet. Giv denne engangsadgangskode videre på en sikker måde; den vises kun nu:

supkind-professional = Faglig supervision
supkind-managerial = Ledelsesmæssig supervision
supformat-individual = Individuel
supformat-group = Gruppe
supstatus-planned = Planlagt
supstatus-held = Afholdt
supstatus-cancelled = Aflyst
suptopic-role_clarity = Uklar rolle og forventninger
suptopic-loyalty = Loyalitet (over for deltager eller organisation)
suptopic-boundaries = Grænser
suptopic-stress = Stress
suptopic-disclosure = Åbenhed om egen sygdom
suptopic-patient_to_employee = Fra patient til medarbejder
suptopic-other = Andet

err-supervision-duration = Angiv en varighed mellem 1 og 480 minutter.
err-supervisees = Vælg mindst én af organisationens peer-medarbejdere.
err-supervision-individual = Individuel supervision er for én peer-medarbejder; vælg gruppe for flere.
err-every-weeks = Angiv et antal uger mellem 1 og 52.
err-supervisor = Vælg en supervisor, der kan give denne type supervision.
err-external-professional = En ekstern supervisor kan kun give faglig supervision.
err-scale = Angiv et tal fra 0 til 10.

wellbeing-intro = Et kort, frivilligt tjek af, hvordan du har det i rollen. Svarene er private: kun du kan se dem, medmindre du vælger at dele et svar med din faglige supervisor. Ledere ser kun samlede tal for mindst fem personer.
wellbeing-new = Nyt trivselstjek
wellbeing-stress = Stress
wellbeing-stress-low = ingen stress
wellbeing-stress-high = meget stresset
wellbeing-role_clarity = Klarhed om rollen
wellbeing-role_clarity-low = helt uklar
wellbeing-role_clarity-high = helt klar
wellbeing-support = Støtte
wellbeing-support-low = ingen støtte
wellbeing-support-high = god støtte
wellbeing-note = Med dine egne ord
wellbeing-note-hint = Frivilligt.
wellbeing-share = Del dette svar med min faglige supervisor
wellbeing-save = Gem tjek
wellbeing-history = Dine tjek
wellbeing-none = Ingen tjek endnu.
wellbeing-when = Tidspunkt
wellbeing-shared = Deling
wellbeing-is-shared = Delt med supervisor.
wellbeing-is-private = Privat.
wellbeing-unshare = Stop deling
wellbeing-do-share = Del
wellbeing-trend-title = Dine svar over tid (0–10)
wellbeing-trend-caption = Stress (fuld linje), klarhed om rollen (stiplet) og støtte (prikket). Tallene står også i tabellen.
wellbeing-shared-with-me = Delt med dig af dine supervisander
wellbeing-shared-link = Trivselstjek, som dine supervisander har delt med dig
wellbeing-shared-none = Ingen har delt et trivselstjek med dig.
wellbeing-aggregates = Trivsel samlet pr. måned
wellbeing-aggregates-intro = Ledere ser kun samlede tal. En måned, hvor færre end fem personer har svaret, vises ikke (undertrykt), så ingen enkeltperson kan genkendes. Der vises ingen total på tværs af måneder.
wellbeing-month = Måned
wellbeing-check-ins = Antal tjek
wellbeing-people = Personer
wellbeing-suppressed = Undertrykt: færre end fem personer
my-wellbeing-link = Hvordan har du det? Tag et kort trivselstjek

msg-supervision-reminder-subject = Påmindelse om supervision
msg-supervision-reminder-body = Hej. { $name } skulle have haft { $kind ->
    [professional] faglig
   *[managerial] ledelsesmæssig
} supervision senest { $due }. Aftal venligst et tidspunkt.
