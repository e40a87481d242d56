# Henvisning og visitation, samtykke og venteliste.

nav-referrals = Henvisninger

referrals-intro = Henvisninger til jeres tilbud og de henvisninger, du selv har sendt.
referrals-received = Modtagne henvisninger
referrals-mine = Henvisninger, du har sendt
referral-new = Ny henvisning
referral-new-title = Henvis en borger
referral-new-intro = Henvis en borger til peerstøtte hos jeres egen eller en samarbejdende organisation. Du får løbende at vide, hvor henvisningen står – aldrig indholdet af forløbet.
referral-internal-title = Registrér en henvendelse
referral-internal-intro = Registrér en borger, der selv har henvendt sig eller er visiteret internt. Borgeren kommer på listen over modtagne henvisninger.
referral-target = Henvis til
referral-contact-hint = Telefon eller e-mail – mindst én af dem.
referral-languages-hint = Sprogkoder adskilt af komma, fx da, en, ar.
referral-reason = Årsag til henvisningen
referral-reason-hint = Med borgerens egne ord, så vidt muligt. Skriv kun det, der er nødvendigt.
referral-consent-method = Hvordan gav borgeren samtykke?
referral-agreed = Borgeren har givet samtykke til at blive henvist
referral-submit = Send henvisning
referral-title = Henvisning
referral-to = Modtager
referral-from = Henvist fra
referral-source = Kilde
referral-sent = Sendt
referral-changed = Senest ændret
referral-received = Modtaget
referral-decided = Afgjort
referral-decision-note = Begrundelse
referral-referrer-note = Som henviser ser du kun status og datoer – aldrig borgerens oplysninger eller forløbets indhold.
referral-open-participant = Åbn deltagerens side
referral-accept-title = Optag i et tilbud
referral-accept-intro = Borgeren kommer på tilbuddets venteliste; ønsker, der allerede er noteret, bevares.
referral-accept = Optag
referral-decline-title = Afvis henvisningen
referral-decline-intro = Borgerens oplysninger slettes. Henvisningen beholder kun sin status, og henviseren ser "afvist".
referral-decline = Afvis og slet oplysningerne

refsource-partner = Samarbejdspartner
refsource-self = Selvhenvisning
refsource-internal = Intern visitation

refstatus-received = Modtaget
refstatus-accepted = Optaget
refstatus-declined = Afvist
refstatus-withdrawn = Trukket tilbage

referrerstatus-received = Modtaget
referrerstatus-declined = Afvist
referrerstatus-waiting = På venteliste
referrerstatus-in_course = I forløb
referrerstatus-ended = Afsluttet
referrerstatus-withdrawn = Samtykke trukket tilbage

self-referral-title = Henvis dig selv
self-referral-heading = Henvis dig selv til peerstøtte hos { $organisation }
self-referral-intro = Her kan du selv bede om en peer – en person med egen erfaring med psykisk sårbarhed, som kan støtte dig. Du behøver ikke en henvisning fra andre. Vi kontakter dig.
self-referral-programmes = Vores tilbud
self-referral-programme = Hvilket tilbud ønsker du? (valgfrit)
self-referral-reason = Hvad vil du gerne have hjælp til?
self-referral-reason-hint = Skriv med dine egne ord. Du bestemmer selv, hvor meget du fortæller.
self-referral-honeypot = Lad dette felt stå tomt
self-referral-consents = Samtykke
self-referral-consent-support = Jeg giver samtykke til, at mine oplysninger bruges til at finde og give mig peerstøtte
self-referral-consent-measurement = Jeg vil gerne få korte spørgeskemaer om, hvordan jeg har det (valgfrit)
self-referral-privacy = Du kan altid trække dit samtykke tilbage ved at kontakte os. Så stopper vi med at bruge dine oplysninger til det formål.
self-referral-submit = Send
self-referral-languages = Hvilke sprog vil du gerne tale på? (valgfrit)
self-referral-languages-hint = Sæt kryds ved de sprog, du gerne vil tale med en peer på. Taler du et andet sprog, så skriv det under "Hvad vil du gerne have hjælp til?".
self-referral-done-title = Tak – vi har modtaget din henvendelse
self-referral-done = Vi kontakter dig, så snart vi kan. Af hensyn til dit privatliv viser vi ikke dine oplysninger her.

consents-open = Samtykker
consents-title = Samtykker – { $who }
consents-intro = Hvert samtykke gælder ét formål og kan trækkes tilbage for sig. En tilbagetrækning virker med det samme.
consent-purpose = Formål
consent-scope = Omfang
consent-scope-hint = Hvilke oplysninger samtykket dækker, med almindelige ord.
consent-audience = Hvem må se oplysningerne
consent-method = Givet
consent-given = Givet den
consent-valid-until = Gyldigt til
consent-withdrawn = Trukket tilbage
consent-withdrawn-by = af { $who }
consent-withdraw = Træk tilbage
consent-new = Registrér et samtykke
consent-record = Registrér samtykke
consent-withdraw-title = Træk samtykke tilbage
consent-withdraw-confirm = Bekræft tilbagetrækningen
consent-withdraw-note = Note (valgfri)
consent-withdraw-effect-support = Alle igangværende forløb afsluttes, peer-medarbejderen mister adgangen, deltageren lukkes og fjernes fra ventelisten, og åbne spørgeskemaer annulleres – med det samme.
consent-withdraw-effect-measurement = Alle åbne spørgeskemaer holder op med at virke med det samme, og der sendes ikke flere.
consent-withdraw-effect-partner_sharing = Samarbejdspartnere kan ikke længere se deltageren.
consent-withdraw-effect-referrer_status = Henviseren ser herefter kun, at samtykket er trukket tilbage.
consent-scope-referral = At blive henvist og kontaktet om peerstøtte
consent-scope-support = Oplysninger til at finde og give peerstøtte
consent-scope-measurement = Spørgeskemaer om trivsel og recovery

purpose-support = Peerstøtte
purpose-measurement = Spørgeskemaer
purpose-partner_sharing = Deling med samarbejdspartnere
purpose-referrer_status = Status til henviser

audience-peer = Peer-medarbejder
audience-coordinators = Koordinatorer
audience-partners = Samarbejdspartnere
audience-referrer = Henviser
audience-evaluators = Evaluatorer

cmethod-self_form = Selv, via formularen
cmethod-written = Skriftligt
cmethod-verbal = Mundtligt

waiting-open = Venteliste
waiting-title = Venteliste – { $programme }
waiting-intro = Prioriterede først, derefter dem, der har ventet længst.
waiting-matching = Gå til matchning
waiting-time = Ventetid
waiting-days = { $days ->
    [one] { $days } dag
   *[other] { $days } dage
}
waiting-priority = Prioriteret
waiting-consent = Samtykke til peerstøtte
waiting-wishes = Ønsker noteret

err-contact-required = Angiv telefon eller e-mail, så vi kan kontakte personen.
err-consent-required = Samtykke er nødvendigt for at gå videre.
err-date-past = Datoen må ikke ligge i fortiden.
err-already-decided = Henvisningen er allerede afgjort.
err-already-withdrawn = Samtykket er allerede trukket tilbage.

org-self-referral-link = Offentlig selvhenvisning
