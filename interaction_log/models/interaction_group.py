from odoo import api, fields, models


class InteractionGroup(models.Model):
    _name = "interaction.group"
    _description = "Interaction Group"
    _inherit = ["interaction.statistics.mixin"]
    _order = "code"
    _rec_names_search = ["code", "name"]
    _interaction_entry_field = "group_id"

    code = fields.Char(required=True)
    name = fields.Char(string="Description", required=True, translate=True)
    template_ids = fields.One2many("interaction.template", "group_id", string="Templates")
    template_count = fields.Integer(compute="_compute_template_count")

    _code_uniq = models.Constraint(
        "UNIQUE(code)", "An interaction group with this code already exists."
    )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for group in self:
            group.display_name = f"{group.code} - {group.name}" if group.code else group.name

    def _compute_template_count(self):
        counts = dict(
            self.env["interaction.template"]._read_group(
                [("group_id", "in", self._origin.ids)], ["group_id"], ["__count"]
            )
        )
        for group in self:
            group.template_count = counts.get(group._origin, 0)

    def action_view_templates(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "interaction_log.interaction_template_action"
        )
        action["domain"] = [("group_id", "=", self.id)]
        action["context"] = {"default_group_id": self.id}
        return action
