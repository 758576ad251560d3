import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("interaction_log_template_keeps_description", {
    steps: () => [
        {
            content: "Log an interaction from the contact",
            trigger: ".o_form_view .o_form_statusbar button[name='action_log_interaction']",
            run: "click",
        },
        {
            content: "Type the description first",
            trigger: ".modal .o_field_widget[name='name'] input",
            run: "edit Discussed the spring catalogue",
        },
        {
            content: "Then choose the template",
            trigger: ".modal .o_field_widget[name='template_id'] input",
            run: "edit Outgoing phone",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Outgoing phone call')",
            run: "click",
        },
        {
            content: "The template filled its values",
            trigger: ".modal .o_field_widget[name='template_id'] input:value('Outgoing phone call')",
        },
        {
            content: "and kept the typed description",
            trigger: ".modal .o_field_widget[name='name'] input:value('Discussed the spring catalogue')",
        },
        {
            content: "Log it",
            trigger: ".modal button[name='action_log']",
            run: "click",
        },
        {
            content: "Open the contact's interactions",
            trigger: "body:not(:has(.modal)) button[name='action_view_interactions']:has(.o_stat_value:contains('1'))",
            run: "click",
        },
        {
            content: "The entry has the typed description and the template",
            trigger: ".o_list_view .o_data_row:contains('Discussed the spring catalogue'):contains('Outgoing phone call')",
        },
    ],
});
