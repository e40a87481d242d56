DROP TABLE role_descriptions;
