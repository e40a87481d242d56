# The report's costs from recorded hours, the report form's waves and remembered choices.

reports-wave-choose = Choose a wave
reports-wave-none = No measurement plan in the chosen scope measures this instrument; the report can compare only with the closure.
reports-wave-hint-plan = The waves of the measurement plans of the chosen scope and instrument.
reports-remembered = The form holds your last choices.
reports-cost-on = Work out costs and benefits
reports-cost-records-hint = The hours come from Sammen's own records in the report's period: sessions, group meetings, supervision, training and the programmes' coordination hours. Choose a period (from and to) above. The prices come from the organisation's settings.
reports-overrides = Override a recorded figure
reports-overrides-hint = Leave the fields empty to use what was recorded. An overridden figure needs a reason; the report prints the reason.
reports-override-value = { $figure }: overridden figure
reports-override-reason = { $figure }: reason

err-report-wave-unknown = Choose one of the waves of the measurement plans of the chosen scope and instrument.

err-cost-period-required = Choose both a from and a to date to work out costs: the hours are counted in the period.
err-cost-override-value = Write the overridden figure, or delete the reason.
err-cost-override-reason = Write a reason for the overridden figure.
err-coordination-hours = Give coordination hours a month as a number from 0 to 744.

programme-coordination = Coordination (hours a month)
programme-coordination-hint = Used in the reports' costs. Empty when not set.

cost-figure-session_hours = Peer hours, sessions
cost-figure-group_hours = Peer hours, groups
cost-figure-supervision_hours = Supervision hours
cost-figure-coordination_hours = Coordination hours
cost-figure-peers_trained = Peers trained

cost-source-session_hours = { $count } sessions, { $hours } h, from session logs
cost-source-group_hours = { $count } group meetings × facilitators ({ $detail } in all), { $hours } h, from the groups' meetings
cost-source-supervision_hours = { $count } supervision sessions, { $detail } attendances, { $hours } h, from supervision
cost-source-coordination_hours = { $detail } h a month from { $count } programmes' settings, { $hours } h in the period
cost-source-peers_trained = { $count } peers completed a course, from training

cost-unit-peer_hourly_wage = kr. per hour
cost-unit-supervision_hourly_wage = kr. per hour
cost-unit-coordination_hourly_wage = kr. per hour
cost-unit-training_cost_per_peer = kr. per peer trained
cost-unit-overhead_share = share of direct costs (0–1)
cost-unit-admission_price = kr. per admission
cost-unit-bed_day_price = kr. per bed-day

cost-default-source-peer_hourly_wage = Set by the organisation: no source. Enter what an hour of peer support costs the organisation, with pension and holiday pay. Peer workers' pay is agreed locally.
cost-default-source-supervision_hourly_wage = Set by the organisation: no source. Enter what an hour of the supervisor's time costs, with pension and holiday pay.
cost-default-source-training_cost_per_peer = Set by the organisation: no source. Enter the cost of training one peer (course fees and paid hours).
cost-default-source-coordination_hourly_wage = Set by the organisation: no source. Enter what an hour of the coordinator's time costs, with pension and holiday pay.
cost-default-source-overhead_share = Set by the organisation: no source. Enter the organisation's overhead rate (premises, administration, IT).
cost-default-source-admission_price = Set by the organisation: no source. Enter a cost per admission only for what the bed-day price does not cover; 0 avoids counting a stay twice.
cost-default-source-bed_day_price = The daily rate a municipality pays the region for a 'særlig plads' on a psychiatric ward, 2022 (Region Hovedstadens Psykiatri, Psykiatrisk Center Nordsjælland, 'Økonomi'), set by Bekendtgørelse om kommuners betaling til regioner for særlige pladser på psykiatrisk afdeling (nr. 1261 af 21. august 2020, § 2: 3.836 kr. per day, indexed every year). It is the price of one kind of psychiatric bed, not the cost of an ordinary psychiatric bed-day: replace it with the price your organisation uses. Range ±25 %: a convention, not sourced.

rpt-cost-from-records = The hours come from Sammen's records from { $from } to { $to } ({ $months } months). Each figure shows its source.
rpt-cost-party = Costs: { $site }
rpt-cost-figures = Hours and people from the records
rpt-cost-recorded = Recorded
rpt-cost-used = Used
rpt-cost-override = Overridden
rpt-cost-overridden = Overridden: { $reason }
rpt-cost-figures-note = Hours, except training, which counts peers. Each party of a partnership is costed with its own figures and its own prices.
rpt-cost-override-note = { $figure } is overridden to { $used } (recorded: { $recorded }). Reason: { $reason }
rpt-cost-coordination-unset = These programmes have no coordination hours set and count 0: { $programmes }.
rpt-cost-prices-unset = These prices are not set: { $prices }. Without them the report shows no costs and no net gain. Set them under "Prices for the cost calculation".
rpt-cost-unit = Unit
rpt-cost-all-parties = All parties
rpt-cost-total-missing = No overall net gain: at least one party lacks prices.
