"""On PostgreSQL the audit log is append-only in the database itself: a trigger refuses
every UPDATE and DELETE of ``referrals_auditentry`` (whatever the ORM or a raw query does),
except the one update ON DELETE SET NULL makes when a user or a referral is deleted (the
entry keeps its user name and case code). Audit entries hold codes only, never person
data, so anonymising a referral never needs to change one. SQLite keeps the ORM's guard."""

from django.db import migrations

TABLE = "referrals_auditentry"
FUNCTION = "referrals_auditentry_append_only"

CREATE = [
    f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
        AND (NEW.id, NEW.at, NEW.username, NEW.action, NEW.allowed, NEW.case_code,
             NEW.detail, NEW.ip_address)
            IS NOT DISTINCT FROM
            (OLD.id, OLD.at, OLD.username, OLD.action, OLD.allowed, OLD.case_code,
             OLD.detail, OLD.ip_address)
        AND (NEW.user_id IS NOT DISTINCT FROM OLD.user_id OR NEW.user_id IS NULL)
        AND (NEW.referral_id IS NOT DISTINCT FROM OLD.referral_id OR NEW.referral_id IS NULL)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'The audit log is append-only: % on {TABLE} refused.', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
""",
    f"DROP TRIGGER IF EXISTS {FUNCTION} ON {TABLE}",
    f"""CREATE TRIGGER {FUNCTION} BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()""",
]

DROP = [f"DROP TRIGGER IF EXISTS {FUNCTION} ON {TABLE}", f"DROP FUNCTION IF EXISTS {FUNCTION}()"]


def _run(schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement, params=None)  # no parameters: "%" is literal


def create_trigger(apps, schema_editor):
    _run(schema_editor, CREATE)


def drop_trigger(apps, schema_editor):
    _run(schema_editor, DROP)


class Migration(migrations.Migration):
    dependencies = [("referrals", "0002_enrolment_codes_and_reminders")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
