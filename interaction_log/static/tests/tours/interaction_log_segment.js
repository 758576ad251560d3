import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("interaction_log_segment", {
    steps: () => [
        {
            content: "Create a segment",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Tour Segment",
        },
        {
            content: "Choose the interaction template",
            trigger: ".o_field_widget[name='template_id'] input",
            run: "edit Outgoing phone",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Outgoing phone call')",
            run: "click",
        },
        {
            content: "Save it",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Add contacts from a filter",
            trigger: ".o_form_saved button:contains('Add Contacts')",
            run: "click",
        },
        {
            content: "Filter on a tag",
            trigger: ".modal .o_field_widget[name='category_ids'] input",
            run: "edit Tour Tag",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Tour Tag')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='category_ids'] .o_tag:contains('Tour Tag')",
        },
        {
            content: "Apply the criterion",
            trigger: ".modal button[name='action_apply']",
            run: "click",
        },
        {
            content: "Both tagged contacts are in the segment",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:contains('Tour Person A')",
        },
        {
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:contains('Tour Person B')",
        },
        {
            content: "Log the segment",
            trigger: "button[name='action_log']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The segment is logged",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Logged')",
        },
        {
            content: "Open its logged segment: the record itself, not a one-row list",
            trigger: "button[name='action_view_logged_segments']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='name']:contains('Tour Segment')",
        },
        {
            content: "Open the logged segment's interactions",
            trigger: "button[name='action_view_entries']:has(.o_stat_value:contains('2'))",
            run: "click",
        },
        {
            content: "One interaction per contact",
            trigger: ".o_list_view .o_data_row:contains('Tour Person A'):contains('Outgoing phone call')",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('Tour Person B'):contains('Outgoing phone call')",
        },
    ],
});
