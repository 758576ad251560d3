import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("interaction_log_partner_smart_button", {
    steps: () => [
        {
            content: "The contact's smart button counts its two interactions",
            trigger: "button[name='action_view_interactions']:has(.o_stat_value:contains('2'))",
            run: "click",
        },
        {
            content: "The list shows the first interaction",
            trigger: ".o_list_view .o_data_row td[name='description_shown']:contains('Tour call one')",
        },
        {
            content: "and the second",
            trigger: ".o_list_view .o_data_row td[name='description_shown']:contains('Tour call two')",
        },
        {
            content: "and nothing else",
            trigger: ".o_list_view:not(:has(.o_data_row:nth-child(3)))",
        },
    ],
});
