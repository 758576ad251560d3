import { registry } from "@web/core/registry";

// The salesperson marks an entry private: they still read what it says.
registry.category("web_tour.tours").add("interaction_log_private_entry_mark", {
    steps: () => [
        {
            content: "The entry says what was discussed",
            trigger: ".o_form_view .o_field_widget[name='name']:contains('Merger talks with Globex')",
        },
        {
            content: "Make it private",
            trigger: ".o_form_view .o_field_widget[name='private'] input",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Marked private, and the salesperson still reads it",
            trigger: ".o_form_view:has(.ribbon:contains('Private')) .o_field_widget[name='private_description']:contains('Merger talks with Globex')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='private_note'] textarea:value('Globex wants to merge')",
        },
        {
            content: "Back to the list",
            trigger: ".o_breadcrumb a:first",
            run: "click",
        },
        {
            content: "The list shows the salesperson what the private entry says, not the placeholder",
            trigger: ".o_list_view .o_data_row:has(td[name='private'] input:checked) td[name='description_shown']:contains('Merger talks with Globex')",
        },
    ],
});

// Another user sees that the interaction took place, and nothing of what it says.
registry.category("web_tour.tours").add("interaction_log_private_entry_other", {
    steps: () => [
        {
            content: "The list shows the interaction as private",
            trigger: ".o_list_view .o_data_row:contains('Private interaction'):contains('Private Contact')",
        },
        {
            content: "and nothing of its description",
            trigger: ".o_list_view:not(:contains('Merger talks'))",
        },
        {
            content: "Open it",
            trigger: ".o_list_view .o_data_row:contains('Private interaction') td[name='description_shown']",
            run: "click",
        },
        {
            content: "The form shows the date, template and status, and no content",
            trigger: ".o_form_view:has(.ribbon:contains('Private')) .o_field_widget[name='template_id']:contains('Outgoing phone call')",
        },
        {
            trigger: ".o_form_view:not(:contains('Merger')):not(:contains('Globex'))",
        },
    ],
});
