# Læsning af tabeller fra filer: CSV, Excel-projektmapper (.xlsx) og OpenDocument-regneark (.ods).
# Et problem nævnes med sit sted: linje, kolonne og kolonnens overskrift.

table-at-cell = Linje { $line }, kolonne { $column } ({ $name }): { $problem }
table-at-column = Linje { $line }, kolonne { $column }: { $problem }
table-at-line = Linje { $line }: { $problem }

table-format-csv = CSV, { $encoding }, adskilt med { $delimiter }
table-format-xlsx = Excel-projektmappe (.xlsx)
table-format-ods = OpenDocument-regneark (.ods)
table-delimiter-semicolon = semikolon
table-delimiter-comma = komma
table-delimiter-tab = tabulator

err-table-empty = Filen er tom.
err-table-not-text = Filen er hverken tekst (CSV) eller et regneark, der kan læses.
err-table-unsupported = Filen (.{ $detail }) er ikke et regneark, der kan læses. Gem den som Excel-projektmappe (.xlsx), OpenDocument-regneark (.ods) eller CSV.
err-table-damaged = Filen (.{ $detail }) kan ikke læses som regneark; den er måske beskadiget. Åbn den i regnearket, og gem den igen.
err-table-too-large = Regnearket fylder for meget, når det pakkes ud. Del det op i flere filer.
err-table-unreadable = Linjen kan ikke læses.
err-table-unclosed-quote = Feltet begynder med et anførselstegn, som aldrig afsluttes. Et anførselstegn inde i et felt skal skrives dobbelt ("").
err-table-cell-error = Cellen indeholder en formelfejl ({ $value }). Ret formlen, eller skriv værdien ind.
err-table-no-header = Første linje skal være en overskriftslinje med kolonnernes navne. Kendte kolonner: { $detail }.
err-table-unknown-column = Kolonnen »{ $name }« kendes ikke. Kendte kolonner: { $detail }.
err-table-duplicate-column = Kolonnen »{ $name }« står der allerede. Hver kolonne må kun stå én gang.
err-table-missing-column = Kolonnen »{ $name }« mangler i overskriftslinjen.
err-table-no-rows = Filen har en overskriftslinje, men ingen rækker.
err-table-too-many = Filen har mere end { $detail } rækker. Del den op i flere filer.
err-table-short-row = Rækken slutter før denne kolonne; den har kun { $detail } felter. Hver række skal have et felt (gerne tomt) for hver kolonne i overskriftslinjen.
err-table-too-wide = Der læses højst { $detail } kolonner. Slet cellen, eller flyt tabellen længere til venstre.
err-table-extra-cell = Der står en værdi i en kolonne uden overskrift. Sæt anførselstegn om felter, der indeholder komma eller semikolon.
