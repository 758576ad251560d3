from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import InteractionLogCommon

# Each example runs in a savepoint of the test's transaction; a few dozen keep the suite quick.
PROPERTY_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@tagged("post_install", "-at_install")
class TestProperties(InteractionLogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool_partners = cls.env["res.partner"].create(
            [{"name": f"Property contact {i}"} for i in range(8)]
        )

    @PROPERTY_SETTINGS
    @given(
        chosen=st.sets(st.integers(min_value=0, max_value=7), min_size=1),
        cost=st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
        duration=st.integers(min_value=0, max_value=100_000),
        name=st.text(min_size=1, max_size=200).filter(
            lambda text: text.strip() and "\x00" not in text
        ),
        successful=st.booleans(),
    )
    def test_wizard_logs_exactly_the_selected_contacts(
        self, chosen, cost, duration, name, successful
    ):
        partners = self.env["res.partner"].browse([self.pool_partners[i].id for i in chosen])
        with self.cr.savepoint(flush=False) as savepoint:
            wizard = self.env["interaction.log.wizard"].create(
                {
                    "partner_ids": [(6, 0, partners.ids)],
                    "template_id": self.template_call.id,
                    "name": name,
                    "cost": cost,
                    "duration": duration,
                    "successful": successful,
                }
            )
            wizard.action_log()
            entries = self.env["interaction.log.entry"].search(
                [("partner_id", "in", self.pool_partners.ids)]
            )
            self.assertEqual(entries.partner_id, partners)
            self.assertEqual(len(entries), len(partners))
            self.assertEqual(set(entries.mapped("name")), {name.strip()})
            self.assertEqual(set(entries.mapped("attempt_failed")), {not successful})
            entries.action_cancel()
            self.assertTrue(all(entries.mapped("canceled")))
            entries.action_restore()
            self.assertEqual(set(entries.mapped("state")), {"logged" if successful else "failed"})
            savepoint.rollback()

    @PROPERTY_SETTINGS
    @given(text=st.text(min_size=1, max_size=50).map(lambda text: text + "\x00"))
    def test_nul_characters_are_refused_with_a_message(self, text):
        """Hypothesis found that a NUL character made the database driver fail."""
        with self.assertRaisesRegex(ValidationError, "NUL character"):
            self.env["interaction.log.wizard"].create(
                {"template_id": self.template_call.id, "name": text}
            )
        entry = self.log(self.pool_partners[0])
        with self.assertRaisesRegex(ValidationError, "NUL character"):
            entry.write({"note": text})

    @PROPERTY_SETTINGS
    @given(
        steps=st.lists(
            st.tuples(
                st.sampled_from(["add", "remove", "refine"]),
                st.sets(st.integers(min_value=0, max_value=7)),
            ),
            min_size=1,
            max_size=6,
        ),
        costs=st.lists(
            st.floats(min_value=0, max_value=1000, allow_nan=False), min_size=8, max_size=8
        ),
    )
    def test_segment_totals_undo_and_logging(self, steps, costs):
        with self.cr.savepoint(flush=False) as savepoint:
            segment = self.env["interaction.segment"].create(
                {"name": "Property", "template_id": self.template_call.id}
            )
            expected = set()
            history = []
            for action, indexes in steps:
                matched = {self.pool_partners[i].id for i in indexes}
                history.append(set(expected))
                if action == "add":
                    expected |= matched
                elif action == "remove":
                    expected -= matched
                else:
                    expected &= matched
                segment._apply_criterion(action, [("id", "in", sorted(matched))])
                self.assertEqual(set(segment.line_ids.partner_id.ids), expected)
            segment.action_undo_last_step()
            self.assertEqual(set(segment.line_ids.partner_id.ids), history[-1])
            for line in segment.line_ids:
                line.cost = costs[list(self.pool_partners.ids).index(line.partner_id.id)]
            self.assertAlmostEqual(
                segment.total_cost, sum(segment.line_ids.mapped("cost")), places=2
            )
            if segment.line_ids:
                segment.action_log()
                entries = segment.logged_segment_ids.entry_ids
                self.assertEqual(entries.partner_id, segment.line_ids.partner_id)
                self.assertAlmostEqual(sum(entries.mapped("cost")), segment.total_cost, places=2)
                segment.logged_segment_ids.action_cancel()
                segment.logged_segment_ids.action_restore()
                self.assertFalse(any(entries.mapped("canceled")))
            savepoint.rollback()
