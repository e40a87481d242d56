# Matchforslagets forklaringer, alternativer og bekræftelsen af de sendte tilbud.

matching-taken-by = { $peer } (går til { $names })
matching-alternatives = Mulige peer-medarbejdere og deres score
matching-proposed = Foreslået
matching-participant = Deltager
matching-sent-title = Tilbud sendt
matching-sent-intro = Disse tilbud er gemt og sendt til peer-medarbejderne, præcis som vist. Hver peer-medarbejder svarer ja eller nej.
matching-offer-state = Status
