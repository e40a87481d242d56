## Pages of the web UI (Danish). Keep in step with ../en/ui.ftl: a test checks.

## Generic
error-validation = Nogle felter skal rettes.
form-errors-title = Ret venligst følgende
pager-label = Sider
org-switch-label = Skift organisation
org-switch-button = Skift
role-system_administrator = Systemadministrator

## Fields
field-active = Aktiv
field-birth-year = Fødselsår
field-caseload = Antal deltagere
field-categories = Data, der må deles
field-cpr = CPR-nummer
field-created = Oprettet
field-current-password = Nuværende adgangskode
field-delivery = Forløbstyper
field-description = Beskrivelse
field-display-name = Navn
field-email = E-mailadresse
field-engagement = Ansættelsesform
field-gender = Køn
field-has-login = Har login
field-in-force = Gælder nu
field-kind = Type
field-languages = Sprog
field-legal-basis = Retsgrundlag
field-locations = Steder
field-modes = Kontaktformer
field-name = Navn
field-new-password = Ny adgangskode
field-parties = Parter
field-password = Adgangskode
field-peer = Peer-medarbejder
field-period = Periode
field-phone = Telefon
field-programme = Indsats
field-pseudonym = Pseudonym
field-purpose = Formål
field-repeat-password = Gentag ny adgangskode
field-require-totp = Kræv totrinsbekræftelse for medarbejdere
field-time-zone = Tidszone
hint-time-zone = Navnet fra tz-databasen: Europe/Copenhagen (Danmark), Atlantic/Faroe (Færøerne) eller America/Nuuk (Grønland). Frister og datoer regnes efter organisationens egen kalenderdag.
err-time-zone = Angiv en tidszone fra tz-databasen, fx Europe/Copenhagen, Atlantic/Faroe eller America/Nuuk.
field-role = Rolle
field-status = Status
field-token-days = Gyldig i dage
field-token-name = Navn på nøglen
field-token-scope = Adgang
field-totp = Totrinsbekræftelse
field-totp-code = Engangskode fra din godkendelsesapp
field-valid-from = Gælder fra
field-valid-to = Gælder til

## Hints
hint-cpr = Frivilligt. Udfyld kun, hvis det er nødvendigt for forløbet. Format: DDMMÅÅ-XXXX.
hint-languages = Sprogkoder adskilt af komma, fx da, en, ar.
hint-legal-basis = Fx databeskyttelsesforordningens art. 6 og 9 og den relevante lov.
hint-locations = Ét sted pr. linje. Skal udfyldes, hvis der gives fysisk støtte.
hint-participant-name = Frivilligt. Deltageren kan være pseudonym.
hint-password = Mindst 12 tegn. En sætning, du kan huske, er god.
hint-peer-email = Har peer-medarbejderen et login med samme e-mailadresse, kobles de sammen.
hint-token-days = Mellem 1 og 365 dage. Standard er 90.

## Login
login-title = Log ind
login-intro = Log ind med din e-mailadresse og adgangskode.
login-submit = Log ind
totp-title = Totrinsbekræftelse
totp-intro = Indtast den sekscifrede kode fra din godkendelsesapp.
totp-submit = Bekræft
totp-required-notice = Din organisation kræver totrinsbekræftelse. Opsæt den her, før du kan bruge resten af Sammen.

## Dashboard
dashboard-greeting = Velkommen, { $name }.
dashboard-figures = Nøgletal
dashboard-chart-title = Deltagere efter status
dashboard-chart-title-own = Mine deltagere efter status
dashboard-chart-caption = Deltagere i din organisation fordelt på status.
dashboard-shortcuts = Genveje

## Account
account-title = Min konto
account-password-heading = Skift adgangskode
account-password-submit = Skift adgangskode
account-password-changed = Din adgangskode er skiftet. Du er logget ud alle andre steder.
account-totp-heading = Totrinsbekræftelse
account-totp-on = Totrinsbekræftelse er slået til.
account-totp-off = Totrinsbekræftelse er ikke slået til.
account-totp-begin = Slå totrinsbekræftelse til
account-totp-scan = Tilføj denne nøgle i din godkendelsesapp, og indtast derefter den kode, appen viser.
account-totp-secret = Hemmelig nøgle
account-totp-link = Åbn i godkendelsesapp
account-totp-confirm = Bekræft og slå til
account-totp-disable = Slå totrinsbekræftelse fra
account-tokens-heading = API-nøgler
account-tokens-intro = Personlige nøgler til Sammens API. En nøgle vises kun én gang; gem den sikkert.
token-create = Opret nøgle
token-created = Nøglen er oprettet.
token-shown-once = Kopiér nøglen nu. Den vises ikke igen.
token-expires = Udløber
token-last-used = Senest brugt
token-revoke = Tilbagekald
token-revoked = Tilbagekaldt

## Audit
audit-title = Aktivitetslog
audit-intro = Alle læsninger og ændringer af personoplysninger. Loggen kan ikke ændres, og kæden kan efterprøves.
audit-filter = Filtrér loggen
audit-actor = Bruger-id
audit-subject = Emne-id
audit-action = Handling
audit-outcome = Udfald
audit-from = Fra dato
audit-to = Til dato
audit-time = Tidspunkt (UTC)
audit-purpose = Grundlag
audit-route = Adgangsvej

## Organisations
orgs-intro = Organisationer, der bruger Sammen: kommuner, regioner og foreninger.
orgs-new = Ny organisation
orgs-add-admin = Opret administrator
orgs-admin-note = Som systemadministrator kan du oprette organisationens første administrator. Du kan ikke se deltagernes oplysninger.

## Partnerships
partnerships-intro = Partnerskaber og deres aftaler om deling af data. Kun det, en gældende aftale nævner, deles.
partnerships-new = Nyt partnerskab
partnerships-form-intro = Beskriv den skriftlige aftale: parter, formål, retsgrundlag, hvilke data der må deles, og i hvilken periode.

## Programmes
programmes-intro = Organisationens peerstøtteindsatser: individuelle forløb og gruppeforløb.
programmes-new = Ny indsats

## Staff
staff-intro = Medarbejdere med login og deres rolle i organisationen.
staff-new = Ny medarbejder
staff-new-intro = Medarbejderen får en engangsadgangskode, som du giver videre på en sikker måde.
staff-created-password = Kontoen er oprettet. Engangsadgangskode: { $password } (vises kun nu).
staff-reset-password = Nulstil adgangskode
staff-reset-confirm = Nulstil adgangskoden? Medarbejderen bliver logget ud.
staff-reset-done = Adgangskoden er nulstillet. Ny engangsadgangskode: { $password } (vises kun nu).

## Peer workers
peers-intro = Peer-medarbejdere, frivillige og lønnede, og hvor mange deltagere de støtter.
peers-new = Ny peer-medarbejder
peers-form-intro = Oplysninger om peer-medarbejderen. Levede erfaringer registreres ikke her.

## Participants
participants-intro = Deltagere i organisationens forløb. Søg på pseudonym eller navn.
participants-new = Ny deltager
participants-search = Søg efter deltager
participants-form-intro = Kun pseudonym er nødvendigt. Registrér ikke mere, end forløbet kræver.
participants-delete-confirm = Slet deltageren? Oplysningerne slettes endeligt.
participants-partner-note = Du ser denne deltager gennem en partnerskabsaftale. Kun læsning.
