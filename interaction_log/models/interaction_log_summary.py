import hashlib
import logging
import re
from datetime import datetime, timedelta

import psycopg2
import psycopg2.errors
import pytz

from odoo import api, fields, models, tools
from odoo.fields import Domain
from odoo.orm.domains import DomainCondition, DomainNary, DomainNot
from odoo.tools import SQL, OrderedSet

from .interaction_log_entry import EVALUATIONS
from .interaction_values_mixin import CORRESPONDENCE_TYPES, INFORMATION_FLOWS, INITIATORS

_logger = logging.getLogger(__name__)

# What an entry is summarised by: the day of its date in the summary's time zone, and these
# columns. Each is a field of interaction.log.entry with the same name, so that a domain or a
# groupby on them means the same on both models.
DIMENSIONS = (
    "template_id",
    "group_id",
    "user_id",
    "company_id",
    "information_flow",
    "initiated_by",
    "correspondence_type",
    "evaluation",
    "state",
    "canceled",
    "postponed",
    "attempt_failed",
)
# The aggregates of entries the summary holds, and the aggregate of the summary that gives each.
AGGREGATES = {
    "__count": "entry_count:sum",
    "cost:sum": "cost:sum",
    "duration:sum": "duration:sum",
}
# A day bucket gives the same groups as the dates themselves at these granularities, for a
# user in the summary's time zone; not by hour, minute or second.
DAY_GRANULARITIES = {
    "day",
    "week",
    "month",
    "quarter",
    "year",
    "year_number",
    "quarter_number",
    "month_number",
    "iso_week_number",
    "day_of_year",
    "day_of_month",
    "day_of_week",
}
LITERAL_OPERATORS = {"=", "!=", "in", "not in"}

_DIMENSION_COLUMNS = ", ".join(DIMENSIONS)
_CONFLICT = f"(date, {_DIMENSION_COLUMNS}, slot)"
# The rows a statement changed, as (bucket, dimensions, count, cost, duration); the trigger adds
# them up per bucket, inserting, updating or deleting summary rows. The bucket is the local
# midnight of the entry's day, in UTC as Odoo stores datetimes.
_ROWS = (
    "timezone('UTC', timezone({tz}, date_trunc('day', timezone({tz}, timezone('UTC', date)))))"
    f" AS date, {_DIMENSION_COLUMNS}"
)
# Each connection adds its changes to rows of its own (slot = its backend's pid): Odoo's
# transactions are REPEATABLE READ, so two overlapping ones updating one shared row per group
# (two salespeople printing the same day) would have the second refused with a serialization
# failure and its whole request re-run (make load: a print rendered again up to five times).
# Readers sum the slots of a group; the scheduled purge compacts them into slot 0.
_APPLY = f"""
    INSERT INTO interaction_log_summary AS summary
           (date, {_DIMENSION_COLUMNS}, slot, entry_count, cost, duration)
    SELECT date, {_DIMENSION_COLUMNS}, pg_backend_pid(), sum(n), sum(cost), sum(duration)
      FROM (%s) changes
     GROUP BY date, {_DIMENSION_COLUMNS}
    HAVING sum(n) <> 0 OR sum(cost) <> 0 OR sum(duration) <> 0
     -- One lock order for all writers: two transactions never wait for each other in a cycle.
     ORDER BY date, {_DIMENSION_COLUMNS}
        ON CONFLICT {_CONFLICT} DO UPDATE
       SET entry_count = summary.entry_count + EXCLUDED.entry_count,
           cost = summary.cost + EXCLUDED.cost,
           duration = summary.duration + EXCLUDED.duration;
"""
_TRIGGERS = """
CREATE FUNCTION {table}_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {table};
    RETURN NULL;
END
$$;
CREATE TRIGGER {table}_truncate AFTER TRUNCATE ON interaction_log_entry
    FOR EACH STATEMENT EXECUTE FUNCTION {table}_truncate();
CREATE TRIGGER {table}_insert AFTER INSERT ON interaction_log_entry
    REFERENCING NEW TABLE AS new_entries
    FOR EACH STATEMENT EXECUTE FUNCTION {table}_apply();
CREATE TRIGGER {table}_update AFTER UPDATE ON interaction_log_entry
    REFERENCING OLD TABLE AS old_entries NEW TABLE AS new_entries
    FOR EACH STATEMENT EXECUTE FUNCTION {table}_apply();
CREATE TRIGGER {table}_delete AFTER DELETE ON interaction_log_entry
    REFERENCING OLD TABLE AS old_entries
    FOR EACH STATEMENT EXECUTE FUNCTION {table}_apply();
"""


