DROP TABLE report_choices;
DROP TABLE programme_costs;
