# Livsændringer og CHIME-profil i rapporten og på programsiden.

outcomes-life = Ændringer i livet
outcomes-life-how = Hvor mange af de fulgte deltagere der er begyndt på eller har afsluttet en uddannelse, har fået et job eller frivilligt arbejde, har fået nye eller genoptaget relationer eller har prøvet en ny aktivitet. Talt fra starten af hver deltagers forløb til og med { $until }. En deltager tælles én gang pr. slags, uanset hvor mange gange det er registreret.
outcomes-life-table = Ændringer i livet pr. sted (antal deltagere og andel af de fulgte)
outcomes-followed = Fulgt
outcomes-any = Mindst én ændring
outcomes-life-note = x: skjult, fordi tallet er under { $min } eller ville afsløre et skjult tal. Kun det, der er registreret i Sammen, tælles; en ændring, ingen har fortalt om, er ikke med.
outcomes-life-chart = Andel af de fulgte med hver ændring
outcomes-life-chart-desc = Søjlediagram: for hver slags ændring andelen af de { $n } fulgte deltagere, der har den. Tallene står også i tabellen ovenfor.
outcomes-chime = CHIME-profil
outcomes-chime-not-validated = CHIME-tjekket er ikke valideret. Profilen er et samtaleredskab og et billede af programmet, ikke et effektmål.
outcomes-chime-how = Gennemsnit pr. CHIME-område (0–100; højere er bedre) ved start og ved { $wave } for de samme deltagere. { $baseline } har svaret ved start og { $followup } ved opfølgningen. Gennemsnit vises kun for grupper på mindst { $stats }.
outcomes-chime-table = CHIME-profil ved start og opfølgning
outcomes-chime-domain = CHIME-område
outcomes-chime-note = n: deltagere med svar på området både ved start og opfølgning. –: færre end { $stats }, så gennemsnittet vises ikke. x: skjult lille tal.
outcomes-chime-chart = CHIME-profil ved start og opfølgning
outcomes-chime-chart-desc = Linjediagram: gennemsnit pr. CHIME-område ved start og ved { $wave }. Tallene står også i tabellen ovenfor.
outcomes-chime-score = Gennemsnit (0–100)
outcomes-latest-follow-up = seneste opfølgning
outcomes-programme = Resultater for programmet
outcomes-programme-intro = Tallene dækker alle deltagere, der er startet i programmet, og hver deltagers seneste opfølgning. Små tal er skjult. Vælg periode og spørgeskema i
outcomes-programme-report = evalueringsrapporten
