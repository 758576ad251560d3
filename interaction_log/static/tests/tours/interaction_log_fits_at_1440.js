import { registry } from "@web/core/registry";

/** Fails when a badge of the column `name` is cut (its text wider than the badge shows). */
function assertBadgesFit(name) {
    const badges = [...document.querySelectorAll(`.o_data_cell[name='${name}'] .badge`)];
    if (!badges.length) {
        throw new Error(`No ${name} badge to check`);
    }
    const cut = badges.filter((badge) => badge.scrollWidth > badge.clientWidth);
    if (cut.length) {
        throw new Error(`Cut badges: ${cut.map((badge) => badge.textContent).join(", ")}`);
    }
}

registry.category("web_tour.tours").add("interaction_log_badges_fit_in_french", {
    steps: () => [
        {
            content: "The French list shows the failed attempt's badge",
            trigger: ".o_list_view .o_data_row td[name='state'] .badge:contains('Tentative échouée')",
        },
        {
            content: "and no status badge is cut",
            trigger: ".o_list_view .o_data_row td[name='state'] .badge:contains('Enregistrée')",
            run: () => assertBadgesFit("state"),
        },
        {
            content: "nor any e-mail delivery badge",
            trigger: ".o_list_view .o_data_row td[name='delivery_status'] .badge:contains('Sortant')",
            run: () => assertBadgesFit("delivery_status"),
        },
    ],
});

registry.category("web_tour.tours").add("interaction_log_tab_badges_fit_in_french", {
    steps: () => [
        {
            content: "Open the contact's Interactions tab",
            trigger: ".o_notebook a.nav-link:contains('Interactions')",
            run: "click",
        },
        {
            content: "The tab's status badges are not cut either",
            trigger: ".o_field_widget[name='interaction_counted_entry_ids'] td[name='state'] .badge:contains('Tentative échouée')",
            run: () => assertBadgesFit("state"),
        },
    ],
});

registry.category("web_tour.tours").add("interaction_log_document_list_fits", {
    steps: () => [
        {
            content: "Open the quotation's interactions",
            trigger: ".o_form_view button[name='action_view_interactions']",
            run: "click",
        },
        {
            content: "The quotation's interactions show their correspondence type and version",
            trigger: ".o_list_view .o_data_row:has(td[name='correspondence_type']):has(td[name='version_no'])",
        },
        {
            content: "and every column, the status included, fits at 1440 px without scrolling",
            trigger: ".o_list_view .o_data_row td[name='state'] .badge",
            run() {
                const renderer = document.querySelector(".o_list_renderer");
                if (renderer.scrollWidth > renderer.clientWidth) {
                    throw new Error(
                        `The list scrolls sideways: ${renderer.scrollWidth} > ${renderer.clientWidth}`
                    );
                }
                assertBadgesFit("state");
            },
        },
    ],
});

registry.category("web_tour.tours").add("interaction_log_settings_readable", {
    steps: () => [
        {
            content: "Settings → Interactions explains the meetings template (in French)",
            trigger: "#interaction_template_meeting .text-muted:contains('Les réunions du calendrier terminées')",
        },
        {
            content: "and its selector shows the whole template name",
            trigger: "#interaction_template_meeting .o_field_widget[name='interaction_template_meeting_id'] input",
            run() {
                for (const name of ["interaction_template_email_id", "interaction_template_meeting_id"]) {
                    const input = document.querySelector(`.o_field_widget[name='${name}'] input`);
                    if (input.scrollWidth > input.clientWidth) {
                        throw new Error(`${name} is cut: "${input.value}"`);
                    }
                }
                // The longest French kind and template names of the Sales list.
                const cells = [...document.querySelectorAll("#interaction_setup_sales .o_data_cell")];
                const cut = cells.filter((cell) => cell.scrollWidth > cell.clientWidth);
                if (!cells.length || cut.length) {
                    throw new Error(`Sales document kinds cut: ${cut.map((cell) => cell.textContent).join(", ")}`);
                }
            },
        },
    ],
});
