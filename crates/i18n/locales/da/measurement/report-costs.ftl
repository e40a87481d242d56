# The report's costs from recorded hours, the report form's waves and remembered choices.

reports-wave-choose = Vælg et målepunkt
reports-wave-none = Ingen måleplan i det valgte omfang måler dette instrument; rapporten kan kun sammenligne med afslutningen.
reports-wave-hint-plan = Målepunkterne i måleplanerne for det valgte omfang og instrument.
reports-remembered = Formularen er udfyldt med dine sidste valg.
reports-cost-on = Regn omkostninger og gevinster
reports-cost-records-hint = Timerne hentes fra Sammens egne registreringer i rapportens periode: samtaler, gruppemøder, supervision, uddannelse og programmernes koordineringstimer. Vælg en periode (fra og til) ovenfor. Priserne hentes fra organisationens indstillinger.
reports-overrides = Ret et tal fra registreringerne
reports-overrides-hint = Lad felterne stå tomme for at bruge det registrerede. Et rettet tal skal have en begrundelse; begrundelsen står i rapporten.
reports-override-value = { $figure }: rettet tal
reports-override-reason = { $figure }: begrundelse

err-report-wave-unknown = Vælg et af målepunkterne i måleplanerne for det valgte omfang og instrument.

err-cost-period-required = Vælg både fra- og til-dato, når omkostningerne skal regnes: timerne tælles i perioden.
err-cost-override-value = Skriv det rettede tal, eller slet begrundelsen.
err-cost-override-reason = Skriv en begrundelse for det rettede tal.
err-coordination-hours = Angiv koordineringstimer pr. måned som et tal fra 0 til 744.

programme-coordination = Koordinering (timer pr. måned)
programme-coordination-hint = Bruges i rapporternes regnestykke over omkostninger. Tom, hvis det ikke er fastsat.

cost-figure-session_hours = Peer-timer, samtaler
cost-figure-group_hours = Peer-timer, grupper
cost-figure-supervision_hours = Supervisionstimer
cost-figure-coordination_hours = Koordineringstimer
cost-figure-peers_trained = Peer-medarbejdere uddannet

cost-source-session_hours = { $count } samtaler, { $hours } t, fra samtalelogs
cost-source-group_hours = { $count } gruppemøder × facilitatorer ({ $detail } i alt), { $hours } t, fra gruppernes møder
cost-source-supervision_hours = { $count } supervisioner, { $detail } deltagelser, { $hours } t, fra supervisionen
cost-source-coordination_hours = { $detail } t pr. måned fra { $count } programmers indstilling, { $hours } t i perioden
cost-source-peers_trained = { $count } peer-medarbejdere gennemførte et kursus, fra uddannelsen

cost-unit-peer_hourly_wage = kr. i timen
cost-unit-supervision_hourly_wage = kr. i timen
cost-unit-coordination_hourly_wage = kr. i timen
cost-unit-training_cost_per_peer = kr. pr. uddannet peer-medarbejder
cost-unit-overhead_share = andel af de direkte omkostninger (0–1)
cost-unit-admission_price = kr. pr. indlæggelse
cost-unit-bed_day_price = kr. pr. sengedag

cost-default-source-peer_hourly_wage = Sættes af organisationen: ingen kilde. Angiv, hvad en times peerstøtte koster organisationen, med pension og feriepenge. Peer-medarbejderes løn aftales lokalt.
cost-default-source-supervision_hourly_wage = Sættes af organisationen: ingen kilde. Angiv, hvad en time af supervisors tid koster, med pension og feriepenge.
cost-default-source-training_cost_per_peer = Sættes af organisationen: ingen kilde. Angiv, hvad det koster at uddanne én peer-medarbejder (kursusgebyrer og betalte timer).
cost-default-source-coordination_hourly_wage = Sættes af organisationen: ingen kilde. Angiv, hvad en time af koordinatorens tid koster, med pension og feriepenge.
cost-default-source-overhead_share = Sættes af organisationen: ingen kilde. Angiv organisationens overheadsats (lokaler, administration, it).
cost-default-source-admission_price = Sættes af organisationen: ingen kilde. Angiv kun en pris pr. indlæggelse for det, sengedagsprisen ikke dækker; 0 undgår at tælle et ophold to gange.
cost-default-source-bed_day_price = Den takst, en kommune betaler regionen for en særlig plads på en psykiatrisk afdeling, 2022 (Region Hovedstadens Psykiatri, Psykiatrisk Center Nordsjælland, »Økonomi«), fastsat i bekendtgørelse om kommuners betaling til regioner for særlige pladser på psykiatrisk afdeling (nr. 1261 af 21. august 2020, § 2: 3.836 kr. pr. døgn, pristalsreguleret hvert år). Det er prisen på én slags psykiatrisk seng, ikke prisen på en almindelig psykiatrisk sengedag: erstat den med den pris, jeres organisation bruger. Interval ±25 %: en konvention uden kilde.

rpt-cost-from-records = Timerne er hentet fra Sammens registreringer fra { $from } til { $to } ({ $months } måneder). Hvert tal står med sin kilde.
rpt-cost-party = Omkostninger: { $site }
rpt-cost-figures = Timer og personer fra registreringerne
rpt-cost-recorded = Registreret
rpt-cost-used = Brugt
rpt-cost-override = Rettet
rpt-cost-overridden = Rettet: { $reason }
rpt-cost-figures-note = Timer, undtagen uddannelse, som er antal peer-medarbejdere. Et partnerskabs parter regnes hver med egne tal og egne priser.
rpt-cost-override-note = { $figure } er rettet til { $used } (registreret: { $recorded }). Begrundelse: { $reason }
rpt-cost-coordination-unset = Disse programmer har ingen koordineringstimer sat og tæller 0: { $programmes }.
rpt-cost-prices-unset = Disse priser er ikke sat: { $prices }. Uden dem viser rapporten ingen omkostninger og ingen nettogevinst. Priserne sættes under »Priser til omkostningsberegning«.
rpt-cost-unit = Enhed
rpt-cost-all-parties = Alle parter
rpt-cost-total-missing = Ingen samlet nettogevinst: mindst én part mangler priser.
