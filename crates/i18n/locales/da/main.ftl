### Sammen – danske tekster (primært sprog).
###
### Regler:
### - Dansk først; hver besked skal også findes i locales/en/ med samme id og attributter.
### - Ingen HTML-markup i tekster (ingen «<»): opmærkning laves i skabelonerne.
### - Hold filen grupperet med «## Afsnit»-kommentarer; tilføj nye id'er i det rette afsnit.
### - Fejltekster må aldrig afsløre, om en person, bruger eller post findes.
###
### Ordliste: peerstøtte, peer-medarbejder, deltager/borger, forløb, henvisning,
### frivillig/lønnet, supervision (faglig/ledelsesmæssig), kommune/region/forening.

## Validering (formularfelter og API)

err-required = Feltet skal udfyldes.
err-too-long = Teksten er for lang.
err-invalid-characters = Feltet indeholder tegn, der ikke er tilladt.
err-choice = Den valgte værdi er ikke gyldig.
err-choose-one = Vælg en af mulighederne.
err-date = Angiv en gyldig dato (åååå-mm-dd).
err-period-order = Slutdatoen må ikke ligge før startdatoen.
err-two-parties = Et partnerskab skal have to forskellige parter.
err-location-needed = Angiv et mødested, når forløbet foregår ved fysisk fremmøde.
err-email = Angiv en gyldig e-mailadresse.
err-password-short = Adgangskoden skal være på mindst 12 tegn.
err-password-weak = Adgangskoden er for let at gætte. Vælg en længere eller mindre almindelig adgangskode, fx en sætning på flere ord.
err-cpr = Angiv et gyldigt CPR-nummer med 10 cifre (ddmmåå-xxxx).
err-phone = Angiv et gyldigt telefonnummer.
err-language = Vælg et sprog, som understøttes.
err-birth-year = Angiv et gyldigt fødselsår med fire cifre.
err-unique-name = Navnet er allerede i brug.
err-unique-email = E-mailadressen er allerede i brug.
err-body-too-large = Forespørgslen er for stor.
err-json = Forespørgslens indhold er ikke gyldig JSON.
err-json-missing = Feltet { $field } mangler i forespørgslen.
err-json-unknown = Feltet { $field } kendes ikke.
err-json-type = Feltet { $field } har en forkert type eller værdi.
err-csrf = Formularen er udløbet. Genindlæs siden, og prøv igen.
err-password-mismatch = De to adgangskoder er ikke ens.
err-password-wrong = Adgangskoden er forkert.
err-totp-code = Koden er forkert eller udløbet. Angiv den 6-cifrede kode fra din godkendelsesapp.

## Generelle fejl (fejlsider og API-svar)

error-title = Fejl
error-not-found = Siden findes ikke, eller du har ikke adgang til den.
error-forbidden = Du har ikke adgang til at udføre denne handling.
error-unauthorized = Du skal logge ind for at fortsætte.
error-internal = Der skete en fejl. Oplys fejl-id { $id } til support.
error-conflict = Oplysningerne er blevet ændret af en anden i mellemtiden. Genindlæs siden, og prøv igen.
error-too-many-attempts = For mange forsøg. Vent lidt, og prøv igen.
error-login-failed = Forkert e-mailadresse eller adgangskode.

## Applikation og navigation

app-name = Sammen
app-tagline = Sammen om peerstøtte
nav-menu = Menu
nav-area-journey = Forløb
nav-area-people = Personer
nav-area-measurement = Måling
nav-area-workforce = Personale
nav-area-directory = Organisation
nav-area-access = Adgang
nav-skip = Gå til hovedindhold
nav-dashboard = Overblik
nav-organisations = Organisationer
nav-partnerships = Partnerskaber
nav-programmes = Indsatser
nav-staff = Medarbejdere
nav-peer-workers = Peer-medarbejdere
nav-participants = Deltagere
nav-audit = Aktivitetslog
nav-account = Min konto
nav-login = Log ind
nav-logout = Log ud
lang-switch-label = Sprog
lang-da = Dansk
lang-en = English

## Organisationstyper

kind-municipality = Kommune
kind-region = Region
kind-association = Forening
kind-other = Anden

## Mødeform

mode-in_person = Fysisk fremmøde
mode-phone = Telefon
mode-online = Online

## Forløbsform

delivery-individual = Individuelt
delivery-group = I gruppe

## Roller

role-administrator = Administrator
role-coordinator = Koordinator
role-supervisor = Supervisor
role-peer_worker = Peer-medarbejder
role-referrer = Henviser
role-evaluator = Evaluator

## Ansættelsesform

engagement-volunteer = Frivillig
engagement-paid = Lønnet

## Deltagerstatus

pstatus-waiting = På venteliste
pstatus-active = I forløb
pstatus-closed = Afsluttet

## Status for peer-medarbejdere

peerstatus-active = Aktiv
peerstatus-paused = På pause
peerstatus-left = Stoppet

## Køn

gender-female = Kvinde
gender-male = Mand
gender-other = Andet

## Datakategorier (deling mellem partnere)

category-referral_status = Status på henvisninger
category-participant_record = Oplysninger om deltagere
category-peer_worker_record = Oplysninger om peer-medarbejdere
category-aggregate_outcomes = Samlede resultater
category-pseudonymised_outcomes = Pseudonymiserede resultater

## Adgangsniveau

scope-read = Læseadgang
scope-write = Skriveadgang

## Aktivitetslog: handlinger og udfald

action-read = Visning
action-search = Søgning
action-create = Oprettelse
action-update = Ændring
action-delete = Sletning
action-export = Eksport
action-login = Log ind
action-logout = Log ud
outcome-ok = Gennemført
outcome-denied = Afvist
outcome-failed = Mislykket

## Fælles ord i brugerfladen

common-save = Gem
common-cancel = Annuller
common-create = Opret
common-edit = Rediger
common-delete = Slet
common-search = Søg
common-next = Næste
common-previous = Forrige
common-back = Tilbage
common-yes = Ja
common-no = Nej
common-none = Ingen
common-actions = Handlinger
common-details = Detaljer
common-optional = (valgfrit)
common-required-marker = { "*" }
    .title = skal udfyldes
common-page-of = Side { $page } af { $pages }
common-total =
    { $count ->
        [0] Ingen resultater
        [one] { $count } resultat
       *[other] { $count } resultater
    }
common-confirm-delete = Er du sikker på, at du vil slette? Det kan ikke fortrydes.
