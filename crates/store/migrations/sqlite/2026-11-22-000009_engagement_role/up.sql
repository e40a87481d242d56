-- Which role description an engagement is for: the role's key (the id of its first
-- version), so that the role's required training and supervision follow the peer worker. An
-- engagement without one (recorded before roles existed) asks nothing of the peer.
ALTER TABLE engagements ADD COLUMN role_key TEXT;
CREATE INDEX engagements_role ON engagements (role_key);
