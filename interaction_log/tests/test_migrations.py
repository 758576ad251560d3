import logging
from pathlib import Path
from types import SimpleNamespace

from odoo.modules.migration import MigrationManager
from odoo.modules.module import load_script
from odoo.tests import tagged
from odoo.tools import SQL

from .common import InteractionLogCommon

SCRIPTS = Path(__file__).resolve().parent.parent / "migrations" / "0.0.0"


@tagged("post_install", "-at_install")
class TestMigrations(InteractionLogCommon):
    """The pattern of ``migrations/0.0.0``: a stored field that a release adds to entries is
    created and filled in SQL before the ORM loads the release, and the ORM then writes none
    of the rows. A custom stored computed field stands for the release's new field: the ORM
    creates its column through the same ``_auto_init`` as when it upgrades a module."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stored_columns = load_script(str(SCRIPTS / "stored_columns.py"), "test_stored_columns")
        cls.log(cls.contact_anna, duration=30)
        cls.log(cls.contact_bob, template=cls.template_incoming)
        cls.log(cls.lone_partner, duration=0)
        cls.entries = cls.env["interaction.log.entry"].with_context(active_test=False)
        cls.entry_count = cls.entries.search_count([])

    def setUp(self):
        # The custom fields change the registry: back as it was after each test.
        self.addCleanup(self.registry.reset_changes)
        super().setUp()

    def new_column(self, name, version="19.0.1.1.0"):
        return self.stored_columns.NewColumn(
            version,
            "interaction.log.entry",
            name,
            "int4",
            f"UPDATE interaction_log_entry SET {name} = duration * 2",
        )

    def add_field(self, name):
        """A release's new stored field, computed by the ORM as ``duration * 2``, except that
        this compute gives -1: any -1 in the table shows that the ORM computed the row."""
        self.env["ir.model.fields"].create(
            {
                "model_id": self.env["ir.model"]._get_id("interaction.log.entry"),
                "name": name,
                "field_description": "Probe",
                "ttype": "integer",
                "store": True,
                "depends": "duration",
                "compute": f"for entry in self:\n    entry['{name}'] = -1",
            }
        )
        self.env.flush_all()

    def rows(self, column):
        return self.env.execute_query(
            SQL(
                "SELECT id, ctid, %s, duration * 2 FROM interaction_log_entry ORDER BY id",
                SQL.identifier(column),
            )
        )

    def test_a_column_filled_in_sql_is_left_alone_by_the_orm(self):
        column = self.new_column("x_duration_doubled")
        self.stored_columns.create_and_fill(self.env.cr, "19.0.1.0.0", [column])
        filled = self.rows(column.field)
        self.assertEqual(len(filled), self.entry_count)
        self.assertTrue(all(value == expected for _id, _ctid, value, expected in filled))

        self.add_field(column.field)

        # Same values, same row versions (an ORM write would have moved every ctid).
        self.assertEqual(self.rows(column.field), filled)
        self.assertEqual(self.stored_columns.check_declarations(self.env, [column]), [])

    def test_without_it_the_orm_computes_every_row(self):
        self.add_field("x_duration_probe")
        self.assertEqual(
            {value for _id, _ctid, value, _expected in self.rows("x_duration_probe")}, {-1}
        )

    def test_only_columns_new_since_the_installed_version_are_created_and_filled(self):
        names_query = SQL("SELECT id, name FROM interaction_log_entry ORDER BY id")
        names = self.env.execute_query(names_query)
        older = self.new_column("x_added_before", version="19.0.1.0.0")
        # An upgrade run again after an interruption: the column is there already.
        existing = self.new_column("name")
        self.stored_columns.create_and_fill(self.env.cr, "19.0.1.0.0", [older, existing])
        self.assertFalse(
            self.env.execute_query(
                SQL(
                    "SELECT 1 FROM information_schema.columns"
                    " WHERE table_name = 'interaction_log_entry' AND column_name = 'x_added_before'"
                )
            )
        )
        self.assertEqual(self.env.execute_query(names_query), names)

    def test_post_migration_gives_the_planner_statistics_of_the_new_column(self):
        column = self.new_column("x_duration_doubled")
        self.stored_columns.create_and_fill(self.env.cr, "19.0.1.0.0", [column])
        self.add_field(column.field)
        self.stored_columns.analyze(self.env.cr, "19.0.1.0.0", [column])
        self.assertTrue(
            self.env.execute_query(
                SQL(
                    "SELECT 1 FROM pg_stats WHERE tablename = 'interaction_log_entry'"
                    " AND attname = 'x_duration_doubled'"
                )
            )
        )

    def test_declarations_match_the_fields_of_the_release(self):
        self.assertEqual(
            self.stored_columns.check_declarations(
                self.env, self.stored_columns.NEW_STORED_COLUMNS
            ),
            [],
        )
        wrong_type = self.new_column("duration")._replace(sql_type="varchar")
        not_stored = self.new_column("title")
        self.assertEqual(
            self.stored_columns.check_declarations(self.env, [wrong_type, not_stored]),
            [
                "interaction.log.entry.duration is a int4 column, not varchar",
                "interaction.log.entry.title is not a stored field",
            ],
        )

    def test_odoo_runs_the_scripts_when_the_version_changes(self):
        """Through Odoo's own migration manager: found in 0.0.0, loaded, their signature
        accepted, run before and after the module on a version change, not otherwise."""
        module = SimpleNamespace(
            name="interaction_log",
            load_state="to upgrade",
            load_version="19.0.1.0.0",
            manifest={"version": "19.0.1.0.1"},
        )
        manager = MigrationManager(self.env.cr, [module])
        for stage in ("pre", "post"):
            with self.assertLogs("odoo.modules.migration", logging.INFO) as logs:
                manager.migrate_module(module, stage)
            self.assertIn(f"{stage}-stored_columns", logs.output[0])
        module.load_version = "19.0.1.0.1"
        with self.assertNoLogs("odoo.modules.migration", logging.INFO):
            manager.migrate_module(module, "pre")
