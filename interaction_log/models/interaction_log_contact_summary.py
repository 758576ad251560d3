import hashlib

from odoo import api, fields, models

from .interaction_log_summary import (
    compact_summary,
    read_group_from,
    rebuild_summary,
    summary_triggers,
    unchanged_update,
)
from .interaction_values_mixin import INITIATORS

# What the contacts' statistics group by (res.partner._compute_interaction_statistics) and the
# company the record rules filter on; each a field of interaction.log.entry with the same name.
DIMENSIONS = (
    "partner_id",
    "commercial_partner_id",
    "company_id",
    "attempt_failed",
    "initiated_by",
    "canceled",
    "postponed",
)
AGGREGATES = {
    "__count": "entry_count:sum",
    "cost:sum": "cost:sum",
    "duration:sum": "duration:sum",
    "date:max": "last_date:max",
}
_COLUMNS = ", ".join(DIMENSIONS)
_APPLY = f"""
    INSERT INTO interaction_log_contact_summary AS summary
           ({_COLUMNS}, slot, entry_count, cost, duration, last_date)
    SELECT {_COLUMNS}, pg_backend_pid(), sum(n), sum(cost), sum(duration),
           max(date) FILTER (WHERE n > 0)
      FROM (%s) changes
     GROUP BY {_COLUMNS}
     -- One lock order for all writers: two transactions never wait for each other in a cycle.
     ORDER BY {_COLUMNS}
        ON CONFLICT ({_COLUMNS}, slot) DO UPDATE
       SET entry_count = summary.entry_count + EXCLUDED.entry_count,
           cost = summary.cost + EXCLUDED.cost,
           duration = summary.duration + EXCLUDED.duration,
           last_date = GREATEST(summary.last_date, EXCLUDED.last_date);
"""
_ADDED = f"SELECT {_COLUMNS}, 1 AS n, cost, duration, date FROM new_entries"
_REMOVED = (
    f"SELECT {_COLUMNS}, -1 AS n, -cost AS cost, -duration AS duration, date FROM old_entries"
)
# An UPDATE counts only the entries whose summarised values changed: one that wrote other
# columns (a delivery status, a private entry's placeholder) added and removed every entry it
# touched, which made a row of its connection for each group it touched, kept for its last
# date although it netted to nothing: more rows for the statistics to read, and for the
# connections writing at once to meet on.
_CHANGED = (
    "SELECT {columns}, {n} AS n, {sign}cost AS cost, {sign}duration AS duration, date"
    " FROM (SELECT {columns}, cost, duration, date FROM {these}"
    " EXCEPT ALL SELECT {columns}, cost, duration, date FROM {those}) changed"
)
_UPDATED = (
    _CHANGED.format(columns=_COLUMNS, n=1, sign="", these="new_entries", those="old_entries")
    + " UNION ALL "
    + _CHANGED.format(columns=_COLUMNS, n=-1, sign="-", these="old_entries", those="new_entries")
)


def _same_group(left, right):
    """SQL: rows ``left`` and ``right`` are of the same group, the contact aside."""
    return " AND ".join(
        f"{left}.{column} IS NOT DISTINCT FROM {right}.{column}"
        for column in DIMENSIONS
        if column != "partner_id"
    )


# A group whose latest entry left it (the rows of the statement that ``%s`` selects): its last
# date is found again among its entries (by the index on partner_id), once per group however
# many of its entries left. Only the rows whose last date is now too late are written: as a
# rule that is the row of the connection that logged the entry. A row of another connection
# still holding an earlier date is left alone, so its connection, logging into the group at
# the same moment, does not meet this one (make load: an e-mail that failed to leave, marked
# as a failed attempt after its commit, rewrote the group's row of every connection, and the
# e-mails logged meanwhile for the same contact failed with a serialization failure).
_LAST_DATE = f"""
        WITH removed AS (
            SELECT {_COLUMNS}, max(date) AS date FROM (%s) gone GROUP BY {_COLUMNS}
        ), latest AS (
            SELECT removed.*,
                   (SELECT max(entry.date) FROM interaction_log_entry entry
                     WHERE entry.partner_id = removed.partner_id
                       AND {_same_group("entry", "removed")}) AS last_date
              FROM removed
             WHERE removed.date >= (
                       SELECT max(summary.last_date) FROM interaction_log_contact_summary summary
                        WHERE summary.partner_id = removed.partner_id
                          AND {_same_group("summary", "removed")})
        )
        UPDATE interaction_log_contact_summary summary
           SET last_date = latest.last_date
          FROM latest
         WHERE latest.partner_id = summary.partner_id
           AND {_same_group("summary", "latest")}
           AND summary.last_date > COALESCE(latest.last_date, '-infinity');"""
