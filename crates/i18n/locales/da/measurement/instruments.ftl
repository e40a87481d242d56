# The instrument catalogue's pages: each shipped instrument's licence and what its definition
# leaves out, in words. The definitions keep the English original (it is the FHIR Questionnaire's
# copyright); these are what the pages show. One `instrument-omitted-<id>-<n>` per entry of the
# definition's `omitted`, in the same order.

instrument-item-id = Spørgsmåls-id
instrument-chime = CHIME-proces
instrument-citation-sammen-chime-checkin-1 = Skrevet til Sammen: ét spørgsmål for hver CHIME-proces. Ikke et valideret instrument; brug det ikke som effektmål i evalueringer, og sammenlign det ikke med validerede skalaer.

instrument-licence-barc-10 = Udgivet af Vilsaint m.fl. 2017. PhenX angiver, at det frit kan bruges uden tilladelse; andre udbydere angiver en Creative Commons Navngivelse-IkkeKommerciel-IngenBearbejdelse-licens. Spørgsmålenes tekst følger ikke med; organisationen indlæser den ordlyd, den bruger.
instrument-omitted-barc-10-1 = Normativ standardafvigelse: ikke efterprøvet, så indekset for pålidelig ændring beregnes ikke.
instrument-omitted-barc-10-2 = Klinisk grænse: 47 forudsiger vedvarende remission; det er ikke en grænse mellem klinisk og ikke-klinisk niveau, så det er et interval og ikke en grænse for klinisk betydende ændring.
instrument-omitted-barc-10-3 = CHIME-proces pr. spørgsmål: ikke tildelt (instrumentet måler recovery-kapital ved rusmiddelbrug, ikke CHIME).
instrument-omitted-barc-10-4 = Regel for manglende svar: ingen offentliggjort regel er efterprøvet; alle ti spørgsmål skal besvares.

instrument-licence-brief-inspire-o = Udviklet af Mike Slades gruppe (King's College London, nu University of Nottingham); kan hentes fra researchintorecovery.com. Spørgsmålenes tekst følger ikke med; organisationen indlæser den danske ordlyd, den bruger (en dansk version bruges i Region Hovedstadens Psykiatri).
instrument-omitted-brief-inspire-o-1 = Normativ standardafvigelse: gennemsnittet i den danske befolkning er 71,1 (Moeller m.fl. 2024), men standardafvigelsen er ikke efterprøvet, så indekset for pålidelig ændring beregnes ikke.
instrument-omitted-brief-inspire-o-2 = CHIME-proces pr. spørgsmål: hvert spørgsmål måler én CHIME-proces, men spørgsmålenes rækkefølge på skemaet er ikke efterprøvet, så de er ikke tildelt.
instrument-omitted-brief-inspire-o-3 = Grænsen: om en score på præcis 50 tæller som i recovery, er ikke efterprøvet; Sammen regner 50 som på eller over grænsen.
instrument-omitted-brief-inspire-o-4 = Regel for manglende svar: ingen offentliggjort regel er efterprøvet; alle fem spørgsmål skal besvares.

instrument-licence-ors = © Scott D. Miller og International Center for Clinical Excellence. En licens er gratis for den enkelte behandler; praksisser og organisationer skal have en gruppelicens fra udvikleren. Spørgsmålenes tekst følger ikke med.
instrument-omitted-ors-1 = Pålidelighed og normativ standardafvigelse: koefficienterne fra Miller m.fl. 2003 er ikke efterprøvet, så indekset for pålidelig ændring beregnes ikke.
instrument-omitted-ors-2 = Pålidelig ændring på 5 point: ofte citeret fra udviklerne, men ikke efterprøvet i den oprindelige kilde.
instrument-omitted-ors-3 = Grænser for unge (28) og børn (CORS, 32): gælder ikke for ORS til voksne.
instrument-omitted-ors-4 = Regel for manglende svar: ingen er offentliggjort; alle fire skalaer skal besvares.

instrument-licence-qpr-15 = Udviklet af Neil, Morrison og kolleger sammen med brugere. PhenX angiver, at det frit kan bruges uden tilladelse. Sammen leverer alligevel kun strukturen, som for alle andres instrumenter; organisationen indlæser den danske ordlyd, den bruger.
instrument-omitted-qpr-15-1 = Normativ standardafvigelse: ingen er efterprøvet, så indekset for pålidelig ændring beregnes ikke.
instrument-omitted-qpr-15-2 = Grænse: ingen er offentliggjort.
instrument-omitted-qpr-15-3 = CHIME-proces pr. spørgsmål: QPR dækker CHIME-processerne, men ingen offentliggjort tildeling spørgsmål for spørgsmål er efterprøvet.
instrument-omitted-qpr-15-4 = Regel for manglende svar: ingen offentliggjort regel for at skalere op er efterprøvet; alle femten spørgsmål skal besvares.

instrument-licence-sammen-chime-checkin = Spørgsmålenes tekst er skrevet til Sammen og følger med under samme licens (AGPL-3.0-or-later). Ikke valideret.
instrument-omitted-sammen-chime-checkin-1 = Pålidelighed, normer, grænser og betydende ændring: findes ikke, fordi check-in'et ikke er valideret.

instrument-licence-swemwbs = © NHS Health Scotland, University of Warwick og University of Edinburgh. Gratis at bruge, men brugerne skal registrere sig hos University of Warwick, som også står for oversættelser. Spørgsmålenes tekst følger ikke med; organisationen indlæser den ordlyd, den har licens til.
instrument-omitted-swemwbs-1 = Normativ standardafvigelse: Ng Fat m.fl. 2017 angiver gennemsnit for den engelske befolkning (23,7 for mænd, 23,2 for kvinder), men standardafvigelsen er ikke efterprøvet, så indekset for pålidelig ændring beregnes ikke.
instrument-omitted-swemwbs-2 = Grænser og intervaller: udviklerne anbefaler to måder at inddele scorer på; værdierne er ikke efterprøvet.
instrument-omitted-swemwbs-3 = Betydende ændring: ikke efterprøvet.
instrument-omitted-swemwbs-4 = Regel for manglende svar: udviklernes regel er ikke efterprøvet; alle syv spørgsmål skal besvares.

instrument-licence-who-5 = Udviklet på Psykiatrisk Forskningsenhed, Psykiatrisk Center Nordsjælland, Region Hovedstaden. Angives som frit at bruge uden tilladelse (PsykTestBarn 2019 med henvisning til CORC). Sammen leverer alligevel kun strukturen, som for alle andres instrumenter: organisationen indlæser den officielle danske ordlyd som et FHIR Questionnaire.
instrument-omitted-who-5-1 = Pålidelighed og normativ standardafvigelse: ingen enkelt offentliggjort koefficient og standardafvigelse er efterprøvet for de grupper, Sammen arbejder med, så indekset for pålidelig ændring beregnes ikke.
instrument-omitted-who-5-2 = Regel for manglende svar: ingen offentliggjort regel for at skalere op er fundet; alle fem spørgsmål skal besvares.
