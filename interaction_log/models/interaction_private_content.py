from odoo import fields, models
from odoo.exceptions import AccessError


class InteractionPrivateContent(models.Model):
    """What a private entry says: its description, note, address used and attachments,
    moved out of the entry while it is private and back when it is made public again.

    Why a model of its own rather than hiding fields of the entry: Odoo has no per-record
    field access. Hiding values of ``interaction.log.entry`` itself would mean overriding
    every way the ORM reads or searches it (``_fetch_query``, ``_search`` domains on the
    description, ``_read_group`` groups and aggregates, ``export_data``), with the ORM cache
    shared by sudo and non-sudo environments of one transaction, and attachments that check
    the access of the record they belong to, not of a field. Here the entry's own columns
    simply no longer hold the content, so no read, search, grouping or export of entries can
    show it; the content is behind this model's record rules (the entry's salesperson and
    Interaction Managers), which Odoo applies on every path, its attachments included."""

    _name = "interaction.private.content"
    _description = "Private Interaction Content"
    _rec_name = "entry_id"

    entry_id = fields.Many2one(
        "interaction.log.entry",
        string="Interaction",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    user_id = fields.Many2one(related="entry_id.user_id", string="Salesperson")
    name = fields.Char(string="Description")
    note = fields.Text()
    contact_via = fields.Char(readonly=True)
    attachment_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="Attachments",
        domain=[("res_model", "=", "interaction.private.content")],
    )

    _entry_uniq = models.Constraint(
        "UNIQUE(entry_id)", "An interaction has one private content at most."
    )

    def write(self, vals):
        # Record rules are checked before a write, not after it: moving a content to another
        # entry, or changing the address it was sent to, would pass them.
        if not self.env.su and {"entry_id", "contact_via"}.intersection(vals):
            raise AccessError(
                self.env._(
                    "The interaction and the address used of a private interaction are set by "
                    "Odoo: change its description or note instead."
                )
            )
        return super().write(vals)
