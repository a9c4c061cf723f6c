-- +goose Up
-- The contents a plan lists ("7 key and 2 breakthrough contents"), in their order: kind is
-- key (trọng tâm), breakthrough (đột phá) or other. Their number per kind is a figure.
CREATE TABLE document_contents (
    document_id INTEGER NOT NULL REFERENCES documents (id),
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE INDEX document_contents_kind ON document_contents (kind, document_id);

-- +goose Down
DROP TABLE document_contents;
