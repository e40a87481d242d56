# Import af deltagere og peer-medarbejdere fra et regneark.

err-import-duplicate = Samme værdi står allerede på linje { $line }.
err-import-cpr-leading-zero = CPR-nummeret har kun 9 cifre; regnearket har formentlig fjernet det første 0. Formatér kolonnen som tekst, og gem filen igen.
err-import-unknown-programme = Programmet findes ikke i organisationen. Skriv navnet, som det står under Indsatser.

import-title = Importér fra regneark
import-intro = Indlæs deltagere eller peer-medarbejdere fra et regneark: en Excel-projektmappe (.xlsx), et OpenDocument-regneark (.ods) eller en CSV-fil (UTF-8, eller Excels "CSV (semikolonsepareret)"). Kun det første ark læses. Kontrollér først: hver række med fejl vises med linje og kolonne. Importen gemmer alle rækker eller ingen.
import-kind = Hvad indeholder filen
import-file = Fil (.xlsx, .ods eller CSV)
import-file-hint = Første linje er kolonnernes navne, fx Navn;Status;Sprog;Program;E-mail. Højst 10.000 rækker.
import-check = Kontrollér
import-commit = Importér
import-uploading = Sender filen …
import-result = Resultat
import-checked = { $rows } rækker læst ({ $format }); { $valid } uden fejl.
import-unread = Filen kunne ikke læses.
import-created = { $n } oprettet.
import-clean = Filen er uden fejl og kan importeres.
import-nothing-written = Intet er gemt. Ret rækkerne i regnearket, og prøv igen.
import-problems = Fejl pr. række
import-line = Linje
import-column = Kolonne
import-field = Felt
import-problem = Fejl
err-import-no-file = Vælg en fil.
nav-import = Import
