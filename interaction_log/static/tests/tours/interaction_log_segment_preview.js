import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("interaction_log_segment_preview", {
    steps: () => [
        {
            content: "Add contacts",
            trigger: ".o_form_view button:contains('Add Contacts')",
            run: "click",
        },
        {
            content: "Filter on a tag",
            trigger: ".modal .o_field_widget[name='category_ids'] input",
            run: "edit Preview Tag",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Preview Tag')",
            run: "click",
        },
        {
            content: "The preview counts the two tagged contacts, without the excluded one",
            trigger: ".modal div[name='preview'] .o_field_widget[name='preview_message']:contains('Applying adds 2 contacts')",
        },
        {
            content: "Narrow down to a country",
            trigger: ".modal .o_field_widget[name='country_ids'] input",
            run: "edit Belgium",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Belgium')",
            run: "click",
        },
        {
            content: "The preview follows the country too",
            trigger: ".modal div[name='preview'] .o_field_widget[name='preview_message']:contains('Applying adds 1 contacts')",
        },
        {
            content: "Apply",
            trigger: ".modal button[name='action_apply']",
            run: "click",
        },
        {
            content: "Exactly the previewed contact was added",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:contains('Preview Belgian')",
        },
        {
            trigger: ".o_field_widget[name='line_ids']:not(:has(.o_data_row:nth-child(2)))",
        },
    ],
});
