from odoo import models
from odoo.tools import SQL


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        """Merging says the contacts were one all along: the merged contacts' entries become
        the destination's, counted with the destination's company. Odoo moves their
        ``partner_id`` in SQL, and an entry's company is frozen when it is logged, so nothing
        else would move their ``commercial_partner_id``."""
        self.env["interaction.log.entry"].flush_model(["partner_id"])
        entries_by_partner = self.env.execute_query(
            SQL(
                "SELECT partner_id, array_agg(id) FROM interaction_log_entry"
                " WHERE partner_id = ANY(%s) GROUP BY partner_id",
                list(partner_ids),
            )
        )
        result = super()._merge(partner_ids, dst_partner=dst_partner, extra_checks=extra_checks)
        merged = self.env["res.partner"].browse(partner_ids).exists()
        if len(merged) != 1:
            return result  # nothing was merged
        moved_ids = [
            entry_id
            for partner_id, entry_ids in entries_by_partner
            if partner_id != merged.id
            for entry_id in entry_ids
        ]
        if moved_ids:
            self.env.execute_query(
                SQL(
                    "UPDATE interaction_log_entry SET commercial_partner_id = %s"
                    " WHERE id = ANY(%s)",
                    merged.commercial_partner_id.id,
                    moved_ids,
                )
            )
            self.env["interaction.log.entry"].invalidate_model(["commercial_partner_id"])
        return result