def unchanged_update(columns):
    """PL/pgSQL: end an UPDATE's trigger at once when no entry changed any of ``columns``
    (old and new rows hold the same multiset of them). Most updates of entries write other
    columns (a delivery status); the statements below would find nothing to do, but Odoo's
    connection pool resets each connection (DISCARD ALL) before lending it, so the function's
    plans are made again in every transaction: about 2 ms a statement (make load, an e-mail's
    delivery), against a fraction of that for this one test."""
    # Two IFs: PL/pgSQL evaluates the whole condition, and an INSERT has no old_entries.
    return f"""IF TG_OP = 'UPDATE' THEN
        IF NOT EXISTS (
            SELECT {columns} FROM old_entries EXCEPT ALL SELECT {columns} FROM new_entries
        ) THEN
            RETURN NULL;
        END IF;
    END IF;"""


def summary_triggers(table):
    """The statement-level triggers on interaction_log_entry that keep the summary ``table``
    up to date through its function ``<table>_apply()``, whatever statement writes entries
    (a TRUNCATE empties it)."""
    return _TRIGGERS.format(table=table)


def compact_summary(cr, table, dimensions, sums, maxima=()):
    """Merge the rows of ``table`` that connections wrote into one row per group (slot 0),
    dropping groups whose entries all left. Only the rows of connections that are gone (and
    this one's): a live connection may write to its rows at any moment, and a writer that
    met this merge waited for it while it waited for the writer (make load: a deadlock, the
    print that met it ran again). Nor does the merge wait for a writer: a lock it would wait
    for over 100 ms (a row whose last date a writer lowers) makes this run give up, in a
    savepoint, for the next run to do."""
    columns = SQL(", ").join(SQL.identifier(name) for name in dimensions)
    totals = [(name, "sum") for name in sums] + [(name, "max") for name in maxima]
    aggregated = SQL(", ").join(
        SQL("%s(%s)", SQL(function), SQL.identifier(name)) for name, function in totals
    )
    updates = SQL(", ").join(
        SQL("%s = summary.%s + EXCLUDED.%s", *[SQL.identifier(name)] * 3)
        if function == "sum"
        else SQL("%s = GREATEST(summary.%s, EXCLUDED.%s)", *[SQL.identifier(name)] * 3)
        for name, function in totals
    )
    targets = SQL(", ").join(SQL.identifier(name) for name, _function in totals)
    cr.execute("SHOW lock_timeout")
    lock_timeout = cr.fetchone()[0]
    try:
        with cr.savepoint(flush=False):
            cr.execute("SELECT set_config('lock_timeout', '100ms', true)")
            cr.execute(
                SQL(
                    """
                    WITH moved AS (
                        DELETE FROM %(table)s
                         WHERE slot <> 0
                           AND slot NOT IN (SELECT pid FROM pg_stat_activity
                                             WHERE pid <> pg_backend_pid())
                     RETURNING *
                    )
                    INSERT INTO %(table)s AS summary (%(columns)s, slot, %(targets)s)
                    SELECT %(columns)s, 0, %(aggregated)s FROM moved
                     GROUP BY %(columns)s ORDER BY %(columns)s
                        ON CONFLICT (%(columns)s, slot) DO UPDATE SET %(updates)s;
                    DELETE FROM %(table)s
                     WHERE entry_count = 0 AND cost = 0 AND duration = 0 AND slot = 0
                    """,
                    table=SQL.identifier(table),
                    columns=columns,
                    targets=targets,
                    aggregated=aggregated,
                    updates=updates,
                )
            )
    except (
        psycopg2.extensions.TransactionRollbackError,  # serialization failure, deadlock
        psycopg2.errors.LockNotAvailable,
    ):
        _logger.info("Compacting %s gave way to a connection writing to it: next run", table)
        return False
    finally:
        cr.execute("SELECT set_config('lock_timeout', %s, true)", [lock_timeout])
    return True


