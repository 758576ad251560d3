import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";

async function waitForPrintEntry(orderName) {
    // The PDF downloads in the background: poll the server for the entry it logs.
    for (let attempt = 0; attempt < 50; attempt++) {
        const entries = await rpc("/web/dataset/call_kw/interaction.log.entry/search_read", {
            model: "interaction.log.entry",
            method: "search_read",
            args: [[["document_name", "=", orderName]], ["partner_id"]],
            kwargs: {},
        });
        if (entries.length) {
            return entries[0].partner_id[0];
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`No interaction was logged for ${orderName}`);
}

registry.category("web_tour.tours").add("interaction_log_print_quotation", {
    steps: () => [
        {
            content: "Open the actions menu of the quotation",
            trigger: ".o_form_view .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Print the quotation",
            trigger: ".o-dropdown--menu .o_menu_item:contains('Quotation / Order')",
            run: "click",
        },
        {
            content: "Wait for the print to be logged, then go to the customer",
            trigger: ".o_form_view .o_field_widget[name='name']:contains('S')",
            expectUnloadPage: true,
            async run() {
                const orderName = document.querySelector(".o_form_view .o_field_widget[name='name']").textContent.trim();
                const partnerId = await waitForPrintEntry(orderName);
                window.location.href = `/odoo/contacts/${partnerId}`;
            },
        },
        {
            content: "The customer's smart button counts the printed quotation",
            trigger: ".o_form_view button[name='action_view_interactions']:has(.o_stat_value:contains('1'))",
            run: "click",
        },
        {
            content: "The interaction is the printed quotation",
            trigger: ".o_list_view .o_data_row td[name='description_shown']:contains('Quotation S')",
        },
    ],
});
