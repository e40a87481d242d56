# Import af deltagere og peer-medarbejdere fra et regneark.

err-import-empty = Filen er tom.
err-import-no-header = Første linje skal være en overskriftslinje med kolonnernes navne. Kendte kolonner: { $detail }.
err-import-no-rows = Filen har en overskriftslinje, men ingen rækker.
err-import-unknown-column = Kolonne { $column }, »{ $name }«, kendes ikke. Kendte kolonner: { $detail }.
err-import-duplicate-column = Kolonnen »{ $name }« (kolonne { $column }) står der allerede. Hver kolonne må kun stå én gang.
err-import-missing-column = Kolonnen »{ $name }« mangler i overskriftslinjen.
err-import-unclosed-quote = Et felt i kolonne { $column } på linje { $line } begynder med et anførselstegn, som aldrig afsluttes. Et anførselstegn inde i et felt skal skrives dobbelt ("").
err-import-too-many = Filen har mere end 10.000 rækker. Del den op i flere filer.
err-import-duplicate = Samme værdi står allerede på linje { $line }.
err-import-extra-fields = Rækken har en værdi i en kolonne uden overskrift. Sæt anførselstegn om felter, der indeholder komma eller semikolon.
err-import-cpr-leading-zero = CPR-nummeret har kun 9 cifre; regnearket har formentlig fjernet det første 0. Formatér kolonnen som tekst, og gem filen igen.
err-import-unknown-programme = Programmet findes ikke i organisationen. Skriv navnet, som det står under Indsatser.

import-title = Importér fra regneark
import-intro = Indlæs deltagere eller peer-medarbejdere fra et regneark gemt som CSV (UTF-8, eller Excels "CSV (semikolonsepareret)"). Kontrollér først: hver række med fejl vises. Importen gemmer alle rækker eller ingen.
import-kind = Hvad indeholder filen
import-file = Fil (CSV)
import-file-hint = Første linje er kolonnernes navne, fx Navn;Status;Sprog;Program;E-mail. Højst 10.000 rækker.
import-check = Kontrollér
import-commit = Importér
import-uploading = Sender filen …
import-result = Resultat
import-checked = { $rows } rækker læst ({ $encoding }, adskilt med "{ $delimiter }"); { $valid } uden fejl.
import-created = { $n } oprettet.
import-clean = Filen er uden fejl og kan importeres.
import-nothing-written = Intet er gemt. Ret rækkerne i regnearket, og prøv igen.
import-problems = Fejl pr. række
import-line = Linje
import-field = Felt
import-problem = Fejl
err-import-no-file = Vælg en fil.
nav-import = Import
