import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("interaction_log_list_defaults", {
    steps: () => [
        {
            content: "The Interactions list filters out cancelled entries by default",
            trigger: ".o_searchview .o_facet_value:contains('Not Cancelled')",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('Kept call')",
        },
        {
            content: "The cancelled entry is not listed",
            trigger: ".o_list_view:not(:has(.o_data_row:contains('Dropped call')))",
        },
        {
            content: "The one way to create an entry is Log Interaction, no New button",
            trigger: ".o_control_panel:not(:has(.o_list_button_add)) button:contains('Log Interaction')",
        },
        {
            content: "Open the filters",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Cancelled is offered, a Postponed filter that could never match is not",
            trigger: ".o_filter_menu:has(.o_menu_item:contains('Cancelled')):not(:has(.o_menu_item:contains('Postponed')))",
        },
    ],
});