def drop_summary(cr, table):
    """Drop the summary ``table`` with its triggers and functions (they live outside the
    ORM's tables: an uninstall would leave them behind)."""
    cr.execute(
        SQL("; ").join(
            [
                *(
                    SQL(
                        "DROP TRIGGER IF EXISTS %s ON interaction_log_entry",
                        SQL.identifier(f"{table}_{event}"),
                    )
                    for event in ("insert", "update", "delete", "truncate")
                ),
                *(
                    SQL("DROP FUNCTION IF EXISTS %s()", SQL.identifier(f"{table}_{function}"))
                    for function in ("apply", "truncate")
                ),
                SQL("DROP TABLE IF EXISTS %s", SQL.identifier(table)),
            ]
        )
    )


def rebuild_summary(cr, table, version, schema_sql):
    """Drop the summary ``table`` (its triggers and functions) and make it again from
    ``schema_sql``, unless its comment says it is already at ``version``. Returns whether it
    was rebuilt."""
    cr.execute(SQL("SELECT obj_description(to_regclass(%s), 'pg_class')", table))
    row = cr.fetchone()
    if row and row[0] == version:
        return False
    drop_summary(cr, table)
    cr.execute(schema_sql)
    cr.execute(SQL("COMMENT ON TABLE %s IS %s", SQL.identifier(table), version))
    return True


_ADDED = f"SELECT {_ROWS}, 1 AS n, cost, duration FROM new_entries"
_REMOVED = f"SELECT {_ROWS}, -1 AS n, -cost AS cost, -duration AS duration FROM old_entries"
_SCHEMA = f"""
CREATE TABLE interaction_log_summary (
    id serial PRIMARY KEY,
    date timestamp NOT NULL,
    template_id integer,
    group_id integer,
    user_id integer,
    company_id integer,
    information_flow varchar,
    initiated_by varchar,
    correspondence_type varchar,
    evaluation varchar,
    state varchar,
    canceled boolean,
    postponed boolean,
    attempt_failed boolean,
    entry_count integer NOT NULL,
    cost numeric NOT NULL,
    duration bigint NOT NULL,
    slot integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX interaction_log_summary_key
    ON interaction_log_summary (date, {_DIMENSION_COLUMNS}, slot) NULLS NOT DISTINCT;
-- Emptied groups are deleted after each statement: this index finds them without a scan.
CREATE INDEX interaction_log_summary_empty
    ON interaction_log_summary (id) WHERE entry_count = 0;

-- No JIT for the trigger's statements: see interaction_log_contact_summary_apply().
CREATE FUNCTION interaction_log_summary_apply() RETURNS trigger LANGUAGE plpgsql
    SET jit = off AS $$
BEGIN
    {unchanged_update(f"date, {_DIMENSION_COLUMNS}, cost, duration")}
    IF TG_OP = 'INSERT' THEN
        {_APPLY % _ADDED}
    ELSIF TG_OP = 'DELETE' THEN
        {_APPLY % _REMOVED}
    ELSE
        {_APPLY % (_ADDED + " UNION ALL " + _REMOVED)}
    END IF;
    IF TG_OP <> 'INSERT' THEN
        -- A row of one connection nets to nothing only when all three do: its count alone
        -- can be 0 while entries of other costs came and went.
        DELETE FROM interaction_log_summary
         WHERE entry_count = 0 AND cost = 0 AND duration = 0 AND slot = pg_backend_pid();
    END IF;
    RETURN NULL;
END
$$;
{summary_triggers("interaction_log_summary")}
INSERT INTO interaction_log_summary (date, {_DIMENSION_COLUMNS}, entry_count, cost, duration)
SELECT date, {_DIMENSION_COLUMNS}, count(*), sum(cost), sum(duration)
  FROM (SELECT {_ROWS}, cost, duration FROM interaction_log_entry) entries
 GROUP BY date, {_DIMENSION_COLUMNS};
"""


