-- The stable public interface (DESIGN.md "Public database interface"). Keep column names stable.
DROP VIEW IF EXISTS v_documents;
CREATE VIEW v_documents AS
SELECT document_id, nummer, version, title, kind, date, dossier, volgnummer, parent_document_id,
       source_file, format, sha256
FROM documents;

DROP VIEW IF EXISTS v_agreements;
CREATE VIEW v_agreements AS
SELECT document_id, agreement_key, code, title, section, what, page, char_start, char_end
FROM agreements;

DROP VIEW IF EXISTS v_agreement_actors;
CREATE VIEW v_agreement_actors AS
SELECT a.document_id, a.agreement_key, a.organisation_id, o.name AS organisation_name,
       o.abbreviation, a.role
FROM agreement_actors a JOIN organisations o ON o.organisation_id = a.organisation_id;

DROP VIEW IF EXISTS v_time_expressions;
CREATE VIEW v_time_expressions AS
SELECT document_id, agreement_key, surface, value, modifier, start_date, end_date, kind, task,
       char_start, char_end
FROM time_expressions;

DROP VIEW IF EXISTS v_references;
CREATE VIEW v_references AS
SELECT document_id, kind, target, surface, status, char_start, char_end
FROM refs;

DROP VIEW IF EXISTS v_status_statements;
CREATE VIEW v_status_statements AS
SELECT document_id, section_key, section_title, status, quote
FROM status_statements;

DROP VIEW IF EXISTS v_changes;
CREATE VIEW v_changes AS
SELECT from_document_id, to_document_id, agreement_key_from, agreement_key_to, change_kind, field,
       old_value, new_value
FROM changes;
