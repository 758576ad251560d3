import { registry } from "@web/core/registry";

const PAYLOAD = `<img src="x" onerror="window.interactionLogInjected = true">`;

registry.category("web_tour.tours").add("interaction_log_html_as_text", {
    steps: () => [
        {
            content: "The description is shown as text in the contact's interactions",
            trigger: `.o_list_view .o_data_row td[name='description_shown']:contains('${PAYLOAD}')`,
            run: "click",
        },
        {
            content: "and in the form, with the note, as text",
            trigger: ".o_form_view .o_field_widget[name='note'] textarea",
            run() {
                const note = document.querySelector(".o_form_view .o_field_widget[name='note'] textarea");
                if (!note.value.includes("<script>")) {
                    throw new Error(`The note was not shown as text: ${note.value}`);
                }
            },
        },
        {
            content: "Nothing of it ran, and no image was made of it",
            trigger: "body",
            run() {
                if (window.interactionLogInjected) {
                    throw new Error("HTML from an interaction was executed");
                }
                if (document.querySelector("img[src='x']")) {
                    throw new Error("HTML from an interaction was rendered as markup");
                }
            },
        },
    ],
});
