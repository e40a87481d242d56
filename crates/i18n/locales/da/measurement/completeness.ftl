## Opfølgningens fuldstændighed: et programs besvarelser pr. bølge over for målet.

follow-up-open = Opfølgning
follow-up-title = Opfølgning: { $programme }
follow-up-intro = Her ser du for hver måleplan, hvor mange besvarelser der er forfaldne, givet, forsinkede og ikke til at få, og svarprocenten over for målet i ugerne efter, at bølgen forfaldt. Nederst står de personer, hvis besvarelse mangler, med det næste skridt.
follow-up-no-plans = Programmet har ingen måleplan endnu.
follow-up-target = Mål
follow-up-nothing-due = Ingen besvarelser er forfaldne endnu.
follow-up-waves-caption = Besvarelser pr. bølge
follow-up-overdue = Forsinkede
follow-up-waiting = Venter
follow-up-not-reachable = Ikke til at træffe
follow-up-status-none = Intet forfaldent
follow-up-status-below = Under målet
follow-up-status-ok = Når målet
follow-up-over-time-caption = Svarprocent efter antal uger siden bølgen forfaldt
follow-up-missing = Manglende besvarelser
follow-up-missing-none = Ingen besvarelser mangler.
follow-up-missing-intro = De forsinkede står først. Send en påmindelse nu, giv peer-medarbejderen en papirkopi med til næste møde, eller markér personen som ikke til at træffe med en begrundelse.
follow-up-what = Spørgeskema og bølge
follow-up-due-since = Forfaldt
follow-up-days-since = { $n ->
    [one] for { $n } dag siden
   *[other] for { $n } dage siden
}
follow-up-state = Status
follow-up-state-overdue = Forsinket
follow-up-state-waiting = Venter på svar
follow-up-state-expired = Linket er udløbet
follow-up-peer = Peer-medarbejder
follow-up-last-step = Seneste skridt
follow-up-step-reminder = Påmindelse sendt
follow-up-step-paper_copy = Papirkopi givet
follow-up-step-not_reachable = Markeret ikke til at træffe
follow-up-remind = Send påmindelse nu
follow-up-by-email = e-mail på { $lang }
follow-up-lang-da = dansk
follow-up-lang-en = engelsk
follow-up-lang-both = dansk og engelsk
follow-up-no-channel = Ingen e-mailadresse eller spørgeskemaet kan ikke vises på skærm: giv en papirkopi i stedet.
follow-up-paper = Papirkopi givet til peer-medarbejderen
follow-up-print = Spørgeskemaet til udskrift
follow-up-mark-not-reachable = Ikke til at træffe …
follow-up-reason = Begrundelse
follow-up-reason-choose = Vælg en begrundelse
follow-up-reason-no_response = Svarer ikke på henvendelser
follow-up-reason-moved = Flyttet eller ukendt adresse
follow-up-reason-declined = Ønsker ikke at svare
follow-up-reason-admitted = Indlagt eller for syg til at svare
follow-up-reason-other = Anden grund
follow-up-note = Note
follow-up-note-hint = Skal udfyldes ved "Anden grund". Skriv kun det nødvendige.
follow-up-not-reachable-submit = Markér som ikke til at træffe
follow-up-unreachable = Ikke til at træffe
follow-up-unreachable-intro = Disse personer er taget af listen over manglende besvarelser, men tæller stadig som manglende i svarprocenten (frafald).
follow-up-person = Person
follow-up-marked = Markeret
follow-up-done-reminder = Påmindelsen er lagt i udbakken som e-mail på { $lang }.
follow-up-done-no-channel = Der kunne ikke sendes en påmindelse: personen har ingen e-mailadresse, eller spørgeskemaet kan ikke vises på skærm. Giv en papirkopi i stedet.
follow-up-done-paper = Papirkopien er registreret. Indtast svarene fra papiret på personens målinger.
follow-up-done-not-reachable = Personen er markeret som ikke til at træffe.
err-follow-up-note-required = Skriv en note, når begrundelsen er "Anden grund".

plan-target = Mål for svarprocent (%)
plan-target-hint = Den andel af hver bølge, der skal besvares. Tomt felt giver 80 %.
plan-target-column = Mål

## Rapportens afsnit om svarprocent.

rpt-followup = Svarprocent i opfølgningen
rpt-followup-how = Svarprocenten er besvarede over forfaldne invitationer pr. bølge i måleplanerne for dette spørgeskema. Personer markeret som ikke til at træffe tæller som manglende. Kurven viser svarprocenten efter antal uger siden bølgen forfaldt, så man tidligt kan se, om en bølge er på vej mod frafaldsadvarslen.
rpt-followup-none = Ingen invitationer er forfaldne endnu.
rpt-followup-flag = Svarprocenten er under { $share } for: { $waves }. Det er grænsen for højt frafald i afsnittet om frafald.
rpt-followup-below = Svarprocenten er under målet for: { $waves }.
rpt-followup-hidden = Skjult (for få)
rpt-followup-status-flag = Højt frafald
rpt-followup-status-below = Under målet
rpt-followup-status-ok = Når målet
rpt-followup-table = Svarprocent pr. bølge
rpt-followup-wave = Bølge
rpt-followup-due = Forfaldne
rpt-followup-answered = Besvarede
rpt-followup-rate = Svarprocent
rpt-followup-target = Mål
rpt-followup-status = Status
rpt-followup-hidden-note = Bølger med for få forfaldne invitationer er skjult (x).
rpt-followup-week = Uge { $n }
rpt-followup-target-line = Mål ({ $share })
rpt-followup-chart = Svarprocent efter uger siden bølgen forfaldt
rpt-followup-weeks = Uger siden bølgen forfaldt

