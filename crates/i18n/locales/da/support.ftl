# Fejlbeskeder fra deltagerforløbets fundament (domain/src/support.rs), som alle dele af issue 4 deler.

err-availability = Skriv tider som "mon 9-12, wed 13-16": ugedagens engelske forkortelse og hele timer fra–til.
err-capacity = Angiv et helt tal fra 0 til 50.
err-duration = Angiv en varighed i minutter fra 1 til 720.
err-location-pair = Angiv både breddegrad og længdegrad, eller ingen af dem.
err-number = Angiv et tal inden for det tilladte interval.
err-progress = Angiv et tal fra 0 til 10.
err-time = Angiv et klokkeslæt som TT:MM, fx 09:30.
err-topics-need-consent = Erfaringsområder gemmes kun med peer-medarbejderens samtykke.
