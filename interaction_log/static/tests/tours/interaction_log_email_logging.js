import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("interaction_log_email_logging", {
    steps: () => [
        {
            content: "E-mail Logging lists the message BCC'd to the logging address",
            trigger: ".o_list_view .o_data_row td[name='name']:contains('Your quotation for the new presses')",
            run: "click",
        },
        {
            content: "with what it logged",
            trigger: ".o_form_view .o_field_widget[name='outcome']:contains('Logged 2 interactions')",
        },
        {
            content: "A skipped message says why: the private one is in the list too",
            trigger: ".o_breadcrumb a:contains('E-mail Logging')",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:has(td[name='name']:contains('Dinner on Friday')) td[name='outcome']:contains('Skipped: Private')",
        },
        {
            content: "Back to the logged message",
            trigger: ".o_list_view .o_data_row td[name='name']:contains('Your quotation for the new presses')",
            run: "click",
        },
        {
            content: "Open its interactions",
            trigger: ".o_form_view button[name='action_open_entries']",
            run: "click",
        },
        {
            content: "The interactions list opens",
            trigger: ".o_breadcrumb .active:contains('Interactions')",
        },
        {
            content: "Open the one with Ada",
            trigger: ".o_list_view .o_data_row td[name='partner_id']:contains('Ada Buyer')",
            run: "click",
        },
        {
            content: "Its attachments",
            trigger: ".o_form_view .o_notebook .nav-link:contains('Attachments')",
            run: "click",
        },
        {
            content: "hold the e-mail as an .eml to download",
            trigger: ".o_field_many2many_binary a[href*='/web/content/'][download]:contains('Your quotation for the new presses.eml')",
            run: "click",
        },
    ],
});
