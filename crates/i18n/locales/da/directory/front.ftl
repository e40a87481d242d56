# Startsidens arbejdskøer: det, der venter på brugeren.
queue-referrals = Henvisninger, der venter på visitation
queue-longest-waits = Længst ventende på ventelisten
queue-no-consent = På ventelisten uden samtykke til peerstøtte
queue-offers-waiting = Tilbud, der venter på svar fra peer-medarbejderen
queue-quiet-courses = Forløb uden afholdt samtale i 3 uger
queue-consents-expiring = Samtykker, der udløber inden for 30 dage
queue-agreements-expiring = Samarbejdsaftaler, der udløber inden for 30 dage
queue-follow-up-overdue = Opfølgningsbesvarelser, der er forsinkede
queue-certificates-expiring = Certifikater, der udløber inden for 60 dage
queue-supervision-overdue = Peer-medarbejdere, der mangler supervision
queue-applications = Opslag med ansøgninger, der venter
queue-failed-messages = Beskeder, der ikke kunne sendes
queue-my-offers = Tilbud, du skal svare på
queue-my-schedule = I dag og i morgen
queue-my-to-log = Samtaler og møder, der mangler at blive registreret
queue-questionnaires-due = Spørgeskemaer, der skal besvares snart
queue-my-supervision = Din supervision
queue-caseload = Dine deltagere
queue-supervisees-due = Supervision, der snart skal holdes eller er overskredet
queue-sessions-to-record = Supervisionsmøder uden referat
queue-more = { $n ->
    [one] og 1 mere
   *[other] og { $n } mere
}
queue-count = { $n ->
    [one] 1 venter
   *[other] { $n } venter
}
queue-waiting-days = { $days ->
    [0] venter fra i dag
    [one] har ventet 1 dag
   *[other] har ventet { $days } dage
}
queue-on = den { $date }
queue-overdue-since = Overskredet – skulle have været { $date }
queue-nothing = Intet venter på dig lige nu. God arbejdslyst!
queue-badge = ting venter på startsiden
queue-calendar = Din kalender
queue-priority = Prioriteret
queue-handover = Overdragelse
