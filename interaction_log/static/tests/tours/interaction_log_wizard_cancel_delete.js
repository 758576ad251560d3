import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("interaction_log_wizard_cancel_delete", {
    steps: () => [
        {
            content: "Log an interaction from the contact",
            trigger: ".o_form_view .o_form_statusbar button[name='action_log_interaction']",
            run: "click",
        },
        {
            content: "The wizard is on this contact",
            trigger: ".modal .o_field_widget[name='partner_ids'] .o_tag:contains('Wizard Contact')",
        },
        {
            content: "Choose the template",
            trigger: ".modal .o_field_widget[name='template_id'] input",
            run: "edit Incoming phone",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Incoming phone call')",
            run: "click",
        },
        {
            content: "Describe it",
            trigger: ".modal .o_field_widget[name='name'] input",
            run: "edit Asked for the autumn catalogue",
        },
        {
            content: "Log it",
            trigger: ".modal button[name='action_log']",
            run: "click",
        },
        {
            content: "The contact's history shows it",
            trigger: ".o_notebook a.nav-link:contains('Interactions')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='interaction_counted_entry_ids'] .o_data_row:contains('Asked for the autumn catalogue'):contains('Incoming phone call – from Wizard Contact')",
        },
        {
            content: "Open the contact's interactions",
            trigger: "button[name='action_view_interactions']:has(.o_stat_value:contains('1'))",
            run: "click",
        },
        {
            content: "Select the interaction",
            trigger: ".o_list_view .o_data_row:contains('Asked for the autumn catalogue') .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Cancel it",
            trigger: ".o_list_view .o_control_panel_actions button[name='action_cancel'], .o_list_buttons button[name='action_cancel'], button[name='action_cancel']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "It is no longer among the contact's counted interactions",
            trigger: ".o_list_view:not(:has(.o_data_row))",
        },
        {
            content: "Show the cancelled ones too",
            trigger: ".o_searchview .o_facet_remove",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('Asked for the autumn catalogue') td[name='state']:contains('Cancelled')",
        },
        {
            content: "Select it again",
            trigger: ".o_list_view .o_data_row:contains('Asked for the autumn catalogue') .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Delete cancelled interactions",
            trigger: ".o-dropdown--menu .o_menu_item:contains('Delete Cancelled Interactions')",
            run: "click",
        },
        {
            content: "The wizard counts the selected cancelled interaction",
            trigger: ".modal .o_field_widget[name='match_count']:contains('1')",
        },
        {
            trigger: ".modal button[name='action_delete']",
            run: "click",
        },
        {
            content: "It is gone",
            trigger: ".o_list_view:not(:has(.o_data_row:contains('Asked for the autumn catalogue')))",
        },
    ],
});
