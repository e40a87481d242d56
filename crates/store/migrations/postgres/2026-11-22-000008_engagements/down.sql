DROP TABLE engagements;
