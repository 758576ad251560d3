"""Stored fields that a release adds to the big tables, created and filled in SQL before the
ORM loads that release (``pre-stored_columns.py``), then analysed (``post-stored_columns.py``).

Why: when the ORM finds a stored computed field without its column, it creates the column and
computes the field for every row, in Python, in the upgrade's transaction: at a million
entries, minutes of upgrade and a million ORM writes. When the column already exists, the ORM
leaves it alone. So a release that adds such a field to ``interaction.log.entry`` (or another
table that grows) declares it in ``NEW_STORED_COLUMNS`` with the SQL that computes it, and the
upgrade costs one UPDATE statement. See ``README.md`` beside this folder, and
``tests/test_migrations.py``, which runs these functions on a real database.

Odoo runs the ``pre-``/``post-`` scripts of the ``0.0.0`` folder on every version change of the
module; this file has neither prefix, so Odoo only runs it through them.
"""

import logging
from typing import NamedTuple

from odoo.tools import SQL
from odoo.tools.parse_version import parse_version
from odoo.tools.sql import column_exists, create_column

_logger = logging.getLogger(__name__)


class NewColumn(NamedTuple):
    version: str  # the module version that adds the field, as in __manifest__.py
    model: str  # its model, e.g. "interaction.log.entry"
    field: str  # the field name, which is also its column
    sql_type: str  # the column type the ORM gives the field (Field.column_type[1])
    fill: str  # the UPDATE statement that computes the field for every existing row

    @property
    def table(self):
        return self.model.replace(".", "_")

    def is_new_since(self, installed_version):
        return parse_version(installed_version) < parse_version(self.version)


# What a release copies, e.g. for a stored ``partner_country_id`` on entries in 19.0.1.1.0:
#     NewColumn(
#         "19.0.1.1.0", "interaction.log.entry", "partner_country_id", "int4",
#         "UPDATE interaction_log_entry entry SET partner_country_id = partner.country_id"
#         " FROM res_partner partner WHERE partner.id = entry.partner_id",
#     ),
NEW_STORED_COLUMNS = []


def create_and_fill(cr, installed_version, columns):
    """Before the ORM: create each column new since ``installed_version`` and fill it with its
    UPDATE. A column that exists already (an interrupted upgrade run again) is left alone."""
    for column in columns:
        if not column.is_new_since(installed_version) or column_exists(
            cr, column.table, column.field
        ):
            continue
        create_column(cr, column.table, column.field, column.sql_type)
        cr.execute(column.fill)
        _logger.info(
            "%s.%s created and filled in SQL: %s rows", column.table, column.field, cr.rowcount
        )


def analyze(cr, installed_version, columns):
    """After the ORM: the UPDATE left the planner without statistics on the new columns (and
    twice the table's row versions) until autovacuum comes by; queries on the new field get
    their statistics now."""
    for column in columns:
        if column.is_new_since(installed_version):
            cr.execute(
                SQL("ANALYZE %s (%s)", SQL.identifier(column.table), SQL.identifier(column.field))
            )


def check_declarations(env, columns):
    """What is wrong with ``columns`` against the fields of the loaded registry: a column the
    ORM would not take as it is (another type: the ORM converts it, rewriting every row) or a
    field that is not stored."""
    problems = []
    for column in columns:
        field = env[column.model]._fields.get(column.field) if column.model in env else None
        if field is None or not field.store or not field.column_type:
            problems.append(f"{column.model}.{column.field} is not a stored field")
        elif env[column.model]._table != column.table:
            problems.append(f"{column.model} is stored in {env[column.model]._table}")
        elif field.column_type[1] != column.sql_type:
            problems.append(
                f"{column.model}.{column.field} is a {field.column_type[1]} column, "
                f"not {column.sql_type}"
            )
    return problems
