import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("interaction_log_company_tab", {
    steps: () => [
        {
            content: "The company's smart button counts its own entry and its person's",
            trigger: "button[name='action_view_interactions']:has(.o_stat_value:contains('2'))",
        },
        {
            content: "Open the Interactions tab",
            trigger: ".o_notebook a.nav-link:contains('Interactions')",
            run: "click",
        },
        {
            content: "The tab lists the company's own entry, with its contact",
            trigger: ".o_field_widget[name='interaction_counted_entry_ids'] .o_data_row:contains('Company call'):has(td[name='partner_id']:contains('Tab Company'))",
        },
        {
            content: "and its person's entry, with the person as contact",
            trigger: ".o_field_widget[name='interaction_counted_entry_ids'] .o_data_row:contains('Person call'):has(td[name='partner_id']:contains('Tab Person'))",
        },
        {
            content: "and nothing the statistics do not count (the cancelled entry)",
            trigger: ".o_field_widget[name='interaction_counted_entry_ids']:not(:has(.o_data_row:contains('Cancelled call'))):not(:has(.o_data_row:nth-child(3)))",
        },
    ],
});
