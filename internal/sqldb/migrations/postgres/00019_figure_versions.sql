-- +goose Up
-- The data version of each figure source (FigureSource.Version): every write to a table a
-- source counts from raises it in the same transaction, whatever writes it, so that the
-- figure service keeps a source's answers while its version stays the same and no node ever
-- serves a figure older than the data it has read. A change to units raises
-- unit_tree_version, which the service's cache keys on too.
CREATE TABLE figure_versions (
    source  TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO figure_versions (source, version) VALUES ('people', 1), ('study', 1), ('documents', 1), ('reported', 1);

-- The triggers are deferred to the commit, and take there the lock of the audit chain
-- (chainLockKey in audit_chain.go) before a version's row, as the chain's records, written
-- at the commit too, take it first: two transactions never hold one version's row each while
-- waiting for the other's. tuyengiao.figure_versions keeps the sources raised already, so
-- that a transaction of many rows raises each version once.
-- +goose StatementBegin
CREATE FUNCTION figure_versions_raise() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    raised text := COALESCE(current_setting('tuyengiao.figure_versions', true), '');
    src text;
BEGIN
    FOREACH src IN ARRAY TG_ARGV LOOP
        IF position(',' || src || ',' IN raised) = 0 THEN
            PERFORM pg_advisory_xact_lock(7310004);
            UPDATE figure_versions SET version = version + 1 WHERE source = src;
            raised := raised || ',' || src || ',';
        END IF;
    END LOOP;
    PERFORM set_config('tuyengiao.figure_versions', raised, true);
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE CONSTRAINT TRIGGER figure_versions_people AFTER INSERT OR UPDATE OR DELETE ON people
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('people', 'study');

CREATE CONSTRAINT TRIGGER figure_versions_person_status_history AFTER INSERT OR UPDATE OR DELETE ON person_status_history
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('people', 'study');

CREATE CONSTRAINT TRIGGER figure_versions_people_counts AFTER INSERT OR UPDATE OR DELETE ON people_counts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('people', 'study');

CREATE CONSTRAINT TRIGGER figure_versions_campaigns AFTER INSERT OR UPDATE OR DELETE ON campaigns
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('study');

CREATE CONSTRAINT TRIGGER figure_versions_conferences AFTER INSERT OR UPDATE OR DELETE ON conferences
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('study');

CREATE CONSTRAINT TRIGGER figure_versions_bridge_points AFTER INSERT OR UPDATE OR DELETE ON bridge_points
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('study');

CREATE CONSTRAINT TRIGGER figure_versions_bridge_point_counts AFTER INSERT OR UPDATE OR DELETE ON bridge_point_counts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('study');

CREATE CONSTRAINT TRIGGER figure_versions_attendance AFTER INSERT OR UPDATE OR DELETE ON attendance
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('study');

CREATE CONSTRAINT TRIGGER figure_versions_essays AFTER INSERT OR UPDATE OR DELETE ON essays
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('study');

CREATE CONSTRAINT TRIGGER figure_versions_documents AFTER INSERT OR UPDATE OR DELETE ON documents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('documents');

CREATE CONSTRAINT TRIGGER figure_versions_document_fields AFTER INSERT OR UPDATE OR DELETE ON document_fields
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('documents');

CREATE CONSTRAINT TRIGGER figure_versions_document_contents AFTER INSERT OR UPDATE OR DELETE ON document_contents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('documents');

CREATE CONSTRAINT TRIGGER figure_versions_document_relations AFTER INSERT OR UPDATE OR DELETE ON document_relations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('documents');

CREATE CONSTRAINT TRIGGER figure_versions_doc_types AFTER INSERT OR UPDATE OR DELETE ON doc_types
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('documents');

CREATE CONSTRAINT TRIGGER figure_versions_doc_issuers AFTER INSERT OR UPDATE OR DELETE ON doc_issuers
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('documents');

CREATE CONSTRAINT TRIGGER figure_versions_reported_indicators AFTER INSERT OR UPDATE OR DELETE ON reported_indicators
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('reported');

CREATE CONSTRAINT TRIGGER figure_versions_data_sets AFTER INSERT OR UPDATE OR DELETE ON data_sets
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('reported');

CREATE CONSTRAINT TRIGGER figure_versions_data_set_indicators AFTER INSERT OR UPDATE OR DELETE ON data_set_indicators
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('reported');

CREATE CONSTRAINT TRIGGER figure_versions_report_forms AFTER INSERT OR UPDATE OR DELETE ON report_forms
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('reported');

CREATE CONSTRAINT TRIGGER figure_versions_reported_values AFTER INSERT OR UPDATE OR DELETE ON reported_values
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('reported');

-- +goose Down
DROP TRIGGER figure_versions_reported_values ON reported_values;
DROP TRIGGER figure_versions_report_forms ON report_forms;
DROP TRIGGER figure_versions_data_set_indicators ON data_set_indicators;
DROP TRIGGER figure_versions_data_sets ON data_sets;
DROP TRIGGER figure_versions_reported_indicators ON reported_indicators;
DROP TRIGGER figure_versions_doc_issuers ON doc_issuers;
DROP TRIGGER figure_versions_doc_types ON doc_types;
DROP TRIGGER figure_versions_document_relations ON document_relations;
DROP TRIGGER figure_versions_document_contents ON document_contents;
DROP TRIGGER figure_versions_document_fields ON document_fields;
DROP TRIGGER figure_versions_documents ON documents;
DROP TRIGGER figure_versions_essays ON essays;
DROP TRIGGER figure_versions_attendance ON attendance;
DROP TRIGGER figure_versions_bridge_point_counts ON bridge_point_counts;
DROP TRIGGER figure_versions_bridge_points ON bridge_points;
DROP TRIGGER figure_versions_conferences ON conferences;
DROP TRIGGER figure_versions_campaigns ON campaigns;
DROP TRIGGER figure_versions_people_counts ON people_counts;
DROP TRIGGER figure_versions_person_status_history ON person_status_history;
DROP TRIGGER figure_versions_people ON people;
DROP FUNCTION figure_versions_raise();
DROP TABLE figure_versions;
