import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("interaction_log_activity_done", {
    steps: () => [
        {
            content: "Mark the planned call done from the contact's chatter",
            trigger: ".o-mail-Activity:contains('Tour call about the offer') .o-mail-Activity-markDone",
            run: "click",
        },
        {
            content: "Type what was said",
            trigger: ".o-mail-ActivityMarkAsDone textarea",
            run: "edit He wants the offer by Friday",
        },
        {
            content: "Done",
            trigger: ".o-mail-ActivityMarkAsDone button[aria-label='Done']",
            run: "click",
        },
        {
            content: "The chatter shows the call as done",
            trigger: ".o-mail-Message:contains('He wants the offer by Friday')",
        },
        {
            content: "Open the contact's interactions",
            trigger: "button[name='action_view_interactions']",
            run: "click",
        },
        {
            content: "The call is logged",
            trigger: ".o_list_view .o_data_row td[name='description_shown']:contains('Tour call about the offer')",
            run: "click",
        },
        {
            content: "with the feedback as its note",
            trigger: ".o_form_view .o_field_widget[name='note'] textarea:value('He wants the offer by Friday')",
        },
    ],
});
