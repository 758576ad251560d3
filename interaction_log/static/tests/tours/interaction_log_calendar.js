import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("interaction_log_calendar", {
    steps: () => [
        {
            content: "The entry is titled with its contact and its description",
            trigger: ".fc-event:contains('Calendar Contact — Long meeting')",
        },
        {
            content: "and cannot be dragged: the calendar is read-only",
            trigger: ".fc-event:contains('Calendar Contact — Long meeting'):not(.fc-event-draggable):not(.fc-event-resizable)",
            run: "click",
        },
        {
            content: "It lasts its own 90 minutes, not one hour",
            trigger: ".o_cw_popover:contains('1 hour, 30 minutes')",
        },
    ],
});
