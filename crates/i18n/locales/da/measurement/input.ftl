# Evaluatorens filer (sammen evaluate) og partneres opsummeringer til puljning: værdier, der ikke kan bruges.

err-eval-missing-value = Værdien mangler.
err-eval-not-number = »{ $value }« er ikke et tal.
err-eval-decimal-point = »{ $value }« er ikke et tal. Brug decimalpunktum, eller adskil kolonnerne med semikolon, så er komma decimaltegn.
err-eval-wave = »{ $value }« skal være »baseline« eller »followup«.
err-eval-repeated-wave = Deltageren har allerede en { $value }-score på linje { $detail }.
err-eval-two-sites = Deltageren står ved et andet sted på linje { $detail }; her ved »{ $value }«.
err-eval-site-twice = Stedet »{ $value }« står der allerede på linje { $detail }.
err-eval-variance = Variansen skal være større end 0; her er den { $value }.
err-eval-n = n skal være et helt tal på mindst 3; her er det { $value }.
err-eval-sd = Standardafvigelsen skal være større end 0; her er den { $value }.
err-eval-r = En korrelation ligger mellem -1 og 1; her er den { $value }.
err-eval-no-change = Der kan ikke beregnes en standardiseret ændring ud fra rækken.
