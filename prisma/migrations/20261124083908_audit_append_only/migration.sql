-- Audit events are append-only: the database itself refuses to change or remove one, whatever
-- code (or person) holds a connection. Triggers are invisible to Prisma's schema diff, so
-- schema.prisma stays as it is. TRUNCATE (table-level, used to reset test databases) is not a
-- row change and is left to database privileges.
CREATE OR REPLACE FUNCTION "audit_event_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
    USING ERRCODE = 'P0001', HINT = 'Audit events are never changed or deleted; record a new event instead.';
END;
$$;

CREATE TRIGGER "audit_event_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
