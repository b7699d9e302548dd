-- Dial-out destinations a trunk allows (E.164 prefixes, comma-separated; empty: no dial-out),
-- and the direction of a CDR (inbound dial-in or outbound dial-out).
ALTER TABLE trunks ADD COLUMN dial_out_prefixes VARCHAR(2000) DEFAULT '' NOT NULL;
ALTER TABLE cdrs ADD COLUMN direction VARCHAR(8) DEFAULT 'inbound' NOT NULL;
