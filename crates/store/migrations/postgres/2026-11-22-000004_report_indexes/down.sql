DROP INDEX participants_report;
DROP INDEX responses_report;
