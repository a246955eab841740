package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations[i] brings the schema from version i to i+1. They are applied
// in order on open, all in one transaction with PRAGMA user_version, so a
// database is at one version or the next, never between. Never edit a
// released migration: add one.
var migrations = [...]string{
	// 1: companies, scans with their result JSON, drafts.
	`
CREATE TABLE companies (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL DEFAULT '',
	kvk           TEXT NOT NULL DEFAULT '',
	establishment TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
CREATE INDEX companies_by_kvk ON companies(kvk);
CREATE INDEX companies_by_name ON companies(name COLLATE NOCASE);

CREATE TABLE scans (
	pk                    INTEGER PRIMARY KEY,
	id                    TEXT NOT NULL UNIQUE,
	company_id            INTEGER REFERENCES companies(id),
	created_at            TEXT NOT NULL, -- UTC, fixed width, sorts as text
	scan_date             TEXT NOT NULL, -- as_of, else the day of created_at
	saved_at              TEXT NOT NULL,
	questionnaire_id      TEXT NOT NULL,
	questionnaire_version TEXT NOT NULL,
	questionnaire_hash    TEXT NOT NULL,
	catalogue_id          TEXT NOT NULL,
	catalogue_version     TEXT NOT NULL,
	lang                  TEXT NOT NULL,
	mode                  TEXT NOT NULL,
	advisor               TEXT NOT NULL,
	organisation          TEXT NOT NULL,
	heard_via             TEXT NOT NULL,
	sector                TEXT NOT NULL,
	size                  TEXT NOT NULL,
	municipality          TEXT NOT NULL,
	province              TEXT NOT NULL,
	quadrant              TEXT NOT NULL,
	impact                REAL NOT NULL,
	readiness             REAL NOT NULL,
	maturity              REAL NOT NULL,
	maturity_band         TEXT NOT NULL,
	dii_version           TEXT NOT NULL,
	dii_count             INTEGER NOT NULL,
	dii_basic             INTEGER NOT NULL,
	consent_statistics    INTEGER NOT NULL,
	consent_statistics_text TEXT NOT NULL,
	consent_follow_up     INTEGER NOT NULL,
	consent_follow_up_text TEXT NOT NULL,
	consent_handover      INTEGER NOT NULL,
	consent_handover_text TEXT NOT NULL,
	company_name          TEXT NOT NULL,
	kvk                   TEXT NOT NULL,
	establishment         TEXT NOT NULL
);
CREATE INDEX scans_by_date ON scans(scan_date, created_at, id);
CREATE INDEX scans_by_company ON scans(company_id, scan_date, created_at, id);
CREATE INDEX scans_by_created ON scans(created_at);
CREATE INDEX scans_by_kvk ON scans(kvk, created_at);
CREATE INDEX scans_by_company_name ON scans(company_name COLLATE NOCASE);

-- The result JSON apart, so a scan over the indexed columns stays small.
CREATE TABLE scan_results (
	scan_pk INTEGER PRIMARY KEY REFERENCES scans(pk) ON DELETE CASCADE,
	json    TEXT NOT NULL
);

CREATE TABLE drafts (
	id           TEXT PRIMARY KEY,
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	company_name TEXT NOT NULL,
	kvk          TEXT NOT NULL,
	json         TEXT NOT NULL
);
CREATE INDEX drafts_by_updated ON drafts(updated_at);
`,
	// 2: follow-ups, consent withdrawals, erased scan ids; filter indexes.
	`
CREATE TABLE follow_ups (
	id            INTEGER PRIMARY KEY,
	scan_id       TEXT NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
	programme     TEXT NOT NULL,
	outcome       TEXT NOT NULL CHECK (outcome IN ('', 'contacted', 'applied', 'started', 'not-pursued')),
	reason        TEXT NOT NULL,
	date          TEXT NOT NULL,
	note          TEXT NOT NULL,
	next_date     TEXT, -- NULL: nothing planned
	handover_note TEXT NOT NULL,
	created_at    TEXT NOT NULL
);
CREATE INDEX follow_ups_by_scan ON follow_ups(scan_id, programme, date, id);
CREATE INDEX follow_ups_by_next ON follow_ups(next_date) WHERE next_date IS NOT NULL;

CREATE TABLE consent_withdrawals (
	id           INTEGER PRIMARY KEY,
	scan_id      TEXT NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
	consent      TEXT NOT NULL CHECK (consent IN ('statistics', 'follow_up', 'handover')),
	withdrawn_at TEXT NOT NULL
);
CREATE INDEX consent_withdrawals_by_scan ON consent_withdrawals(scan_id);

-- Ids of erased or purged scans, so an import does not bring them back.
CREATE TABLE erased_scans (
	id        TEXT PRIMARY KEY,
	erased_at TEXT NOT NULL,
	reason    TEXT NOT NULL
) WITHOUT ROWID;

-- Municipality and sector select a few percent of the scans, in date
-- order. Size, quadrant, mode and consent have too few values for an index
-- to beat reading the (small) scans rows in date order.
CREATE INDEX scans_by_municipality ON scans(municipality, scan_date, created_at, id);
CREATE INDEX scans_by_sector ON scans(sector, scan_date, created_at, id);
`,
	// 3: per-dimension scores and the advanced technologies as columns, for
	// statistics without decoding the JSON; filled from the stored JSON.
	`
ALTER TABLE scans ADD COLUMN dim_strategy REAL;
ALTER TABLE scans ADD COLUMN dim_technology REAL;
ALTER TABLE scans ADD COLUMN dim_people REAL;
ALTER TABLE scans ADD COLUMN dim_data REAL;
ALTER TABLE scans ADD COLUMN dim_automation REAL;
ALTER TABLE scans ADD COLUMN dim_green REAL;
ALTER TABLE scans ADD COLUMN tech_cloud INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scans ADD COLUMN tech_ai INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scans ADD COLUMN tech_data_analytics INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scans ADD COLUMN tech_any INTEGER NOT NULL DEFAULT 0;
UPDATE scans SET
	dim_strategy   = (SELECT json_extract(d.value, '$.score') FROM scan_results r, json_each(r.json, '$.dimensions') d WHERE r.scan_pk = scans.pk AND json_extract(d.value, '$.id') = 'strategy'),
	dim_technology = (SELECT json_extract(d.value, '$.score') FROM scan_results r, json_each(r.json, '$.dimensions') d WHERE r.scan_pk = scans.pk AND json_extract(d.value, '$.id') = 'technology'),
	dim_people     = (SELECT json_extract(d.value, '$.score') FROM scan_results r, json_each(r.json, '$.dimensions') d WHERE r.scan_pk = scans.pk AND json_extract(d.value, '$.id') = 'people'),
	dim_data       = (SELECT json_extract(d.value, '$.score') FROM scan_results r, json_each(r.json, '$.dimensions') d WHERE r.scan_pk = scans.pk AND json_extract(d.value, '$.id') = 'data'),
	dim_automation = (SELECT json_extract(d.value, '$.score') FROM scan_results r, json_each(r.json, '$.dimensions') d WHERE r.scan_pk = scans.pk AND json_extract(d.value, '$.id') = 'automation'),
	dim_green      = (SELECT json_extract(d.value, '$.score') FROM scan_results r, json_each(r.json, '$.dimensions') d WHERE r.scan_pk = scans.pk AND json_extract(d.value, '$.id') = 'green'),
	tech_cloud          = coalesce((SELECT json_extract(r.json, '$.advanced_tech.cloud') FROM scan_results r WHERE r.scan_pk = scans.pk), 0),
	tech_ai             = coalesce((SELECT json_extract(r.json, '$.advanced_tech.ai') FROM scan_results r WHERE r.scan_pk = scans.pk), 0),
	tech_data_analytics = coalesce((SELECT json_extract(r.json, '$.advanced_tech.data_analytics') FROM scan_results r WHERE r.scan_pk = scans.pk), 0),
	tech_any            = coalesce((SELECT json_extract(r.json, '$.advanced_tech.any') FROM scan_results r WHERE r.scan_pk = scans.pk), 0);
`,
	// 4: the topics the business asked help with (profile.topics), as ids
	// joined by commas in the answer's order, for the demand by topic in
	// statistics; filled from the stored JSON.
	`
ALTER TABLE scans ADD COLUMN topics TEXT NOT NULL DEFAULT '';
UPDATE scans SET topics = coalesce((SELECT group_concat(t.value, ',' ORDER BY t.key)
	FROM scan_results r, json_each(r.json, '$.profile.topics') t
	WHERE r.scan_pk = scans.pk AND t.type = 'text'), '');
`,
}

// SchemaVersion is the schema version this build knows.
const SchemaVersion = len(migrations)

// migrate applies the missing migrations in one BEGIN IMMEDIATE transaction
// (so two processes opening a new database do not both migrate it).
func migrate(ctx context.Context, conn *sql.Conn) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", classify(err))
	}
	defer tx.Rollback()
	version, err := identify(ctx, tx)
	if err != nil {
		return err
	}
	if version == int64(len(migrations)) {
		return nil
	}
	for v := version; v < int64(len(migrations)); v++ {
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			return fmt.Errorf("migrate to schema %d: %w", v+1, classify(err))
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d", appID, len(migrations))); err != nil {
		return fmt.Errorf("migrate: %w", classify(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: %w", classify(err))
	}
	return nil
}
