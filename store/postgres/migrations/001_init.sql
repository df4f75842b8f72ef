-- sitrep schema version 1 for PostgreSQL. Each table keeps the full record as
-- JSON in "record" beside the columns that filters and ordering use.
-- "ord" columns are the keyset for cursor pagination: the sort key with
-- the row's identity appended, so they are unique.

CREATE TABLE documents (
    id         TEXT PRIMARY KEY,
    ord        TEXT COLLATE "C" NOT NULL UNIQUE,
    source     TEXT NOT NULL,
    url        TEXT UNIQUE,          -- NULL when the document has none
    title      TEXT NOT NULL,
    published  TEXT NOT NULL,
    pub_date   TEXT NOT NULL,        -- YYYY-MM-DD or ''
    hash       TEXT NOT NULL UNIQUE,
    stored_at  TEXT NOT NULL,
    n_entities INTEGER NOT NULL,
    n_places   INTEGER NOT NULL,
    n_events   INTEGER NOT NULL,
    record     TEXT NOT NULL
);
CREATE INDEX documents_source ON documents (lower(source));

CREATE TABLE entities (
    doc_id     TEXT NOT NULL,
    idx        INTEGER NOT NULL,
    entity_id  TEXT COLLATE "C" NOT NULL,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    country    TEXT NOT NULL,
    cameo      TEXT NOT NULL,
    known      INTEGER NOT NULL,
    n_mentions INTEGER NOT NULL,
    record     TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX entities_entity ON entities (entity_id);

CREATE TABLE places (
    doc_id    TEXT NOT NULL,
    idx       INTEGER NOT NULL,
    place_id  TEXT NOT NULL,
    name      TEXT NOT NULL,
    country   TEXT NOT NULL,
    precision TEXT NOT NULL,
    lat       DOUBLE PRECISION NOT NULL,
    lon       DOUBLE PRECISION NOT NULL,
    bbox      TEXT NOT NULL,         -- JSON [west, south, east, north] or ''
    record    TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX places_place ON places (place_id);

CREATE TABLE events (
    doc_id         TEXT NOT NULL,
    idx            INTEGER NOT NULL,
    event_id       TEXT NOT NULL,
    ord            TEXT COLLATE "C" NOT NULL UNIQUE,
    type           TEXT NOT NULL,
    cameo          TEXT NOT NULL,
    actor_id       TEXT NOT NULL,
    actor_name     TEXT NOT NULL,
    recipient_id   TEXT NOT NULL,
    recipient_name TEXT NOT NULL,
    date_earliest  TEXT NOT NULL,
    date_latest    TEXT NOT NULL,
    has_loc        INTEGER NOT NULL,
    place_id       TEXT NOT NULL,
    place_name     TEXT NOT NULL,
    country        TEXT NOT NULL,
    lat            DOUBLE PRECISION NOT NULL,
    lon            DOUBLE PRECISION NOT NULL,
    bbox           TEXT NOT NULL,    -- the place's bbox, JSON, or ''
    source         TEXT NOT NULL,
    status         TEXT NOT NULL,
    record         TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX events_event ON events (doc_id, event_id);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_actor ON events (actor_id);
CREATE INDEX events_recipient ON events (recipient_id);
CREATE INDEX events_latlon ON events (lat, lon) WHERE has_loc = 1;

CREATE TABLE fused (
    id             TEXT PRIMARY KEY,
    ord            TEXT COLLATE "C" NOT NULL UNIQUE,
    type           TEXT NOT NULL,
    cameo          TEXT NOT NULL,
    actor_id       TEXT NOT NULL,
    actor_name     TEXT NOT NULL,
    recipient_id   TEXT NOT NULL,
    recipient_name TEXT NOT NULL,
    date_earliest  TEXT NOT NULL,
    date_latest    TEXT NOT NULL,
    has_loc        INTEGER NOT NULL,
    place_id       TEXT NOT NULL,
    place_name     TEXT NOT NULL,
    country        TEXT NOT NULL,
    lat            DOUBLE PRECISION NOT NULL,
    lon            DOUBLE PRECISION NOT NULL,
    bbox           TEXT NOT NULL,    -- the place's bbox, JSON, or ''
    status         TEXT NOT NULL,
    origins        INTEGER NOT NULL,
    outlets        INTEGER NOT NULL,
    record         TEXT NOT NULL
);
CREATE INDEX fused_type ON fused (type);

CREATE TABLE fused_members (
    fused_id TEXT NOT NULL,
    idx      INTEGER NOT NULL,
    doc_id   TEXT NOT NULL,
    event_id TEXT NOT NULL,
    source   TEXT NOT NULL,
    PRIMARY KEY (fused_id, idx)
);
CREATE INDEX fused_members_event ON fused_members (doc_id, event_id);

CREATE TABLE origins (
    doc_id TEXT PRIMARY KEY,
    origin TEXT NOT NULL,
    record TEXT NOT NULL
);

CREATE TABLE threads (
    id     TEXT PRIMARY KEY,
    record TEXT NOT NULL
);
