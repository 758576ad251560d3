from pathlib import Path

from odoo.modules.module import load_script

stored_columns = load_script(
    str(Path(__file__).with_name("stored_columns.py")), "interaction_log_stored_columns"
)


def migrate(cr, version):
    stored_columns.analyze(cr, version, stored_columns.NEW_STORED_COLUMNS)
