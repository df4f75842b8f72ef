-- sitrep schema version 2: list events and fused events of one type in
-- page order straight from an index, instead of sorting every match.
DROP INDEX events_type;
CREATE INDEX events_type_ord ON events (type, ord);
DROP INDEX fused_type;
CREATE INDEX fused_type_ord ON fused (type, ord);