SCHEMA = f"""
CREATE TABLE interaction_log_contact_summary (
    id serial PRIMARY KEY,
    partner_id integer NOT NULL,
    commercial_partner_id integer,
    company_id integer,
    attempt_failed boolean,
    initiated_by varchar,
    canceled boolean,
    postponed boolean,
    entry_count integer NOT NULL,
    cost numeric NOT NULL,
    duration bigint NOT NULL,
    last_date timestamp,
    slot integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX interaction_log_contact_summary_key
    ON interaction_log_contact_summary ({_COLUMNS}, slot) NULLS NOT DISTINCT;
CREATE INDEX interaction_log_contact_summary_company
    ON interaction_log_contact_summary (commercial_partner_id);
CREATE INDEX interaction_log_contact_summary_empty
    ON interaction_log_contact_summary (id) WHERE entry_count = 0;

-- No JIT for the trigger's statements: PostgreSQL plans them for a guessed number of changed
-- rows and, on a big table, compiled them on every statement that wrote entries (make bench
-- at ten million entries: 490 ms of JIT in each 25,000-entry batch of a retention run, against
-- 54 ms for the contact summary's whole work without it).
CREATE FUNCTION interaction_log_contact_summary_apply() RETURNS trigger LANGUAGE plpgsql
    SET jit = off AS $$
BEGIN
    {unchanged_update(f"{_COLUMNS}, cost, duration, date")}
    IF TG_OP = 'INSERT' THEN
        {_APPLY % _ADDED}
    ELSIF TG_OP = 'DELETE' THEN
        {_APPLY % _REMOVED}
    ELSE
        {_APPLY % _UPDATED}
    END IF;
    IF TG_OP = 'DELETE' THEN
        {_LAST_DATE % ("SELECT " + _COLUMNS + ", date FROM old_entries")}
    ELSIF TG_OP = 'UPDATE' THEN
        -- Only the entries that left their group or changed their date: an update of other
        -- columns (a delivery status) rewrote the group's rows of every connection here, and
        -- two e-mails of one contact sent at once met as a serialization failure (make load:
        -- 77 requests run again in 5 minutes, one chatter post failed after its commit).
        {_LAST_DATE % ("SELECT " + _COLUMNS + ", date FROM old_entries EXCEPT ALL SELECT "
                       + _COLUMNS + ", date FROM new_entries")}
    END IF;
    IF TG_OP <> 'INSERT' THEN
        -- A row of this connection that nets to nothing goes, unless it holds a last date:
        -- it may be the group's (the last date is the greatest over the group's rows).
        DELETE FROM interaction_log_contact_summary
         WHERE entry_count = 0 AND cost = 0 AND duration = 0 AND last_date IS NULL
           AND slot = pg_backend_pid();
    END IF;
    RETURN NULL;
END
$$;
{summary_triggers("interaction_log_contact_summary")}
INSERT INTO interaction_log_contact_summary ({_COLUMNS}, entry_count, cost, duration, last_date)
SELECT {_COLUMNS}, count(*), sum(cost), sum(duration), max(date)
  FROM interaction_log_entry
 GROUP BY {_COLUMNS};
"""
VERSION = hashlib.sha256(SCHEMA.encode()).hexdigest()[:16]


class InteractionLogContactSummary(models.Model):
    """Count, cost, duration and last date of the interactions per contact, as the contact's
    statistics group them: Business Central's SIFT for the contact card. Kept by PostgreSQL
    triggers on interaction_log_entry like interaction.log.summary (see there); the
    statistics of a company with 100,000 entries read a few rows instead of 100,000 rows
    spread over the table."""

    _name = "interaction.log.contact.summary"
    _description = "Interaction Summary by Contact"
    _auto = False

    partner_id = fields.Many2one("res.partner", string="Contact", readonly=True)
    commercial_partner_id = fields.Many2one(
        "res.partner", string="Contact's Company", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    attempt_failed = fields.Boolean(readonly=True)
    initiated_by = fields.Selection(INITIATORS, readonly=True)
    canceled = fields.Boolean(string="Cancelled", readonly=True)
    postponed = fields.Boolean(readonly=True)
    entry_count = fields.Integer(string="Interactions", readonly=True)
    cost = fields.Float(readonly=True)
    duration = fields.Integer(string="Duration (min)", readonly=True)
    last_date = fields.Datetime(readonly=True)

    def init(self):
        rebuild_summary(self.env.cr, "interaction_log_contact_summary", VERSION, SCHEMA)

    @api.model
    def _compact(self):
        """One row per group again (see compact_summary)."""
        return compact_summary(
            self.env.cr,
            self._table,
            DIMENSIONS,
            ("entry_count", "cost", "duration"),
            ("last_date",),
        )

    @api.model
    def _read_group_entries(self, entries, domain, groupby, aggregates, offset, limit, order):
        """The result of ``entries._read_group(...)`` when it groups by contact columns only
        and asks count, sums and the last date, without dates in its domain; else None."""
        if any(spec not in DIMENSIONS for spec in groupby) or any(
            spec not in AGGREGATES for spec in aggregates
        ):
            return None
        return read_group_from(
            self,
            DIMENSIONS,
            AGGREGATES,
            None,
            entries,
            domain,
            groupby,
            aggregates,
            offset,
            limit,
            order,
        )
