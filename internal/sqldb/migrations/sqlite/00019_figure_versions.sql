-- +goose Up
-- The data version of each figure source (FigureSource.Version): every write to a table a
-- source counts from raises it in the same transaction, whatever writes it, so that the
-- figure service keeps a source's answers while its version stays the same and no node ever
-- serves a figure older than the data it has read. A change to units raises
-- unit_tree_version, which the service's cache keys on too.
CREATE TABLE figure_versions (
    source  TEXT PRIMARY KEY,
    version INTEGER NOT NULL
);
INSERT INTO figure_versions (source, version) VALUES ('people', 1), ('study', 1), ('documents', 1), ('reported', 1);

-- +goose StatementBegin
CREATE TRIGGER figure_versions_people_insert AFTER INSERT ON people
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('people', 'study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_people_update AFTER UPDATE ON people
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('people', 'study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_people_delete AFTER DELETE ON people
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('people', 'study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_person_status_history_insert AFTER INSERT ON person_status_history
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('people', 'study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_person_status_history_update AFTER UPDATE ON person_status_history
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('people', 'study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_person_status_history_delete AFTER DELETE ON person_status_history
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('people', 'study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_people_counts_insert AFTER INSERT ON people_counts
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('people', 'study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_people_counts_update AFTER UPDATE ON people_counts
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('people', 'study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_people_counts_delete AFTER DELETE ON people_counts
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('people', 'study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_campaigns_insert AFTER INSERT ON campaigns
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_campaigns_update AFTER UPDATE ON campaigns
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_campaigns_delete AFTER DELETE ON campaigns
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_conferences_insert AFTER INSERT ON conferences
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_conferences_update AFTER UPDATE ON conferences
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_conferences_delete AFTER DELETE ON conferences
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_bridge_points_insert AFTER INSERT ON bridge_points
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_bridge_points_update AFTER UPDATE ON bridge_points
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_bridge_points_delete AFTER DELETE ON bridge_points
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_bridge_point_counts_insert AFTER INSERT ON bridge_point_counts
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_bridge_point_counts_update AFTER UPDATE ON bridge_point_counts
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_bridge_point_counts_delete AFTER DELETE ON bridge_point_counts
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_attendance_insert AFTER INSERT ON attendance
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_attendance_update AFTER UPDATE ON attendance
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_attendance_delete AFTER DELETE ON attendance
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_essays_insert AFTER INSERT ON essays
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_essays_update AFTER UPDATE ON essays
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_essays_delete AFTER DELETE ON essays
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('study');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_documents_insert AFTER INSERT ON documents
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_documents_update AFTER UPDATE ON documents
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_documents_delete AFTER DELETE ON documents
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_document_fields_insert AFTER INSERT ON document_fields
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_document_fields_update AFTER UPDATE ON document_fields
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_document_fields_delete AFTER DELETE ON document_fields
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_document_contents_insert AFTER INSERT ON document_contents
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_document_contents_update AFTER UPDATE ON document_contents
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_document_contents_delete AFTER DELETE ON document_contents
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_document_relations_insert AFTER INSERT ON document_relations
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_document_relations_update AFTER UPDATE ON document_relations
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_document_relations_delete AFTER DELETE ON document_relations
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_doc_types_insert AFTER INSERT ON doc_types
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_doc_types_update AFTER UPDATE ON doc_types
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_doc_types_delete AFTER DELETE ON doc_types
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_doc_issuers_insert AFTER INSERT ON doc_issuers
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_doc_issuers_update AFTER UPDATE ON doc_issuers
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_doc_issuers_delete AFTER DELETE ON doc_issuers
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('documents');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_reported_indicators_insert AFTER INSERT ON reported_indicators
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('reported');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_reported_indicators_update AFTER UPDATE ON reported_indicators
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('reported');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_reported_indicators_delete AFTER DELETE ON reported_indicators
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('reported');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_data_sets_insert AFTER INSERT ON data_sets
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('reported');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_data_sets_update AFTER UPDATE ON data_sets
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('reported');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_data_sets_delete AFTER DELETE ON data_sets
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('reported');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_data_set_indicators_insert AFTER INSERT ON data_set_indicators
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('reported');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_data_set_indicators_update AFTER UPDATE ON data_set_indicators
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('reported');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_data_set_indicators_delete AFTER DELETE ON data_set_indicators
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('reported');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_report_forms_insert AFTER INSERT ON report_forms
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('reported');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_report_forms_update AFTER UPDATE ON report_forms
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('reported');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_report_forms_delete AFTER DELETE ON report_forms
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('reported');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_reported_values_insert AFTER INSERT ON reported_values
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('reported');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_reported_values_update AFTER UPDATE ON reported_values
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('reported');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_reported_values_delete AFTER DELETE ON reported_values
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source IN ('reported');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER figure_versions_reported_values_delete;
DROP TRIGGER figure_versions_reported_values_update;
DROP TRIGGER figure_versions_reported_values_insert;
DROP TRIGGER figure_versions_report_forms_delete;
DROP TRIGGER figure_versions_report_forms_update;
DROP TRIGGER figure_versions_report_forms_insert;
DROP TRIGGER figure_versions_data_set_indicators_delete;
DROP TRIGGER figure_versions_data_set_indicators_update;
DROP TRIGGER figure_versions_data_set_indicators_insert;
DROP TRIGGER figure_versions_data_sets_delete;
DROP TRIGGER figure_versions_data_sets_update;
DROP TRIGGER figure_versions_data_sets_insert;
DROP TRIGGER figure_versions_reported_indicators_delete;
DROP TRIGGER figure_versions_reported_indicators_update;
DROP TRIGGER figure_versions_reported_indicators_insert;
DROP TRIGGER figure_versions_doc_issuers_delete;
DROP TRIGGER figure_versions_doc_issuers_update;
DROP TRIGGER figure_versions_doc_issuers_insert;
DROP TRIGGER figure_versions_doc_types_delete;
DROP TRIGGER figure_versions_doc_types_update;
DROP TRIGGER figure_versions_doc_types_insert;
DROP TRIGGER figure_versions_document_relations_delete;
DROP TRIGGER figure_versions_document_relations_update;
DROP TRIGGER figure_versions_document_relations_insert;
DROP TRIGGER figure_versions_document_contents_delete;
DROP TRIGGER figure_versions_document_contents_update;
DROP TRIGGER figure_versions_document_contents_insert;
DROP TRIGGER figure_versions_document_fields_delete;
DROP TRIGGER figure_versions_document_fields_update;
DROP TRIGGER figure_versions_document_fields_insert;
DROP TRIGGER figure_versions_documents_delete;
DROP TRIGGER figure_versions_documents_update;
DROP TRIGGER figure_versions_documents_insert;
DROP TRIGGER figure_versions_essays_delete;
DROP TRIGGER figure_versions_essays_update;
DROP TRIGGER figure_versions_essays_insert;
DROP TRIGGER figure_versions_attendance_delete;
DROP TRIGGER figure_versions_attendance_update;
DROP TRIGGER figure_versions_attendance_insert;
DROP TRIGGER figure_versions_bridge_point_counts_delete;
DROP TRIGGER figure_versions_bridge_point_counts_update;
DROP TRIGGER figure_versions_bridge_point_counts_insert;
DROP TRIGGER figure_versions_bridge_points_delete;
DROP TRIGGER figure_versions_bridge_points_update;
DROP TRIGGER figure_versions_bridge_points_insert;
DROP TRIGGER figure_versions_conferences_delete;
DROP TRIGGER figure_versions_conferences_update;
DROP TRIGGER figure_versions_conferences_insert;
DROP TRIGGER figure_versions_campaigns_delete;
DROP TRIGGER figure_versions_campaigns_update;
DROP TRIGGER figure_versions_campaigns_insert;
DROP TRIGGER figure_versions_people_counts_delete;
DROP TRIGGER figure_versions_people_counts_update;
DROP TRIGGER figure_versions_people_counts_insert;
DROP TRIGGER figure_versions_person_status_history_delete;
DROP TRIGGER figure_versions_person_status_history_update;
DROP TRIGGER figure_versions_person_status_history_insert;
DROP TRIGGER figure_versions_people_delete;
DROP TRIGGER figure_versions_people_update;
DROP TRIGGER figure_versions_people_insert;
DROP TABLE figure_versions;