def schema(tz):
    """The summary's table, triggers and first filling, by days of the time zone ``tz``."""
    assert tz in pytz.all_timezones_set, tz
    return _SCHEMA.replace("{tz}", f"'{tz}'")


def _day_aligned(value, operator, tz):
    """Whether comparing an entry's date with ``value`` by ``operator`` gives the same answer
    for every entry of a day of ``tz``: ``>=`` and ``<`` a local midnight, ``<=`` and ``>``
    the second before one (Odoo stores dates to the second)."""
    if isinstance(value, str):
        try:
            value = fields.Datetime.to_datetime(value)
        except ValueError:
            return False
    if not isinstance(value, datetime) or value.tzinfo or value.microsecond:
        return False
    if operator in ("<=", ">"):
        value += timedelta(seconds=1)
    local = pytz.utc.localize(value).astimezone(pytz.timezone(tz))
    return (local.hour, local.minute, local.second) == (0, 0, 0)


class InteractionLogSummary(models.Model):
    """Count, cost and duration of the interactions per day and per value of the columns the
    Analysis groups by: a few rows per day, however many entries. PostgreSQL triggers on
    interaction_log_entry keep it equal to a GROUP BY over the entries after every statement,
    whatever wrote it (the ORM, the segment's INSERT ... SELECT, the purge's DELETE, SQL
    of other modules); interaction.log.entry's _read_group reads it when it can (see
    _read_group_entries), so the Analysis and the statistics cost the same at any size."""

    _name = "interaction.log.summary"
    _description = "Interaction Summary"
    # The table, its triggers and its first filling are made in init(): the ORM would add
    # foreign keys whose own actions (ON DELETE SET NULL) would move rows behind the triggers.
    _auto = False
    _order = "date desc"

    # The local midnight (in UTC) of the day of the summary's time zone.
    date = fields.Datetime(string="Day", readonly=True)
    template_id = fields.Many2one("interaction.template", readonly=True)
    group_id = fields.Many2one("interaction.group", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    information_flow = fields.Selection(INFORMATION_FLOWS, readonly=True)
    initiated_by = fields.Selection(INITIATORS, readonly=True)
    correspondence_type = fields.Selection(CORRESPONDENCE_TYPES, readonly=True)
    evaluation = fields.Selection(EVALUATIONS, readonly=True)
    state = fields.Selection(
        selection=lambda self: self.env["interaction.log.entry"]._fields["state"].selection,
        string="Status",
        readonly=True,
    )
    canceled = fields.Boolean(string="Cancelled", readonly=True)
    postponed = fields.Boolean(readonly=True)
    attempt_failed = fields.Boolean(readonly=True)
    entry_count = fields.Integer(string="Interactions", readonly=True)
    cost = fields.Float(readonly=True)
    duration = fields.Integer(string="Duration (min)", readonly=True)

    def init(self):
        """Build the summary when it is missing, when its definition changed, or when the
        ``interaction_log.summary_tz`` parameter names another time zone (then update the
        module): by days of that zone, else of the time zone most internal users have."""
        cr = self.env.cr
        tz = self.env["ir.config_parameter"].sudo().get_param("interaction_log.summary_tz")
        if tz not in pytz.all_timezones_set:
            cr.execute(
                """SELECT partner.tz FROM res_users users
                     JOIN res_partner partner ON partner.id = users.partner_id
                    WHERE users.active AND NOT users.share AND partner.tz IS NOT NULL
                    GROUP BY partner.tz ORDER BY count(*) DESC, partner.tz LIMIT 1"""
            )
            row = cr.fetchone()
            tz = row[0] if row and row[0] in pytz.all_timezones_set else "UTC"
        text = schema(tz)
        version = f"{hashlib.sha256(text.encode()).hexdigest()[:16]} {tz}"
        if rebuild_summary(cr, "interaction_log_summary", version, text):
            self.env.registry.clear_cache()

    @api.model
    def _compact(self):
        """One row per group again (see compact_summary)."""
        return compact_summary(
            self.env.cr,
            self._table,
            ("date", *DIMENSIONS),
            ("entry_count", "cost", "duration"),
        )

    @tools.ormcache()
    def _summary_time_zone(self):
        """The time zone whose days the summary counts (kept with the table: see init)."""
        self.env.cr.execute(
            "SELECT obj_description(to_regclass('interaction_log_summary'), 'pg_class')"
        )
        row = self.env.cr.fetchone()
        return row[0].split(" ", 1)[1] if row and row[0] else None

    @api.model
    def _read_group_entries(
        self, entries, domain, groupby, aggregates, having, offset, limit, order
    ):
        """The result of ``entries._read_group(...)`` read from this summary or from the
        contacts' one, or None when neither can give it exactly (a column they do not hold,
        hours, an aggregate they do not keep, a date filter not at midnight, a user in another
        time zone than the summary's: their days start at other hours)."""
        if having:
            return None
        for spec in groupby:
            name, _, granularity = spec.partition(":")
            if name == "date" and granularity not in DAY_GRANULARITIES:
                break
            if name != "date" and (name not in DIMENSIONS or granularity):
                break
        else:
            if all(spec in AGGREGATES for spec in aggregates):
                tz = self._summary_time_zone()
                if (entries.env.context.get("tz") or "UTC") == tz:
                    return read_group_from(
                        self,
                        DIMENSIONS,
                        AGGREGATES,
                        tz,
                        entries,
                        domain,
                        groupby,
                        aggregates,
                        offset,
                        limit,
                        order,
                    )
        return self.env["interaction.log.contact.summary"]._read_group_entries(
            entries, domain, groupby, aggregates, offset, limit, order
        )


def summarises(domain, dimensions, tz):
    """Whether ``domain`` selects whole rows of a summary of ``dimensions`` (by days of
    ``tz``, or without dates when ``tz`` is None): conditions on them with literal values,
    and dates at midnight (no SQL of a search method)."""
    if isinstance(domain, DomainNot):
        return summarises(domain.child, dimensions, tz)
    if isinstance(domain, DomainNary):
        return all(summarises(child, dimensions, tz) for child in domain.children)
    if not isinstance(domain, DomainCondition):
        return domain.is_true() or domain.is_false()
    name, operator, value = domain.field_expr, domain.operator, domain.value
    if name == "date" and tz:
        return operator in ("<", "<=", ">", ">=") and _day_aligned(value, operator, tz)
    if name not in dimensions or operator not in LITERAL_OPERATORS:
        return False
    if operator in ("in", "not in"):
        return isinstance(value, list | tuple | set | frozenset | OrderedSet)
    return not isinstance(value, Domain | models.BaseModel)


def read_group_from(
    summary,
    dimensions,
    aggregates_map,
    tz,
    entries,
    domain,
    groupby,
    aggregates,
    offset,
    limit,
    order,
):
    """``entries._read_group(...)`` answered by ``summary`` (whose groupby and aggregates the
    caller checked), or None when the domain, with the entries' own record rules, selects
    part of a summary row. The entries' rules and access rights apply, not the summary's."""
    entries.browse().check_access("read")
    full_domain = Domain(domain)
    if not entries.env.su:
        full_domain &= summary.env["ir.rule"]._compute_domain(entries._name, "read")
    if not summarises(full_domain, dimensions, tz):
        return None
    if order:
        order = re.sub(r"\b__count\b", aggregates_map["__count"], order)
    entries.flush_model()
    rows = (
        summary.sudo()
        .with_context(tz=entries.env.context.get("tz"))
        ._read_group(
            full_domain,
            groupby,
            [aggregates_map[spec] for spec in aggregates],
            # A group's rows are spread over the connections that wrote them (see slot): a
            # group whose entries all left sums to nothing until the rows are compacted.
            having=[("entry_count:sum", "!=", 0)],
            offset=offset,
            limit=limit,
            order=order,
        )
    )
    count_index = [len(groupby) + i for i, spec in enumerate(aggregates) if spec == "__count"]
    return [
        tuple(
            (value or 0)
            if index in count_index
            else value.with_env(entries.env)
            if isinstance(value, models.BaseModel)
            else value
            for index, value in enumerate(row)
        )
        for row in rows
    ]
