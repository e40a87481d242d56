# Import af deltagere og peer-medarbejdere fra et regneark (issue 4).

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
